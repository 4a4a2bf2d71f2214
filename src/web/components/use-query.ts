/**
 * `useQuery`: runs SQL when its inputs change and exposes loading / result / error,
 * cancelling a superseded request so a fast typist never sees stale results.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client.ts';
import { ApiRequestError } from '../api/api-error.ts';
import type { QueryResult } from '../api/types.ts';

export interface QueryState {
  readonly result: QueryResult | null;
  readonly error: ApiRequestError | null;
  readonly loading: boolean;
}

/** Runs `sql` (skipped when null) whenever `sql` or `nonce` changes. */
export function useQuery(api: ApiClient, sql: string | null, nonce: unknown = 0, limit?: number): QueryState {
  const [state, setState] = useState<QueryState>({ result: null, error: null, loading: sql !== null });
  const current = useRef<AbortController | null>(null);
  useEffect(() => {
    if (sql === null) {
      setState({ result: null, error: null, loading: false });
      return;
    }
    current.current?.abort();
    const ctrl = new AbortController();
    current.current = ctrl;
    setState((s) => ({ ...s, loading: true }));
    api
      .query(sql, { signal: ctrl.signal, limit })
      .then((result) => {
        if (!ctrl.signal.aborted) setState({ result, error: null, loading: false });
      })
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        const e = err instanceof ApiRequestError ? err : new ApiRequestError('client', err instanceof Error ? err.message : String(err), 0);
        setState({ result: null, error: e, loading: false });
      });
    return () => ctrl.abort();
  }, [api, sql, nonce, limit]);
  return state;
}

/** Calls `fn` every `ms` milliseconds while `ms > 0`. */
export function useInterval(fn: () => void, ms: number): void {
  const saved = useRef(fn);
  saved.current = fn;
  useEffect(() => {
    if (!(ms > 0)) return;
    const id = setInterval(() => saved.current(), ms);
    return () => clearInterval(id);
  }, [ms]);
}

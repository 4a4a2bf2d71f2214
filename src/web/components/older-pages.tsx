/**
 * "Load older" under a newest-first list (Logs, Traces): each click fetches the next
 * page with the same filters, keyed on the oldest timestamp shown (`sql/older-page.ts`),
 * and appends it; the list says when nothing older is left in the range.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client.ts';
import type { Row } from '../api/types.ts';
import { countText } from './count-text.ts';
import { olderPage, olderThan, type OlderThan, type PagingRules } from '../sql/older-page.ts';

/** More may exist, a page is on its way, nothing older is left, or the last page failed. */
export type OlderStatus = 'more' | 'loading' | 'end' | 'error';

/** The older rows fetched so far and how to get the next page. */
export interface OlderPages {
  /** The first page followed by every older page fetched. */
  readonly rows: readonly Row[];
  readonly status: OlderStatus;
  readonly error: string | null;
  readonly loadOlder: () => void;
}

const NONE: readonly Row[] = [];

interface Loaded {
  readonly key: string;
  readonly rows: readonly Row[];
  readonly status: OlderStatus;
  readonly error: string | null;
}

/**
 * Pages older than `first` (the newest-first first page, fetched with SQL text `firstSql`);
 * `pageSql` builds the SQL of the page before a keyset and `rules` say which column is the
 * keyset, what identifies a row, and when a page is the last. A new first page (other
 * filters, another range) forgets the older rows.
 */
export function useOlderPages(api: ApiClient, firstSql: string, first: readonly Row[] | null, rules: PagingRules, pageSql: (older: OlderThan) => string): OlderPages {
  const [loaded, setLoaded] = useState<Loaded>({ key: firstSql, rows: NONE, status: 'more', error: null });
  const ctrl = useRef<AbortController | null>(null);
  useEffect(() => () => ctrl.current?.abort(), [firstSql]);
  const current: Loaded = loaded.key === firstSql ? loaded : { key: firstSql, rows: NONE, status: 'more', error: null };
  const base = first ?? NONE;
  const rows = useMemo(() => (current.rows.length > 0 ? [...base, ...current.rows] : base), [base, current.rows]);
  const status: OlderStatus = current.rows.length === 0 && current.status === 'more' && first !== null && rules.isLastPage(base, null) ? 'end' : current.status;
  const loadOlder = (): void => {
    const older = olderThan(rows, rules.tsColumn);
    if (older === null || status === 'loading' || status === 'end') return;
    ctrl.current?.abort();
    const c = new AbortController();
    ctrl.current = c;
    const key = firstSql;
    setLoaded({ ...current, status: 'loading', error: null });
    api
      .query(pageSql(older), { signal: c.signal })
      .then((res) => {
        if (c.signal.aborted) return;
        const { added, end } = olderPage(res.rows, older, rules);
        setLoaded({ key, rows: [...current.rows, ...added], status: end ? 'end' : 'more', error: null });
      })
      .catch((err: unknown) => {
        if (c.signal.aborted) return;
        setLoaded({ ...current, status: 'error', error: err instanceof Error ? err.message : String(err) });
      });
  };
  return { rows, status, error: current.error, loadOlder };
}

/** The end of a paged list: the button, progress, or "nothing older". */
/** `noun` is singular (`record`, `trace`, `span`). */
export function OlderFooter(props: { pages: OlderPages; noun: string }): JSX.Element | null {
  const p = props.pages;
  if (p.rows.length === 0) return null;
  if (p.status === 'end') {
    return (
      <div class="older-footer muted" data-testid="older-end">
        Nothing older in this time range ({countText(p.rows.length, props.noun)} listed). Widen the range to see older ones.
      </div>
    );
  }
  return (
    <div class="older-footer">
      {p.error ? <span class="error-text">Loading older {props.noun}s failed: {p.error} </span> : null}
      <button type="button" onClick={p.loadOlder} disabled={p.status === 'loading'} data-testid="load-older">
        {p.status === 'loading' ? 'Loading older…' : p.error ? 'Retry' : `Load older ${props.noun}s`}
      </button>
    </div>
  );
}

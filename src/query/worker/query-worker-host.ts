/**
 * The worker side of query execution. A worker entry file (one per deployment: the
 * server wires storage, tests wire in-memory tables) calls `startQueryWorker` with a
 * `CatalogOpener` that turns the main thread's catalog description into TableSources;
 * the engine then runs unchanged inside the worker. Results go back with their typed
 * arrays transferred.
 */
import { AppError } from '../../common/index.ts';
import { runQuery } from '../engine/run-query.ts';
import type { QueryCatalog } from '../engine/query-context.ts';
import { QueryCancelledError } from '../errors.ts';
import { encodeResult } from './result-transfer.ts';
import type { ErrorData, FromWorker, ToWorker } from './worker-protocol.ts';

/** Opens the catalog described by the main thread; `release` runs when the query ends. */
export type CatalogOpener = (description: unknown) => { readonly catalog: QueryCatalog; release(): void };

/** The minimal worker-global surface used here (Bun and browsers both provide it). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
}

function errorData(err: unknown): ErrorData {
  if (err instanceof AppError) return { name: err.name, code: err.code, message: err.message, retryable: err.retryable };
  return { name: 'InternalError', code: 'internal', message: err instanceof Error ? err.message : String(err), retryable: false };
}

/** Serves queries on this worker thread until it is terminated. */
export function startQueryWorker(openCatalog: CatalogOpener, scope: WorkerScope = globalThis as unknown as WorkerScope): void {
  const running = new Map<number, AbortController>();
  scope.onmessage = (event) => {
    const msg = event.data;
    if (msg.type === 'cancel') {
      running.get(msg.id)?.abort(new QueryCancelledError());
      return;
    }
    const controller = new AbortController();
    running.set(msg.id, controller);
    void (async () => {
      let opened: ReturnType<CatalogOpener> | null = null;
      try {
        opened = openCatalog(msg.catalog);
        const result = await runQuery(msg.sql, { tenant: msg.tenant, catalog: opened.catalog, limits: msg.limits, nowMs: msg.nowMs, signal: controller.signal });
        const encoded = encodeResult(result);
        scope.postMessage({ type: 'result', id: msg.id, result: encoded.result }, encoded.transfer);
      } catch (err) {
        scope.postMessage({ type: 'error', id: msg.id, error: errorData(err) });
      } finally {
        running.delete(msg.id);
        opened?.release();
      }
    })();
  };
  scope.postMessage({ type: 'ready' });
}

/**
 * The worker side of query execution. A worker entry file (one per deployment: the
 * server wires storage, tests wire in-memory tables) calls `startQueryWorker` with a
 * `CatalogOpener` that turns the main thread's catalog description into TableSources;
 * the engine then runs unchanged inside the worker. Results go back with their typed
 * arrays transferred. Whatever the opener caches between queries (decoded Parquet
 * chunks, footers) it empties in `dropCaches`, on the main side's request.
 */
import { AppError } from '../../common/index.ts';
import { runQuery } from '../engine/run-query.ts';
import type { QueryCatalog, QueryLimits } from '../engine/query-context.ts';
import { QueryCancelledError } from '../errors.ts';
import { encodeResult } from './result-transfer.ts';
import type { ErrorData, FromWorker, ToWorker } from './worker-protocol.ts';

/** What a worker knows about the query it opens a catalog for. */
export interface CatalogOpenContext {
  readonly limits: QueryLimits;
  /** Workers in the pool this worker belongs to. */
  readonly workers: number;
}

/** Opens the catalog described by the main thread; `release` runs when the query ends. */
export type CatalogOpener = (description: unknown, context: CatalogOpenContext) => { readonly catalog: QueryCatalog; release(): void };

/** Optional worker hooks. */
export interface QueryWorkerHooks {
  /** Empties caches kept between queries (WorkerQueryRunner.dropCaches). */
  readonly dropCaches?: () => void;
}

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
export function startQueryWorker(openCatalog: CatalogOpener, hooks: QueryWorkerHooks = {}, scope: WorkerScope = globalThis as unknown as WorkerScope): void {
  const running = new Map<number, AbortController>();
  scope.onmessage = (event) => {
    const msg = event.data;
    if (msg.type === 'cancel') {
      running.get(msg.id)?.abort(new QueryCancelledError());
      return;
    }
    if (msg.type === 'drop-caches') {
      hooks.dropCaches?.();
      scope.postMessage({ type: 'caches-dropped', id: msg.id });
      return;
    }
    const controller = new AbortController();
    running.set(msg.id, controller);
    void (async () => {
      let opened: ReturnType<CatalogOpener> | null = null;
      try {
        opened = openCatalog(msg.catalog, { limits: msg.limits, workers: msg.workers });
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

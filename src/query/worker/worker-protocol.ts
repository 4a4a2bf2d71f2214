/**
 * Messages between the main thread (WorkerQueryRunner) and a query worker
 * (startQueryWorker). All of them are structured-clonable; result buffers are
 * transferred.
 */
import type { QueryLimits, QueryResult } from '../engine/query-context.ts';

export interface RunMessage {
  readonly type: 'run';
  readonly id: number;
  readonly sql: string;
  readonly tenant: string;
  readonly limits: QueryLimits;
  readonly nowMs: number;
  /** Whatever the main-side `describeCatalog` hook produced (e.g. storage snapshot descriptors). */
  readonly catalog: unknown;
  /** Number of workers in the pool (the worker sizes its caches from it and limits.memoryBytes). */
  readonly workers: number;
}

export interface CancelMessage {
  readonly type: 'cancel';
  readonly id: number;
}

/** Empty the worker's caches (decoded chunks, footers); answered with `caches-dropped`. */
export interface DropCachesMessage {
  readonly type: 'drop-caches';
  readonly id: number;
}

export type ToWorker = RunMessage | CancelMessage | DropCachesMessage;

/** An error as data: enough to rebuild the AppError subclass on the main thread. */
export interface ErrorData {
  readonly name: string;
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
}

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly result: QueryResult }
  | { readonly type: 'error'; readonly id: number; readonly error: ErrorData }
  | { readonly type: 'caches-dropped'; readonly id: number };

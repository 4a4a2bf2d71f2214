/**
 * `QueryEngine`: admission control in front of an executor (in-process `runQuery`, or a
 * WorkerQueryRunner). At most `maxConcurrent` queries run; up to `maxQueued` more wait
 * in FIFO order, beyond that callers get QueueFullError (retryable). The timeout covers
 * queueing and running: at the deadline the caller gets QueryTimeoutError at once, the
 * query is told to stop through its signal, and its slot is freed only when the
 * executor has actually finished.
 */
import { systemClock, type Clock } from '../../common/index.ts';
import { QueryCancelledError, QueryTimeoutError, QueueFullError } from '../errors.ts';
import { runQuery } from './run-query.ts';
import type { QueryCatalog, QueryLimits, QueryResult } from './query-context.ts';

export interface ScheduledQuery {
  readonly tenant: string;
  readonly limits: QueryLimits;
  readonly signal?: AbortSignal;
  readonly nowMs?: number;
}

/** Runs one admitted query; must honour `signal` and `limits.timeoutMs`. */
export type QueryExecutor = (sql: string, request: ScheduledQuery & { readonly signal: AbortSignal }) => Promise<QueryResult>;

export interface QueryEngineOptions {
  readonly maxConcurrent: number;
  /** Queries allowed to wait for a slot (default 4 × maxConcurrent). */
  readonly maxQueued?: number;
  readonly execute: QueryExecutor;
  readonly clock?: Clock;
}

interface Waiter {
  readonly start: () => void;
  readonly fail: (err: Error) => void;
}

/** An executor that runs queries on this thread over a fixed catalog. */
export function inProcessExecutor(catalog: QueryCatalog): QueryExecutor {
  return (sql, request) => runQuery(sql, { tenant: request.tenant, catalog, limits: request.limits, signal: request.signal, nowMs: request.nowMs });
}

export class QueryEngine {
  private active = 0;
  private readonly queue: Waiter[] = [];
  private readonly clock: Clock;
  private readonly maxQueued: number;

  constructor(private readonly options: QueryEngineOptions) {
    this.clock = options.clock ?? systemClock;
    this.maxQueued = options.maxQueued ?? 4 * options.maxConcurrent;
  }

  /** Queries executing now. */
  get running(): number {
    return this.active;
  }

  /** Queries waiting for a slot. */
  get queued(): number {
    return this.queue.length;
  }

  /** Runs `sql` when a slot is free, within the request's timeout. */
  run(sql: string, request: ScheduledQuery): Promise<QueryResult> {
    const timeoutMs = request.limits.timeoutMs;
    const deadline = this.clock.monotonicMs() + timeoutMs;
    if (request.signal?.aborted === true) return Promise.reject(new QueryCancelledError());
    if (this.active >= this.options.maxConcurrent && this.queue.length >= this.maxQueued) {
      return Promise.reject(new QueueFullError(this.options.maxConcurrent, this.maxQueued));
    }
    return new Promise<QueryResult>((resolve, reject) => {
      let settled = false;
      const controller = new AbortController();
      const settle = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onCancel);
        fn();
      };
      const waiter: Waiter = {
        start: () => {
          this.active++;
          const remaining = Math.max(1, deadline - this.clock.monotonicMs());
          this.options
            .execute(sql, { ...request, limits: { ...request.limits, timeoutMs: remaining }, signal: controller.signal })
            .then(
              (r) => settle(() => resolve(r)),
              (e: unknown) => settle(() => reject(e)),
            )
            .finally(() => {
              this.active--;
              this.startNext();
            });
        },
        fail: (err) => settle(() => reject(err)),
      };
      const onCancel = (): void => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        controller.abort(new QueryCancelledError());
        settle(() => reject(new QueryCancelledError()));
      };
      const timer = setTimeout(() => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        const err = new QueryTimeoutError(timeoutMs);
        controller.abort(err);
        settle(() => reject(err));
      }, timeoutMs);
      request.signal?.addEventListener('abort', onCancel, { once: true });
      if (this.active < this.options.maxConcurrent) waiter.start();
      else this.queue.push(waiter);
    });
  }

  private startNext(): void {
    while (this.active < this.options.maxConcurrent && this.queue.length > 0) this.queue.shift()!.start();
  }
}

/**
 * `QueryEngine`: admission control in front of an executor (in-process `runQuery`, or a
 * WorkerQueryRunner). At most `maxConcurrent` queries run; up to `maxQueued` more wait,
 * beyond that callers get QueueFullError (retryable). Tenants share fairly without
 * leaving slots idle: a tenant may run more than half the slots only while no other
 * tenant is waiting, a freed slot goes first to waiting tenants under that half
 * (round-robin, FIFO within a tenant), and one tenant may fill at most three quarters of
 * the queue, so a flood from one tenant never refuses another tenant's query and delays
 * it by at most one running query. A single-tenant install uses every slot. The timeout covers
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
}

/** One tenant's share: queries running and waiting. */
interface TenantLoad {
  running: number;
  readonly queue: Waiter[];
}

/** An executor that runs queries on this thread over a fixed catalog. */
export function inProcessExecutor(catalog: QueryCatalog): QueryExecutor {
  return (sql, request) => runQuery(sql, { tenant: request.tenant, catalog, limits: request.limits, signal: request.signal, nowMs: request.nowMs });
}

export class QueryEngine {
  private active = 0;
  private waiting = 0;
  /** Tenants with running or waiting queries (dropped when they have none). */
  private readonly tenants = new Map<string, TenantLoad>();
  /** Tenants with waiting queries, next to be served first; a served tenant moves to the back. */
  private readonly turns: string[] = [];
  private readonly clock: Clock;
  private readonly maxQueued: number;
  private readonly tenantMaxRunning: number;
  private readonly tenantMaxQueued: number;

  constructor(private readonly options: QueryEngineOptions) {
    this.clock = options.clock ?? systemClock;
    this.maxQueued = options.maxQueued ?? 4 * options.maxConcurrent;
    this.tenantMaxRunning = Math.max(1, Math.ceil(options.maxConcurrent / 2));
    this.tenantMaxQueued = Math.max(1, this.maxQueued - Math.ceil(this.maxQueued / 4));
  }

  /** Queries executing now. */
  get running(): number {
    return this.active;
  }

  /** Queries waiting for a slot. */
  get queued(): number {
    return this.waiting;
  }

  /** Runs `sql` when a slot is free, within the request's timeout. */
  run(sql: string, request: ScheduledQuery): Promise<QueryResult> {
    const timeoutMs = request.limits.timeoutMs;
    const deadline = this.clock.monotonicMs() + timeoutMs;
    if (request.signal?.aborted === true) return Promise.reject(new QueryCancelledError());
    const load = this.tenants.get(request.tenant) ?? { running: 0, queue: [] };
    const canStart =
      this.active < this.options.maxConcurrent && load.queue.length === 0 && (load.running < this.tenantMaxRunning || !this.othersWaiting(request.tenant));
    if (!canStart && load.queue.length >= this.tenantMaxQueued) {
      return Promise.reject(new QueueFullError(load.running, this.tenantMaxQueued, true));
    }
    if (!canStart && this.waiting >= this.maxQueued) {
      return Promise.reject(new QueueFullError(this.options.maxConcurrent, this.maxQueued));
    }
    this.tenants.set(request.tenant, load);
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
          load.running++;
          const remaining = Math.max(1, deadline - this.clock.monotonicMs());
          this.options
            .execute(sql, { ...request, limits: { ...request.limits, timeoutMs: remaining }, signal: controller.signal })
            .then(
              (r) => settle(() => resolve(r)),
              (e: unknown) => settle(() => reject(e)),
            )
            .finally(() => {
              this.active--;
              load.running--;
              this.forgetIfIdle(request.tenant, load);
              this.startNext();
            });
        },
      };
      const onCancel = (): void => {
        this.dequeue(request.tenant, load, waiter);
        controller.abort(new QueryCancelledError());
        settle(() => reject(new QueryCancelledError()));
      };
      const timer = setTimeout(() => {
        this.dequeue(request.tenant, load, waiter);
        const err = new QueryTimeoutError(timeoutMs);
        controller.abort(err);
        settle(() => reject(err));
      }, timeoutMs);
      request.signal?.addEventListener('abort', onCancel, { once: true });
      if (canStart) waiter.start();
      else {
        load.queue.push(waiter);
        this.waiting++;
        if (load.queue.length === 1) this.turns.push(request.tenant);
      }
    });
  }

  /** True when a tenant other than `tenant` has queries waiting. */
  private othersWaiting(tenant: string): boolean {
    return this.turns.length > (this.turns.includes(tenant) ? 1 : 0);
  }

  /**
   * Fills free slots, taking turns among the waiting tenants: those under half the slots
   * first; when every waiting tenant is over it, still the next in turn (no idle slots).
   */
  private startNext(): void {
    while (this.active < this.options.maxConcurrent && this.turns.length > 0) {
      let k = 0;
      while (k < this.turns.length && this.tenants.get(this.turns[k])!.running >= this.tenantMaxRunning) k++;
      if (k === this.turns.length) k = 0;
      const tenant = this.turns[k];
      const load = this.tenants.get(tenant)!;
      this.turns.splice(k, 1);
      const waiter = load.queue.shift()!;
      this.waiting--;
      if (load.queue.length > 0) this.turns.push(tenant);
      waiter.start();
    }
  }

  /** Takes a waiter out of its tenant's queue (a no-op once it has started). */
  private dequeue(tenant: string, load: TenantLoad, waiter: Waiter): void {
    const i = load.queue.indexOf(waiter);
    if (i < 0) return;
    load.queue.splice(i, 1);
    this.waiting--;
    if (load.queue.length === 0) this.turns.splice(this.turns.indexOf(tenant), 1);
    this.forgetIfIdle(tenant, load);
  }

  private forgetIfIdle(tenant: string, load: TenantLoad): void {
    if (load.running === 0 && load.queue.length === 0 && this.tenants.get(tenant) === load) this.tenants.delete(tenant);
  }
}

/**
 * Runs queries on a pool of worker threads so that no query can stall the write path
 * (SPEC §7). The main thread only takes snapshots (through the injected
 * `describeCatalog` hook, which is where storage's `toTransferable()` goes) and
 * receives result batches whose buffers are transferred. A worker that does not answer
 * within the query timeout plus a grace period is terminated and replaced: the hard
 * stop for a runaway query; its other queries fail with a retryable error.
 */
import { AppError, InternalError, systemClock, type Clock, type Logger } from '../../common/index.ts';
import type { QueryLimits, QueryResult } from '../engine/query-context.ts';
import { QueryCancelledError, QueryTimeoutError } from '../errors.ts';
import { MEMORY_POOL_SLOTS, releaseSlot, type MemoryPoolShare } from '../exec/index.ts';
import { rebuildError } from './remote-error.ts';
import type { FromWorker, ToWorker } from './worker-protocol.ts';

/** What the main side hands one worker for one query. */
export interface CatalogDescription {
  /** Structured-clonable description the worker's CatalogOpener understands. */
  readonly description: unknown;
  /** Buffers to transfer with it (rarely needed: head columns are shared memory). */
  readonly transfer?: Transferable[];
  /** Called exactly once when the worker is done with the query (or died): unpins snapshots. */
  release(): void;
}

export interface WorkerQueryRunnerOptions<P> {
  /** The worker entry (path or URL of a file that calls startQueryWorker). */
  readonly workerEntry: string | URL;
  /** Number of worker threads (1–2 on a 2-core machine). */
  readonly workers: number;
  /** Per-worker main-side state (e.g. storage's DictionaryPeer), made for each new worker. */
  readonly createPeer: () => P;
  /** Snapshots every table for `tenant` and describes them for the worker owning `peer`. */
  readonly describeCatalog: (tenant: string, peer: P) => CatalogDescription;
  /** How long past its timeout a query may run before its worker is terminated (default 2 s). */
  readonly killGraceMs?: number;
  readonly logger?: Logger;
  readonly clock?: Clock;
}

export interface WorkerQueryRequest {
  readonly tenant: string;
  readonly limits: QueryLimits;
  readonly signal?: AbortSignal;
  readonly nowMs?: number;
}

interface Pending {
  readonly resolve: (r: QueryResult) => void;
  readonly reject: (e: unknown) => void;
  readonly catalog: CatalogDescription;
  readonly killTimer: ReturnType<typeof setTimeout>;
  readonly timeoutMs: number;
  readonly cleanup: () => void;
}

interface Slot<P> {
  worker: Worker;
  peer: P;
  readonly pending: Map<number, Pending>;
  /** dropCaches requests awaiting the worker's answer. */
  readonly drops: Map<number, () => void>;
  /** Queries assigned to this worker that are not yet in `pending` (waiting for it to start). */
  starting: number;
  ready: Promise<void>;
  /** This worker's counter in shared query memory pools (memory-pool.ts; 0 is the main thread's). */
  readonly poolSlot: number;
}

/** Distinct queries whose last worker is remembered (oldest forgotten first). */
const AFFINITY_ENTRIES = 1024;

export class WorkerQueryRunner<P = unknown> {
  private readonly slots: Slot<P>[] = [];
  /** Shared memory pools queries have named (normally one per server); see replace(). */
  private readonly pools = new Set<MemoryPoolShare>();
  /** tenant + SQL → index of the worker that ran it last (its caches hold that query's data). */
  private readonly affinity = new Map<string, number>();
  private nextId = 1;
  private closed = false;
  private readonly clock: Clock;

  constructor(private readonly options: WorkerQueryRunnerOptions<P>) {
    this.clock = options.clock ?? systemClock;
    for (let i = 0; i < Math.max(1, options.workers); i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot<P> {
    const poolSlot = 1 + (this.slots.length % (MEMORY_POOL_SLOTS - 1));
    const slot: Slot<P> = { worker: new Worker(this.options.workerEntry), peer: this.options.createPeer(), pending: new Map(), drops: new Map(), starting: 0, ready: Promise.resolve(), poolSlot };
    this.attach(slot);
    return slot;
  }

  /** Wires a slot's (new) worker to the slot's pending queries. */
  private attach(slot: Slot<P>): void {
    const worker = slot.worker;
    slot.ready = new Promise<void>((resolve) => {
      worker.onmessage = (event: MessageEvent<FromWorker>) => {
        const msg = event.data;
        if (msg.type === 'ready') {
          resolve();
          return;
        }
        if (msg.type === 'caches-dropped') {
          slot.drops.get(msg.id)?.();
          slot.drops.delete(msg.id);
          return;
        }
        const p = slot.pending.get(msg.id);
        if (p === undefined) return;
        this.finish(slot, msg.id, p);
        if (msg.type === 'result') p.resolve(msg.result);
        else p.reject(rebuildError(msg.error));
      };
    });
    worker.onerror = (event: ErrorEvent) => {
      if (slot.worker !== worker) return;
      this.options.logger?.error('query worker crashed', { error: event.message });
      this.replace(slot, new InternalError(`query worker crashed: ${event.message}`));
    };
  }

  private finish(slot: Slot<P>, id: number, p: Pending): void {
    slot.pending.delete(id);
    clearTimeout(p.killTimer);
    p.cleanup();
    p.catalog.release();
  }

  /** Terminates a slot's worker, fails its queries, and starts a fresh worker in its place. */
  private replace(slot: Slot<P>, reason: AppError, timedOut?: number): void {
    void slot.worker.terminate();
    // Its queries never get to give their memory back: return all the worker held.
    for (const pool of this.pools) releaseSlot(pool, slot.poolSlot);
    for (const [id, p] of [...slot.pending]) {
      this.finish(slot, id, p);
      p.reject(id === timedOut ? new QueryTimeoutError(p.timeoutMs) : reason);
    }
    // A fresh worker has empty caches.
    for (const done of slot.drops.values()) done();
    slot.drops.clear();
    if (this.closed) return;
    slot.worker = new Worker(this.options.workerEntry);
    slot.peer = this.options.createPeer();
    this.attach(slot);
  }

  /** Number of queries currently running on workers. */
  get running(): number {
    return this.slots.reduce((n, s) => n + s.pending.size, 0);
  }

  /**
   * Runs one query: on the worker that last ran the same query (tenant and SQL, an EXPLAIN
   * of it included) unless that one is busier than the least busy worker by more than one
   * query — a dashboard refresh then finds its decoded chunks in that worker's cache —
   * else on the least busy worker.
   */
  async run(sql: string, request: WorkerQueryRequest): Promise<QueryResult> {
    if (this.closed) throw new InternalError('query runner is closed');
    if (request.signal?.aborted === true) throw new QueryCancelledError();
    const slot = this.pickSlot(`${request.tenant}\u0000${sql.replace(/^\s*explain(\s+analyze)?\s+/i, '').trim()}`);
    // Counted as busy at once, so that queries arriving together spread over the workers.
    slot.starting++;
    try {
      await slot.ready;
    } finally {
      slot.starting--;
    }
    // The caller may have given up while the worker was starting.
    if (isAborted(request.signal)) throw new QueryCancelledError();
    const catalog = this.options.describeCatalog(request.tenant, slot.peer);
    const id = this.nextId++;
    const msg: ToWorker = {
      type: 'run',
      id,
      sql,
      tenant: request.tenant,
      limits: this.limitsFor(request.limits, slot),
      nowMs: request.nowMs ?? this.clock.nowMs(),
      catalog: catalog.description,
      workers: this.slots.length,
    };
    return new Promise<QueryResult>((resolve, reject) => {
      const onAbort = (): void => slot.worker.postMessage({ type: 'cancel', id } satisfies ToWorker);
      request.signal?.addEventListener('abort', onAbort, { once: true });
      const grace = this.options.killGraceMs ?? 2000;
      const killTimer = setTimeout(() => {
        if (!slot.pending.has(id)) return;
        this.options.logger?.warn('query worker unresponsive past the timeout; restarting it', { timeoutMs: request.limits.timeoutMs });
        this.replace(slot, new AppError('query_worker_restarted', 'query worker was restarted while this query ran; retry', { retryable: true }), id);
      }, request.limits.timeoutMs + grace);
      slot.pending.set(id, { resolve, reject, catalog, killTimer, timeoutMs: request.limits.timeoutMs, cleanup: () => request.signal?.removeEventListener('abort', onAbort) });
      try {
        slot.worker.postMessage(msg, catalog.transfer ?? []);
      } catch (err) {
        const p = slot.pending.get(id);
        if (p !== undefined) this.finish(slot, id, p);
        reject(err);
      }
    });
  }

  /** The request's limits, with a shared memory pool (if any) counted in this worker's slot. */
  private limitsFor(limits: QueryLimits, slot: Slot<P>): QueryLimits {
    if (limits.memoryPool === undefined) return limits;
    this.pools.add(limits.memoryPool);
    return { ...limits, memoryPool: { ...limits.memoryPool, slot: slot.poolSlot } };
  }

  private pickSlot(key: string): Slot<P> {
    const busy = (i: number): number => this.slots[i].pending.size + this.slots[i].starting;
    let least = 0;
    for (let i = 1; i < this.slots.length; i++) if (busy(i) < busy(least)) least = i;
    const last = this.affinity.get(key);
    const index = last !== undefined && last < this.slots.length && busy(last) <= busy(least) + 1 ? last : least;
    this.affinity.delete(key);
    this.affinity.set(key, index);
    if (this.affinity.size > AFFINITY_ENTRIES) this.affinity.delete(this.affinity.keys().next().value as string);
    return this.slots[index];
  }

  /**
   * Empties every worker's caches (decoded Parquet chunks, footers) and resolves when all
   * have done so: the next query of each worker reads its data cold. For benchmarks and
   * tests; queries running meanwhile are not affected.
   */
  async dropCaches(): Promise<void> {
    if (this.closed) return;
    await Promise.all(
      this.slots.map(async (slot) => {
        await slot.ready;
        const id = this.nextId++;
        await new Promise<void>((resolve) => {
          slot.drops.set(id, resolve);
          slot.worker.postMessage({ type: 'drop-caches', id } satisfies ToWorker);
        });
      }),
    );
  }

  /** Terminates every worker; running queries fail with QueryCancelledError. */
  async close(): Promise<void> {
    this.closed = true;
    for (const slot of this.slots) {
      for (const done of slot.drops.values()) done();
      slot.drops.clear();
      for (const [id, p] of [...slot.pending]) {
        this.finish(slot, id, p);
        p.reject(new QueryCancelledError());
      }
      await slot.worker.terminate();
    }
  }
}

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/**
 * The memory all running queries may hold together, shared by the query worker threads
 * through a SharedArrayBuffer. Each query's MemoryBudget (query.memory_mb) also draws
 * from this pool, so sixteen admitted queries cannot each take their full budget at once
 * and push the process past the service's MemoryMax: the query whose reservation would
 * cross the pool's limit fails with the memory error, the others go on.
 *
 * Each thread counts in its own slot (0 = the main thread; WorkerQueryRunner gives each
 * worker one), and the pool's use is the sum of the slots. When a worker is terminated
 * mid-query, whatever it held is returned by zeroing its slot (releaseSlot): its queries
 * never reach the code that would give their bytes back.
 */
import { QueryMemoryExceededError } from '../errors.ts';

/** Slots in a pool: the main thread plus up to this many minus one workers. */
export const MEMORY_POOL_SLOTS = 16;

/** What crosses to a worker (inside QueryLimits): the shared counters, the limit and the thread's slot. */
export interface MemoryPoolShare {
  readonly buffer: SharedArrayBuffer;
  readonly limitBytes: number;
  /** The slot this thread counts in (default 0, the main thread). */
  readonly slot?: number;
}

/** Creates a pool all queries of a server share (main thread; pass `share` along). */
export function createMemoryPool(limitBytes: number): MemoryPoolShare {
  return { buffer: new SharedArrayBuffer(8 * MEMORY_POOL_SLOTS), limitBytes };
}

/** Returns everything slot `slot` holds (its thread was terminated). */
export function releaseSlot(share: MemoryPoolShare, slot: number): void {
  Atomics.store(new BigInt64Array(share.buffer), slot, 0n);
}

/** A thread's handle on a shared pool. */
export class MemoryPool {
  private readonly used: BigInt64Array;
  private readonly slot: number;

  constructor(readonly share: MemoryPoolShare) {
    this.used = new BigInt64Array(share.buffer);
    this.slot = share.slot ?? 0;
  }

  /** Bytes held by all running queries now. */
  get usedBytes(): number {
    return Number(this.total());
  }

  /** Takes `bytes` or, when that would cross the limit, takes nothing and throws. */
  reserve(bytes: number, budgetMb: number): void {
    const delta = BigInt(Math.ceil(bytes));
    Atomics.add(this.used, this.slot, delta);
    if (this.total() > BigInt(this.share.limitBytes)) {
      Atomics.sub(this.used, this.slot, delta);
      throw new QueryMemoryExceededError(budgetMb, Math.round(this.share.limitBytes / 1048576));
    }
  }

  release(bytes: number): void {
    Atomics.sub(this.used, this.slot, BigInt(Math.ceil(bytes)));
  }

  private total(): bigint {
    let sum = 0n;
    for (let i = 0; i < this.used.length; i++) sum += Atomics.load(this.used, i);
    return sum;
  }
}

/**
 * The memory all running queries may hold together, shared by the query worker threads
 * through a SharedArrayBuffer. Each query's MemoryBudget (query.memory_mb) also draws
 * from this pool, so sixteen admitted queries cannot each take their full budget at once
 * and push the process past the service's MemoryMax: the query whose reservation would
 * cross the pool's limit fails with the memory error, the others go on.
 */
import { QueryMemoryExceededError } from '../errors.ts';

/** What crosses to a worker (inside QueryLimits): the shared counter and its limit. */
export interface MemoryPoolShare {
  readonly buffer: SharedArrayBuffer;
  readonly limitBytes: number;
}

/** Creates a pool all queries of a server share (main thread; pass `share` along). */
export function createMemoryPool(limitBytes: number): MemoryPoolShare {
  return { buffer: new SharedArrayBuffer(8), limitBytes };
}

/** A thread's handle on a shared pool. */
export class MemoryPool {
  private readonly used: BigInt64Array;

  constructor(readonly share: MemoryPoolShare) {
    this.used = new BigInt64Array(share.buffer);
  }

  /** Bytes held by all running queries now. */
  get usedBytes(): number {
    return Number(Atomics.load(this.used, 0));
  }

  /** Takes `bytes` or, when that would cross the limit, takes nothing and throws. */
  reserve(bytes: number, budgetMb: number): void {
    const delta = BigInt(Math.ceil(bytes));
    const after = Atomics.add(this.used, 0, delta) + delta;
    if (after > BigInt(this.share.limitBytes)) {
      Atomics.sub(this.used, 0, delta);
      throw new QueryMemoryExceededError(budgetMb, Math.round(this.share.limitBytes / 1048576));
    }
  }

  release(bytes: number): void {
    Atomics.sub(this.used, 0, BigInt(Math.ceil(bytes)));
  }
}

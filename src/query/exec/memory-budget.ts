/**
 * Per-query memory accounting. Every materialising operator (hash tables, sort buffers,
 * join build sides, buffered scan batches) reserves what it holds; crossing the budget
 * fails only this query with the SPEC's message. Accounting is approximate (typed array
 * bytes plus an estimate for strings) but conservative enough to keep RSS bounded.
 */
import { QueryMemoryExceededError } from '../errors.ts';
import type { MemoryPool } from './memory-pool.ts';

export class MemoryBudget {
  private usedBytes = 0;
  private peakBytes = 0;
  /** Bytes this query holds of the shared pool (returned in full by `close`). */
  private pooledBytes = 0;

  constructor(
    readonly limitBytes: number,
    /** The configured budget in MB, for the error message. */
    readonly budgetMb: number,
    /** The memory all running queries share, when there is one (server). */
    private readonly pool: MemoryPool | null = null,
  ) {}

  get used(): number {
    return this.usedBytes;
  }

  get peak(): number {
    return this.peakBytes;
  }

  /** Adds `bytes` to the query's usage; throws QueryMemoryExceededError past the limit. */
  reserve(bytes: number): void {
    this.usedBytes += bytes;
    if (this.usedBytes > this.peakBytes) this.peakBytes = this.usedBytes;
    if (this.usedBytes > this.limitBytes) throw new QueryMemoryExceededError(this.budgetMb);
    if (this.pool !== null && bytes > 0) {
      const whole = Math.ceil(bytes);
      this.pool.reserve(whole, this.budgetMb);
      this.pooledBytes += whole;
    }
  }

  release(bytes: number): void {
    this.usedBytes = Math.max(0, this.usedBytes - bytes);
    if (this.pool !== null && bytes > 0) {
      const back = Math.min(this.pooledBytes, Math.ceil(bytes));
      this.pool.release(back);
      this.pooledBytes -= back;
    }
  }

  /** Ends the query's accounting: whatever it still holds goes back to the shared pool. */
  close(): void {
    if (this.pool !== null && this.pooledBytes > 0) this.pool.release(this.pooledBytes);
    this.pooledBytes = 0;
  }
}

/** One operator's share of the budget, resized as its state grows. */
export class MemoryReservation {
  private held = 0;
  private max = 0;
  constructor(private readonly budget: MemoryBudget) {}

  get bytes(): number {
    return this.held;
  }

  /** Largest reservation held so far. */
  get peak(): number {
    return this.max;
  }

  /** Sets this reservation to `bytes` (grows or shrinks the query's usage). */
  resize(bytes: number): void {
    if (bytes > this.held) {
      const delta = bytes - this.held;
      this.held = bytes;
      if (bytes > this.max) this.max = bytes;
      this.budget.reserve(delta);
    } else if (bytes < this.held) {
      this.budget.release(this.held - bytes);
      this.held = bytes;
    }
  }

  /** Adds to the reservation. */
  grow(bytes: number): void {
    this.resize(this.held + bytes);
  }

  free(): void {
    this.resize(0);
  }
}

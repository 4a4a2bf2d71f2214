/**
 * The physical operator protocol: pull-based, one ExecBatch per `next()`, null at the
 * end. The base class counts rows and inclusive time per operator for EXPLAIN ANALYZE
 * and checks for cancellation between batches; `close()` releases memory and stops
 * children (scans end their storage iteration).
 */
import { checkCancelled, yieldIfBusy, type ExecContext } from './exec-context.ts';
import { rowCount, type ExecBatch } from './exec-batch.ts';
import { MemoryReservation } from './memory-budget.ts';

export interface OperatorStats {
  rowsOut: number;
  batchesOut: number;
  /** Inclusive time spent in next() (children included, event-loop yields excluded). */
  elapsedMs: number;
  /** Operator-specific counters (scan pruning, hash table sizes, peak memory...). */
  readonly extra: Record<string, number | string>;
}

export abstract class ExecOperator {
  abstract readonly name: string;
  readonly stats: OperatorStats = { rowsOut: 0, batchesOut: 0, elapsedMs: 0, extra: {} };
  protected readonly memory: MemoryReservation;
  private closed = false;

  constructor(
    protected readonly ctx: ExecContext,
    readonly children: readonly ExecOperator[],
  ) {
    this.memory = new MemoryReservation(ctx.memory);
  }

  /** One-line description for EXPLAIN, e.g. `HashAggregateExec groups=[name] aggs=[count(*)]`. */
  abstract describe(): string;

  /** Produces the next batch, or null when exhausted. */
  protected abstract produce(): Promise<ExecBatch | null>;

  async next(): Promise<ExecBatch | null> {
    const t0 = this.ctx.clock.monotonicMs();
    const yielded0 = this.ctx.yieldState.yieldedMs;
    await yieldIfBusy(this.ctx);
    checkCancelled(this.ctx);
    try {
      const b = await this.produce();
      if (b !== null) {
        this.stats.rowsOut += rowCount(b);
        this.stats.batchesOut++;
      }
      return b;
    } finally {
      // Time spent yielded to the event loop (anywhere below) is idle, not work.
      this.stats.elapsedMs += this.ctx.clock.monotonicMs() - t0 - (this.ctx.yieldState.yieldedMs - yielded0);
    }
  }

  /** Releases memory and closes children; idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.memory.peak > 0) this.stats.extra.peakMemoryBytes = this.memory.peak;
    this.memory.free();
    this.onClose();
    for (const c of this.children) c.close();
  }

  /** Hook for operator-specific cleanup. */
  protected onClose(): void {}
}

/** Pulls every batch of an operator (for materialising operators). */
export async function drain(op: ExecOperator, onBatch: (b: ExecBatch) => void): Promise<void> {
  for (;;) {
    const b = await op.next();
    if (b === null) return;
    if (rowCount(b) > 0) onBatch(b);
  }
}

/**
 * Reads one table's snapshot for the query's tenant: only the referenced columns, with
 * pruning hints (time first), re-applying the exact filter to every batch (hints may
 * over-return), and stopping storage early once a pushed-down LIMIT is met. The batch
 * in flight is charged to the memory budget ("decoded columns").
 */
import { emptyScanStats, type Batch, type ScanPredicate, type ScanStats, type TableSnapshot } from '../../../columnar/index.ts';
import type { BoundExpr } from '../../plan/bound-expr.ts';
import { conjuncts } from '../../plan/bound-expr.ts';
import { vecsBytes } from '../../values/vec.ts';
import type { ExecBatch } from '../exec-batch.ts';
import type { ExecContext } from '../exec-context.ts';
import { ExecOperator } from '../exec-operator.ts';
import { formatExpr, formatHint } from '../../plan/explain-format.ts';

export class ScanExec extends ExecOperator {
  readonly name = 'ScanExec';
  readonly scanStats: ScanStats = emptyScanStats();
  private iterator: AsyncIterator<Batch> | null = null;
  private readonly abort = new AbortController();
  private readonly filters: readonly BoundExpr[];
  private remaining: number;
  private done = false;

  constructor(
    ctx: ExecContext,
    private readonly label: string,
    private readonly snapshot: TableSnapshot,
    private readonly columns: readonly string[],
    filter: BoundExpr | null,
    private readonly hints: readonly ScanPredicate[],
    private readonly limit: number | null,
  ) {
    super(ctx, []);
    this.filters = filter === null ? [] : conjuncts(filter);
    this.remaining = limit ?? Infinity;
    const onAbort = (): void => this.abort.abort(ctx.signal.reason);
    if (ctx.signal.aborted) onAbort();
    else ctx.signal.addEventListener('abort', onAbort, { once: true });
  }

  describe(): string {
    const parts = [`${this.name} ${this.label}`, `columns=[${this.columns.join(', ')}]`];
    if (this.filters.length > 0) parts.push(`filter=${this.filters.map((f) => formatExpr(f)).join(' AND ')}`);
    if (this.hints.length > 0) parts.push(`pruning=[${this.hints.map(formatHint).join(', ')}]`);
    if (this.limit !== null) parts.push(`limit=${this.limit}`);
    return parts.join(' ');
  }

  protected async produce(): Promise<ExecBatch | null> {
    if (this.done) return null;
    if (this.iterator === null) {
      const iterable = this.snapshot.scan({
        tenant: this.ctx.tenant,
        columns: this.columns,
        predicates: this.hints,
        batchRows: this.ctx.batchRows,
        signal: this.abort.signal,
        stats: this.scanStats,
      });
      this.iterator = iterable[Symbol.asyncIterator]();
    }
    this.memory.resize(0);
    for (;;) {
      if (this.remaining <= 0) {
        await this.finish();
        return null;
      }
      const r = await this.iterator.next();
      if (r.done === true) {
        this.done = true;
        this.publishStats();
        return null;
      }
      const batch = r.value;
      if (batch.length === 0) continue;
      this.memory.resize(batchBytes(batch));
      let sel: Int32Array | null = null;
      let eb: ExecBatch = { columns: batch.columns, length: batch.length, sel: null };
      for (const f of this.filters) {
        sel = this.ctx.evaluator.filter(f, eb);
        eb = { columns: batch.columns, length: batch.length, sel: sel.length === batch.length && eb.sel === null ? null : sel };
        if (sel.length === 0) break;
      }
      const n = eb.sel === null ? batch.length : eb.sel.length;
      if (n === 0) continue;
      if (n > this.remaining) {
        const keep = (eb.sel ?? identity(batch.length)).subarray(0, this.remaining);
        eb = { columns: batch.columns, length: batch.length, sel: keep };
      }
      this.remaining -= eb.sel === null ? batch.length : eb.sel.length;
      return eb;
    }
  }

  private async finish(): Promise<void> {
    this.done = true;
    this.abort.abort();
    await this.iterator?.return?.();
    this.publishStats();
  }

  private publishStats(): void {
    const s = this.scanStats;
    const e = this.stats.extra;
    e.partitions = `${s.partitionsRead}/${s.partitionsTotal}`;
    e.files = `${s.filesRead}/${s.filesTotal}`;
    e.rowGroups = `${s.rowGroupsRead}/${s.rowGroupsTotal}`;
    e.pages = `${s.pagesRead}/${s.pagesTotal}`;
    e.headChunks = `${s.headChunksRead}/${s.headChunksTotal}`;
    e.rowsRead = s.rowsRead;
    e.bytesRead = s.bytesRead;
  }

  protected override onClose(): void {
    if (!this.done) {
      this.done = true;
      this.abort.abort();
      void this.iterator?.return?.();
      this.publishStats();
    }
  }
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** Bytes of a decoded batch (see vecsBytes). */
export function batchBytes(batch: Batch): number {
  return vecsBytes(batch.columns, batch.length);
}

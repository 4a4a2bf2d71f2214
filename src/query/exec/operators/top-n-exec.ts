/**
 * ORDER BY ... LIMIT n: keeps only the best n rows seen so far. Rows are buffered and
 * the buffer is cut back to n whenever it doubles; after the first cut, rows whose first
 * key is worse than the current n-th row's are dropped before buffering, so memory
 * and work stay proportional to n, not to the input.
 */
import type { SortKey } from '../../plan/bound-expr.ts';
import { formatSortKey } from '../../plan/explain-format.ts';
import type { PlanField } from '../../plan/logical-plan.ts';
import { vecTypeOf } from '../../values/sql-type.ts';
import { gatherVec, sliceVec, type Vec } from '../../values/vec.ts';
import { denseColumn, rowCount, type ExecBatch } from '../exec-batch.ts';
import type { ExecContext } from '../exec-context.ts';
import { drain, ExecOperator } from '../exec-operator.ts';
import { SortBuffer } from '../sort-buffer.ts';

export class TopNExec extends ExecOperator {
  readonly name = 'TopNExec';
  private output: Vec[] | null = null;
  private rows = 0;
  private cursor = 0;
  /** The first key of the current n-th row (numeric first keys only), or null. */
  private threshold: number | null = null;

  constructor(
    ctx: ExecContext,
    input: ExecOperator,
    private readonly keys: readonly SortKey[],
    private readonly fetch: number,
    private readonly fields: readonly PlanField[],
  ) {
    super(ctx, [input]);
  }

  describe(): string {
    return `${this.name} fetch=${this.fetch} ${this.keys.map(formatSortKey).join(', ')}`;
  }

  protected async produce(): Promise<ExecBatch | null> {
    if (this.output === null) await this.build();
    if (this.cursor >= this.rows) return null;
    const start = this.cursor;
    const end = Math.min(this.rows, start + this.ctx.batchRows);
    this.cursor = end;
    return { columns: this.output!.map((v) => sliceVec(v, start, end)), length: end - start, sel: null };
  }

  private async build(): Promise<void> {
    const buffer = new SortBuffer(
      this.fields.map((f) => vecTypeOf(f.type)),
      this.keys,
      this.keys.map((k) => vecTypeOf(k.expr.type)),
    );
    const limit = Math.max(this.fetch, 1);
    const first = this.keys[0];
    const numericFirst = first.expr.type === 'bigint' || first.expr.type === 'double';
    await drain(this.children[0], (b) => {
      if (this.fetch === 0) return;
      let n = rowCount(b);
      let keys = this.keys.map((k) => this.ctx.evaluator.evaluate(k.expr, b));
      let columns = b.columns.map((_, c) => denseColumn(b, c));
      if (this.threshold !== null && numericFirst) {
        const k0 = keys[0] as Vec & { values: Float64Array; validity: Uint8Array | null };
        const t = this.threshold;
        const keep: number[] = [];
        for (let i = 0; i < n; i++) {
          const isNull = k0.validity !== null && k0.validity[i] === 0;
          // NULL placement decides on its own; keep NULLs only when they sort first.
          if (isNull ? first.nullsFirst : first.descending ? k0.values[i] >= t : k0.values[i] <= t) keep.push(i);
        }
        if (keep.length === 0) return;
        if (keep.length < n) {
          const idx = Int32Array.from(keep);
          keys = keys.map((k) => gatherVec(k, idx));
          columns = columns.map((c) => gatherVec(c, idx));
          n = idx.length;
        }
      }
      buffer.add(columns, keys, n);
      if (buffer.rowCount >= 2 * limit + 1024) {
        buffer.truncate(limit);
        this.updateThreshold(buffer, numericFirst);
      }
      this.memory.resize(buffer.byteSize * 2);
    });
    const s = buffer.sorted(this.fetch);
    this.output = s.columns;
    this.rows = s.n;
  }

  private updateThreshold(buffer: SortBuffer, numericFirst: boolean): void {
    if (!numericFirst || buffer.rowCount < this.fetch) return;
    const s = buffer.sorted(this.fetch);
    const k0 = s.keys[0] as Vec & { values: Float64Array; validity: Uint8Array | null };
    const last = s.n - 1;
    if (k0.validity !== null && k0.validity[last] === 0) return;
    this.threshold = k0.values[last];
  }
}

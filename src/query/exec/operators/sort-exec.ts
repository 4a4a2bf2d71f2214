/**
 * ORDER BY without a usable LIMIT: buffers every row (charged to the memory budget),
 * sorts once with typed-array comparable keys, then emits in order.
 */
import type { SortKey } from '../../plan/bound-expr.ts';
import { formatSortKey } from '../../plan/explain-format.ts';
import type { PlanField } from '../../plan/logical-plan.ts';
import { vecTypeOf } from '../../values/sql-type.ts';
import { sliceVec, type Vec } from '../../values/vec.ts';
import { denseColumn, rowCount, type ExecBatch } from '../exec-batch.ts';
import type { ExecContext } from '../exec-context.ts';
import { drain, ExecOperator } from '../exec-operator.ts';
import { SortBuffer } from '../sort-buffer.ts';

export class SortExec extends ExecOperator {
  readonly name = 'SortExec';
  private output: Vec[] | null = null;
  private rows = 0;
  private cursor = 0;

  constructor(
    ctx: ExecContext,
    input: ExecOperator,
    private readonly keys: readonly SortKey[],
    private readonly fields: readonly PlanField[],
  ) {
    super(ctx, [input]);
  }

  describe(): string {
    return `${this.name} ${this.keys.map(formatSortKey).join(', ')}`;
  }

  protected async produce(): Promise<ExecBatch | null> {
    if (this.output === null) {
      const buffer = new SortBuffer(
        this.fields.map((f) => vecTypeOf(f.type)),
        this.keys,
        this.keys.map((k) => vecTypeOf(k.expr.type)),
      );
      await drain(this.children[0], (b) => {
        const n = rowCount(b);
        buffer.add(
          b.columns.map((_, c) => denseColumn(b, c)),
          this.keys.map((k) => this.ctx.evaluator.evaluate(k.expr, b)),
          n,
        );
        this.memory.resize(buffer.byteSize * 2);
      });
      const s = buffer.sorted(null);
      this.output = s.columns;
      this.rows = s.n;
    }
    if (this.cursor >= this.rows) return null;
    const start = this.cursor;
    const end = Math.min(this.rows, start + this.ctx.batchRows);
    this.cursor = end;
    return { columns: this.output.map((v) => sliceVec(v, start, end)), length: end - start, sel: null };
  }
}

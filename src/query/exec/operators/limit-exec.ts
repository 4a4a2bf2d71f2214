/**
 * LIMIT / OFFSET: skips and takes rows by narrowing selections; once satisfied it stops
 * pulling, and closing its input ends any scan below early.
 */
import { rowCount, type ExecBatch } from '../exec-batch.ts';
import type { ExecContext } from '../exec-context.ts';
import { ExecOperator } from '../exec-operator.ts';

export class LimitExec extends ExecOperator {
  readonly name = 'LimitExec';
  private toSkip: number;
  private toTake: number;

  constructor(
    ctx: ExecContext,
    input: ExecOperator,
    private readonly offset: number,
    private readonly limit: number | null,
  ) {
    super(ctx, [input]);
    this.toSkip = offset;
    this.toTake = limit ?? Infinity;
  }

  describe(): string {
    return `${this.name} ${this.limit === null ? '' : `limit=${this.limit} `}offset=${this.offset}`.trim();
  }

  protected async produce(): Promise<ExecBatch | null> {
    while (this.toTake > 0) {
      const b = await this.children[0].next();
      if (b === null) return null;
      const n = rowCount(b);
      if (this.toSkip >= n) {
        this.toSkip -= n;
        continue;
      }
      const start = this.toSkip;
      this.toSkip = 0;
      const end = Math.min(n, start + this.toTake);
      this.toTake -= end - start;
      if (start === 0 && end === n) return b;
      const sel = new Int32Array(end - start);
      for (let i = start; i < end; i++) sel[i - start] = b.sel === null ? i : b.sel[i];
      if (this.toTake === 0) this.children[0].close();
      return { columns: b.columns, length: b.length, sel };
    }
    this.children[0].close();
    return null;
  }
}

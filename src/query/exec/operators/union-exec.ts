/**
 * UNION ALL: the batches of each input in turn.
 */
import type { ExecBatch } from '../exec-batch.ts';
import type { ExecContext } from '../exec-context.ts';
import { ExecOperator } from '../exec-operator.ts';

export class UnionExec extends ExecOperator {
  readonly name = 'UnionExec';
  private current = 0;

  constructor(ctx: ExecContext, inputs: readonly ExecOperator[]) {
    super(ctx, inputs);
  }

  describe(): string {
    return `${this.name} inputs=${this.children.length}`;
  }

  protected async produce(): Promise<ExecBatch | null> {
    while (this.current < this.children.length) {
      const b = await this.children[this.current].next();
      if (b !== null) return b;
      this.children[this.current].close();
      this.current++;
    }
    return null;
  }
}

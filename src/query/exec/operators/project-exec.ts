/**
 * The select list: evaluates each expression into a dense column. Plain column
 * references of an unselected batch pass through without copying. The strings built
 * for the current output batch stay charged to the query's memory budget.
 */
import type { BoundExpr } from '../../plan/bound-expr.ts';
import { formatExpr } from '../../plan/explain-format.ts';
import type { PlanField } from '../../plan/logical-plan.ts';
import { rowCount, type ExecBatch } from '../exec-batch.ts';
import type { ExecContext } from '../exec-context.ts';
import { ExecOperator } from '../exec-operator.ts';

export class ProjectExec extends ExecOperator {
  readonly name = 'ProjectExec';

  constructor(
    ctx: ExecContext,
    input: ExecOperator,
    private readonly exprs: readonly BoundExpr[],
    private readonly fields: readonly PlanField[],
  ) {
    super(ctx, [input]);
  }

  describe(): string {
    return `${this.name} ${this.exprs.map((e, i) => (e.kind === 'column' && e.name === this.fields[i].name ? e.name : `${formatExpr(e)} AS ${this.fields[i].name}`)).join(', ')}`;
  }

  protected async produce(): Promise<ExecBatch | null> {
    const b = await this.children[0].next();
    if (b === null) return null;
    const ev = this.ctx.evaluator;
    const before = ev.producedStringBytes;
    const columns = this.exprs.map((e) => ev.evaluate(e, b));
    // Strings built for this batch stay charged until the next batch replaces it.
    this.memory.resize(ev.producedStringBytes - before);
    return { columns, length: rowCount(b), sel: null };
  }
}

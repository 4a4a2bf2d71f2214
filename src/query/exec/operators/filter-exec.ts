/**
 * WHERE / HAVING: narrows each batch's selection, conjunct by conjunct (so later, often
 * costlier conjuncts only see rows the earlier ones kept). Empty batches are skipped.
 */
import { conjuncts, type BoundExpr } from '../../plan/bound-expr.ts';
import { formatExpr } from '../../plan/explain-format.ts';
import type { ExecBatch } from '../exec-batch.ts';
import type { ExecContext } from '../exec-context.ts';
import { ExecOperator } from '../exec-operator.ts';

export class FilterExec extends ExecOperator {
  readonly name = 'FilterExec';
  private readonly predicates: readonly BoundExpr[];

  constructor(ctx: ExecContext, input: ExecOperator, predicate: BoundExpr) {
    super(ctx, [input]);
    this.predicates = conjuncts(predicate);
  }

  describe(): string {
    return `${this.name} ${this.predicates.map((p) => formatExpr(p)).join(' AND ')}`;
  }

  protected async produce(): Promise<ExecBatch | null> {
    for (;;) {
      const b = await this.children[0].next();
      if (b === null) return null;
      let cur: ExecBatch = b;
      let empty = false;
      for (const p of this.predicates) {
        const sel = this.ctx.evaluator.filter(p, cur);
        if (sel.length === 0) {
          empty = true;
          break;
        }
        cur = { columns: cur.columns, length: cur.length, sel: sel.length === cur.length && cur.sel === null ? null : sel };
      }
      if (!empty) return cur;
    }
  }
}

/**
 * Rule: evaluate constant subexpressions once at planning time (so `now() - INTERVAL
 * '1 hour'` becomes a timestamp literal that storage can prune with), simplify AND/OR
 * with constant operands, drop `WHERE true` and turn `WHERE false` into an empty input.
 * A constant that fails to evaluate (1/0) is left alone: it fails only if a row needs it.
 */
import { transformExpr, type BoundExpr } from '../plan/bound-expr.ts';
import { isConstantExpr } from '../plan/bound-expr.ts';
import { transformPlan, type LogicalPlan } from '../plan/logical-plan.ts';
import { vecValue } from '../values/vec.ts';
import type { ExpressionEvaluator } from '../exec/evaluator.ts';
import { mapPlanExpressions } from './plan-expressions.ts';

/** Folds one expression. */
export function foldExpr(e: BoundExpr, evaluator: ExpressionEvaluator): BoundExpr {
  return transformExpr(e, (x) => {
    if (x.kind === 'and' || x.kind === 'or') return simplifyLogic(x);
    if (x.kind === 'literal' || !isConstantExpr(x)) return x;
    try {
      const v = evaluator.evaluate(x, { columns: [], length: 1, sel: null });
      return { kind: 'literal', value: vecValue(v, 0), type: x.type };
    } catch {
      return x;
    }
  });
}

function simplifyLogic(e: BoundExpr & { kind: 'and' | 'or' }): BoundExpr {
  const dominant = e.kind === 'or';
  const args: BoundExpr[] = [];
  for (const a of e.args) {
    if (a.kind === 'literal' && a.value === dominant) return { kind: 'literal', value: dominant, type: 'boolean' };
    if (a.kind === 'literal' && a.value === !dominant) continue;
    args.push(a);
  }
  if (args.length === 0) return { kind: 'literal', value: !dominant, type: 'boolean' };
  if (args.length === 1) return args[0];
  return { ...e, args };
}

/** Applies folding to every expression and prunes constant filters. */
export function foldConstants(plan: LogicalPlan, evaluator: ExpressionEvaluator): LogicalPlan {
  return transformPlan(plan, (p) => {
    const folded = mapPlanExpressions(p, (e) => foldExpr(e, evaluator));
    if (folded.kind === 'filter' && folded.predicate.kind === 'literal') {
      return folded.predicate.value === true ? folded.input : { kind: 'values', fields: folded.fields, rows: [] };
    }
    if (folded.kind === 'scan' && folded.filter !== null && folded.filter.kind === 'literal') {
      return folded.filter.value === true ? { ...folded, filter: null } : { kind: 'values', fields: folded.fields, rows: [] };
    }
    return folded;
  });
}

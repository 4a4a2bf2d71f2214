/**
 * Rule: evaluate constant subexpressions once at planning time (so `now() - INTERVAL
 * '1 hour'` becomes a timestamp literal that storage can prune with), simplify AND/OR
 * with constant operands, drop `WHERE true` and turn `WHERE false` into an empty input.
 * A constant that fails to evaluate (1/0) is left alone: it fails only if a row needs it.
 * Folded strings are charged to the query's memory budget: the plan holds them.
 */
import { exprChildren, transformExpr, type BoundExpr } from '../plan/bound-expr.ts';
import { isConstantExpr } from '../plan/bound-expr.ts';
import { transformPlan, type LogicalPlan } from '../plan/logical-plan.ts';
import { vecValue } from '../values/vec.ts';
import type { Scalar } from '../values/scalar.ts';
import { stringBytes } from '../values/string-charge.ts';
import { QueryMemoryExceededError } from '../errors.ts';
import type { ExpressionEvaluator } from '../exec/evaluator.ts';
import { mapPlanExpressions } from './plan-expressions.ts';

/** Folds one expression. */
export function foldExpr(e: BoundExpr, evaluator: ExpressionEvaluator): BoundExpr {
  // Folded string literals and the bytes charged for them (released when a parent folds them away).
  const charged = new WeakMap<BoundExpr, number>();
  return transformExpr(e, (x) => {
    if (x.kind === 'and' || x.kind === 'or') return simplifyLogic(x);
    if (x.kind === 'literal' || !isConstantExpr(x)) return x;
    let value: Scalar;
    try {
      value = vecValue(evaluator.evaluate(x, { columns: [], length: 1, sel: null }), 0);
    } catch (err) {
      // Over budget is final; any other failure waits for a row that needs the value.
      if (err instanceof QueryMemoryExceededError) throw err;
      return x;
    }
    for (const child of exprChildren(x)) {
      const bytes = charged.get(child);
      if (bytes !== undefined) evaluator.releaseBytes(bytes);
    }
    const literal: BoundExpr = { kind: 'literal', value, type: x.type };
    // The plan keeps a folded string for the rest of the query.
    if (typeof value === 'string') {
      const bytes = stringBytes(value.length);
      evaluator.holdBytes(bytes);
      charged.set(literal, bytes);
    }
    return literal;
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

/**
 * query/optimize/: logical plan → better logical plan, one rule per file, applied in
 * this order: constant folding, predicate pushdown, constant folding again (pushed
 * predicates may now fold), scan pruning hints, limit pushdown, top-N, join build
 * side, projection pushdown, projection merging. Start reading at predicate-pushdown.ts.
 */
import type { TableName } from '../../columnar/index.ts';
import type { ExpressionEvaluator } from '../exec/evaluator.ts';
import type { LogicalPlan } from '../plan/logical-plan.ts';
import { foldConstants } from './constant-folding.ts';
import { chooseBuildSides } from './join-build-side.ts';
import { pushDownLimits } from './limit-pushdown.ts';
import { pushDownPredicates } from './predicate-pushdown.ts';
import { mergeProjections } from './merge-projections.ts';
import { pushDownProjections } from './projection-pushdown.ts';
import { addScanHints } from './scan-pruning-hints.ts';
import { planTopN } from './top-n.ts';

export interface OptimizeContext {
  readonly evaluator: ExpressionEvaluator;
  /** Upper bound of a table's rows for the tenant (from the snapshot statistics). */
  readonly tableRows: (table: TableName) => number;
}

/** Runs every rule over a bound plan (subqueries already resolved). */
export function optimizePlan(plan: LogicalPlan, ctx: OptimizeContext): LogicalPlan {
  let p = foldConstants(plan, ctx.evaluator);
  p = pushDownPredicates(p);
  p = foldConstants(p, ctx.evaluator);
  p = addScanHints(p);
  p = pushDownLimits(p);
  p = planTopN(p);
  p = chooseBuildSides(p, ctx.tableRows);
  p = pushDownProjections(p);
  p = mergeProjections(p);
  return p;
}

export { foldExpr } from './constant-folding.ts';

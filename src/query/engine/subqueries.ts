/**
 * Uncorrelated subqueries are run before the main query and replaced by constants:
 * `x IN (SELECT ...)` becomes `x IN (v1, v2, ...)` (so it can also prune storage) and a
 * scalar subquery becomes its single value. Correlated subqueries are rejected by the
 * binder.
 */
import { QueryRuntimeError } from '../errors.ts';
import { scalarKey } from '../exec/kernels/logic-kernel.ts';
import { transformExpr, walkExpr, type BoundExpr } from '../plan/bound-expr.ts';
import { transformPlan, type LogicalPlan } from '../plan/logical-plan.ts';
import { mapPlanExpressions } from '../optimize/plan-expressions.ts';
import type { Scalar } from '../values/scalar.ts';

/** Runs a subquery plan and returns the values of its first column. */
export type SubqueryRunner = (plan: LogicalPlan) => Promise<Scalar[]>;

/** Every subquery plan directly inside the expressions of `plan` (not inside nested plans). */
function collect(plan: LogicalPlan): LogicalPlan[] {
  const found: LogicalPlan[] = [];
  transformPlan(plan, (p) =>
    mapPlanExpressions(p, (e) => {
      walkExpr(e, (x) => {
        if (x.kind === 'in_subquery' || x.kind === 'scalar_subquery') found.push(x.plan);
      });
      return e;
    }),
  );
  return found;
}

/** Replaces every subquery in `plan` by constants computed with `run`. */
export async function resolveSubqueries(plan: LogicalPlan, run: SubqueryRunner): Promise<LogicalPlan> {
  const plans = collect(plan);
  if (plans.length === 0) return plan;
  const results = new Map<LogicalPlan, Scalar[]>();
  for (const p of plans) if (!results.has(p)) results.set(p, await run(p));
  const replace = (e: BoundExpr): BoundExpr =>
    transformExpr(e, (x) => {
      if (x.kind === 'scalar_subquery') {
        const values = results.get(x.plan)!;
        if (values.length > 1) throw new QueryRuntimeError('invalid_argument', 'more than one row returned by a subquery used as an expression');
        return { kind: 'literal', value: values.length === 0 ? null : values[0], type: x.type };
      }
      if (x.kind === 'in_subquery') {
        const seen = new Set<string | number | boolean>();
        const list: BoundExpr[] = [];
        for (const v of results.get(x.plan)!) {
          const k = scalarKey(v);
          if (seen.has(k)) continue;
          seen.add(k);
          list.push({ kind: 'literal', value: v, type: x.plan.fields[0].type });
        }
        if (list.length === 0) return { kind: 'literal', value: x.negated, type: 'boolean' };
        return { kind: 'in_list', arg: x.arg, list, negated: x.negated, type: 'boolean' };
      }
      return x;
    });
  return transformPlan(plan, (p) => mapPlanExpressions(p, replace));
}

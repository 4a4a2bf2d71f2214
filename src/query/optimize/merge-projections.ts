/**
 * Rule: collapse a projection over a projection into one (substituting the inner
 * expressions), and drop projections that only pass their input through unchanged.
 * Binding produces such stacks (subqueries, CTE renames, hidden ORDER BY columns);
 * each costs a pass over every batch.
 */
import { transformExpr, type BoundExpr } from '../plan/bound-expr.ts';
import { transformPlan, type LogicalPlan } from '../plan/logical-plan.ts';

function isPassThrough(exprs: readonly BoundExpr[], input: LogicalPlan, fields: LogicalPlan['fields']): boolean {
  return (
    exprs.length === input.fields.length &&
    exprs.every((e, i) => e.kind === 'column' && e.index === i) &&
    fields.every((f, i) => f.name === input.fields[i].name && f.type === input.fields[i].type)
  );
}

/** Merges adjacent projections everywhere in the plan. */
export function mergeProjections(plan: LogicalPlan): LogicalPlan {
  return transformPlan(plan, (p) => {
    if (p.kind !== 'project') return p;
    let cur: LogicalPlan = p;
    while (cur.kind === 'project' && cur.input.kind === 'project') {
      const inner: LogicalPlan & { kind: 'project' } = cur.input;
      const exprs: BoundExpr[] = cur.exprs.map((e) => transformExpr(e, (x) => (x.kind === 'column' ? inner.exprs[x.index] : x)));
      cur = { kind: 'project', input: inner.input, exprs, fields: cur.fields };
    }
    if (cur.kind === 'project' && isPassThrough(cur.exprs, cur.input, cur.fields)) return cur.input;
    return cur;
  });
}

/**
 * Maps every expression held by a plan node (filters, projections, keys, aggregate
 * arguments...) through a function, without touching inputs. Rules that rewrite
 * expressions (constant folding) use it with transformPlan.
 */
import type { AggregateCall, BoundExpr, SortKey, WindowCall } from '../plan/bound-expr.ts';
import type { LogicalPlan } from '../plan/logical-plan.ts';

function mapKeys(keys: readonly SortKey[], f: (e: BoundExpr) => BoundExpr): SortKey[] {
  return keys.map((k) => ({ ...k, expr: f(k.expr) }));
}

function mapAgg(a: AggregateCall, f: (e: BoundExpr) => BoundExpr): AggregateCall {
  return { ...a, args: a.args.map(f), filter: a.filter === null ? null : f(a.filter), orderBy: mapKeys(a.orderBy, f) };
}

function mapWindow(w: WindowCall, f: (e: BoundExpr) => BoundExpr): WindowCall {
  return { ...w, args: w.args.map(f), partitionBy: w.partitionBy.map(f), orderBy: mapKeys(w.orderBy, f) };
}

/** The node with each of its own expressions replaced by f(expression). */
export function mapPlanExpressions(p: LogicalPlan, f: (e: BoundExpr) => BoundExpr): LogicalPlan {
  switch (p.kind) {
    case 'scan':
      return p.filter === null ? p : { ...p, filter: f(p.filter) };
    case 'values':
    case 'limit':
    case 'union':
      return p;
    case 'filter':
      return { ...p, predicate: f(p.predicate) };
    case 'project':
      return { ...p, exprs: p.exprs.map(f) };
    case 'aggregate':
      return { ...p, groups: p.groups.map(f), aggs: p.aggs.map((a) => mapAgg(a, f)) };
    case 'window':
      return { ...p, calls: p.calls.map((w) => mapWindow(w, f)) };
    case 'sort':
      return { ...p, keys: mapKeys(p.keys, f) };
    case 'join':
      return { ...p, leftKeys: p.leftKeys.map(f), rightKeys: p.rightKeys.map(f), residual: p.residual === null ? null : f(p.residual) };
  }
}

/** Every expression of a plan tree (inputs included), for analyses. */
export function planExpressions(p: LogicalPlan, out: BoundExpr[] = []): BoundExpr[] {
  mapPlanExpressions(p, (e) => {
    out.push(e);
    return e;
  });
  switch (p.kind) {
    case 'scan':
    case 'values':
      return out;
    case 'join':
      planExpressions(p.left, out);
      return planExpressions(p.right, out);
    case 'union':
      for (const i of p.inputs) planExpressions(i, out);
      return out;
    default:
      return planExpressions(p.input, out);
  }
}

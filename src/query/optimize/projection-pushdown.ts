/**
 * Rule: read and carry only the columns something uses. Walks the plan top-down with
 * the set of output columns needed, drops unused projections and scan columns, and
 * renumbers column references on the way back up. A scan always keeps one column so
 * that batches still carry row counts.
 */
import { InternalError } from '../../common/index.ts';
import { columnsOf, remapColumns, type BoundExpr } from '../plan/bound-expr.ts';
import type { LogicalPlan } from '../plan/logical-plan.ts';
import { planExpressions, mapPlanExpressions } from './plan-expressions.ts';

interface Pruned {
  readonly plan: LogicalPlan;
  /** old output index → new output index (-1 = dropped). */
  readonly map: Int32Array;
}

function usedColumns(exprs: readonly BoundExpr[], into: Set<number>): Set<number> {
  for (const e of exprs) for (const c of columnsOf(e)) into.add(c);
  return into;
}

function identityMap(n: number): Int32Array {
  const m = new Int32Array(n);
  for (let i = 0; i < n; i++) m[i] = i;
  return m;
}

/** Prunes unused columns everywhere below the root (the root keeps all its outputs). */
export function pushDownProjections(plan: LogicalPlan): LogicalPlan {
  const all = new Set(plan.fields.map((_, i) => i));
  const r = prune(plan, all);
  if (r.plan.fields.length === plan.fields.length && r.map.every((v, i) => v === i)) return r.plan;
  const exprs: BoundExpr[] = plan.fields.map((f, i) => ({ kind: 'column', index: r.map[i], type: f.type, name: f.name }));
  return { kind: 'project', input: r.plan, exprs, fields: plan.fields };
}

function remap(e: BoundExpr, map: Int32Array): BoundExpr {
  return remapColumns(e, (i) => {
    const j = map[i];
    if (j < 0) throw new InternalError(`column ${i} was pruned but is still referenced`);
    return j;
  });
}

function prune(plan: LogicalPlan, needed: Set<number>): Pruned {
  switch (plan.kind) {
    case 'scan': {
      const keep = usedColumns(plan.filter === null ? [] : [plan.filter], new Set(needed));
      if (keep.size === 0) keep.add(Math.max(0, plan.columns.indexOf('timestamp')));
      const indexes = [...keep].sort((a, b) => a - b);
      const map = new Int32Array(plan.columns.length).fill(-1);
      indexes.forEach((old, i) => (map[old] = i));
      return {
        plan: {
          ...plan,
          columns: indexes.map((i) => plan.columns[i]),
          fields: indexes.map((i) => plan.fields[i]),
          filter: plan.filter === null ? null : remap(plan.filter, map),
        },
        map,
      };
    }
    case 'values':
      return { plan, map: identityMap(plan.fields.length) };
    case 'project': {
      const kept = plan.exprs.map((_, i) => i).filter((i) => needed.has(i));
      const child = prune(plan.input, usedColumns(kept.map((i) => plan.exprs[i]), new Set()));
      const map = new Int32Array(plan.exprs.length).fill(-1);
      kept.forEach((old, i) => (map[old] = i));
      return {
        plan: { kind: 'project', input: child.plan, exprs: kept.map((i) => remap(plan.exprs[i], child.map)), fields: kept.map((i) => plan.fields[i]) },
        map,
      };
    }
    case 'filter': {
      const child = prune(plan.input, usedColumns([plan.predicate], new Set(needed)));
      return { plan: { kind: 'filter', input: child.plan, predicate: remap(plan.predicate, child.map), fields: child.plan.fields }, map: child.map };
    }
    case 'sort': {
      const child = prune(plan.input, usedColumns(plan.keys.map((k) => k.expr), new Set(needed)));
      return { plan: { ...plan, input: child.plan, keys: plan.keys.map((k) => ({ ...k, expr: remap(k.expr, child.map) })), fields: child.plan.fields }, map: child.map };
    }
    case 'limit': {
      const child = prune(plan.input, needed);
      return { plan: { ...plan, input: child.plan, fields: child.plan.fields }, map: child.map };
    }
    case 'aggregate': {
      const exprs = planExpressions({ ...plan, input: { kind: 'values', fields: [], rows: [] } });
      const child = prune(plan.input, usedColumns(exprs, new Set()));
      return { plan: mapPlanExpressions({ ...plan, input: child.plan }, (e) => remap(e, child.map)), map: identityMap(plan.fields.length) };
    }
    case 'window': {
      const inputWidth = plan.input.fields.length;
      const want = new Set([...needed].filter((i) => i < inputWidth));
      const exprs = planExpressions({ ...plan, input: { kind: 'values', fields: [], rows: [] } });
      const child = prune(plan.input, usedColumns(exprs, want));
      const newWidth = child.plan.fields.length;
      const map = new Int32Array(plan.fields.length).fill(-1);
      map.set(child.map.subarray(0, inputWidth));
      for (let j = 0; j < plan.calls.length; j++) map[inputWidth + j] = newWidth + j;
      const calls = mapPlanExpressions({ ...plan, input: child.plan }, (e) => remap(e, child.map));
      return { plan: { ...(calls as LogicalPlan & { kind: 'window' }), fields: [...child.plan.fields, ...plan.fields.slice(inputWidth)] }, map };
    }
    case 'join': {
      const leftWidth = plan.left.fields.length;
      const need = new Set(needed);
      if (plan.residual !== null) usedColumns([plan.residual], need);
      const leftNeed = usedColumns(plan.leftKeys, new Set([...need].filter((i) => i < leftWidth)));
      const rightNeed = usedColumns(plan.rightKeys, new Set([...need].filter((i) => i >= leftWidth).map((i) => i - leftWidth)));
      const l = prune(plan.left, leftNeed);
      const r = prune(plan.right, rightNeed);
      const newLeftWidth = l.plan.fields.length;
      const map = new Int32Array(plan.fields.length).fill(-1);
      for (let i = 0; i < leftWidth; i++) map[i] = l.map[i];
      for (let i = 0; i < plan.right.fields.length; i++) map[leftWidth + i] = r.map[i] < 0 ? -1 : newLeftWidth + r.map[i];
      return {
        plan: {
          ...plan,
          left: l.plan,
          right: r.plan,
          leftKeys: plan.leftKeys.map((k) => remap(k, l.map)),
          rightKeys: plan.rightKeys.map((k) => remap(k, r.map)),
          residual: plan.residual === null ? null : remap(plan.residual, map),
          fields: [...l.plan.fields, ...r.plan.fields],
        },
        map,
      };
    }
    case 'union': {
      const indexes = [...needed].sort((a, b) => a - b);
      if (indexes.length === 0) indexes.push(0);
      const inputs = plan.inputs.map((input) => {
        const r = prune(input, new Set(indexes));
        const exprs: BoundExpr[] = indexes.map((i) => ({ kind: 'column', index: r.map[i], type: input.fields[i].type, name: input.fields[i].name }));
        return { kind: 'project', input: r.plan, exprs, fields: indexes.map((i) => input.fields[i]) } as LogicalPlan;
      });
      const map = new Int32Array(plan.fields.length).fill(-1);
      indexes.forEach((old, i) => (map[old] = i));
      return { plan: { kind: 'union', inputs, fields: indexes.map((i) => plan.fields[i]) }, map };
    }
  }
}

/**
 * Rule: move filters as close to the data as possible. Through projections (by
 * substitution), sorts and unions; into aggregates when they test only group keys; into
 * both sides of inner joins (cross-side equalities become hash keys); into scans, where
 * they become the scan's exact filter and its pruning hints. Equality with a constant on
 * a join key is copied to the other side (WHERE spans.trace_id = 'x' also filters logs).
 */
import { columnsOf, conjoin, conjuncts, exprKey, remapColumns, transformExpr, type BoundExpr } from '../plan/bound-expr.ts';
import { splitEquiKey } from '../plan/bind-from.ts';
import type { LogicalPlan } from '../plan/logical-plan.ts';

/** Drops structurally repeated predicates (pushdown can derive the same one twice). */
function unique(preds: readonly BoundExpr[]): BoundExpr[] {
  const seen = new Set<string>();
  return preds.filter((p) => {
    const k = exprKey(p);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function wrap(plan: LogicalPlan, preds: readonly BoundExpr[]): LogicalPlan {
  const p = conjoin(unique(preds));
  return p === null ? plan : { kind: 'filter', input: plan, predicate: p, fields: plan.fields };
}

/** Pushes every filter of the tree down. */
export function pushDownPredicates(plan: LogicalPlan): LogicalPlan {
  return push(plan, []);
}

function push(plan: LogicalPlan, preds: readonly BoundExpr[]): LogicalPlan {
  switch (plan.kind) {
    case 'filter':
      return push(plan.input, [...preds, ...conjuncts(plan.predicate)]);
    case 'scan':
      return preds.length === 0 ? plan : { ...plan, filter: conjoin(unique([...(plan.filter === null ? [] : conjuncts(plan.filter)), ...preds])) };
    case 'project': {
      const substituted = preds.map((p) => transformExpr(p, (x) => (x.kind === 'column' ? plan.exprs[x.index] : x)));
      return { ...plan, input: push(plan.input, substituted) };
    }
    case 'sort':
      return { ...plan, input: push(plan.input, preds) };
    case 'union':
      return { ...plan, inputs: plan.inputs.map((i) => push(i, preds)) };
    case 'aggregate': {
      const below: BoundExpr[] = [];
      const above: BoundExpr[] = [];
      for (const p of preds) {
        const cols = columnsOf(p);
        if (cols.length > 0 && cols.every((c) => c < plan.groups.length)) below.push(transformExpr(p, (x) => (x.kind === 'column' ? plan.groups[x.index] : x)));
        else above.push(p);
      }
      return wrap({ ...plan, input: push(plan.input, below) }, above);
    }
    case 'join':
      return pushJoin(plan, preds);
    case 'limit':
    case 'window':
      return wrap({ ...plan, input: push(plan.input, []) }, preds);
    case 'values':
      return wrap(plan, preds);
  }
}

function pushJoin(plan: LogicalPlan & { kind: 'join' }, preds: readonly BoundExpr[]): LogicalPlan {
  const leftWidth = plan.left.fields.length;
  const toRight = (e: BoundExpr): BoundExpr => remapColumns(e, (i) => i - leftWidth);
  const leftPreds: BoundExpr[] = [];
  const rightPreds: BoundExpr[] = [];
  const above: BoundExpr[] = [];
  const leftKeys = [...plan.leftKeys];
  const rightKeys = [...plan.rightKeys];
  const residual: BoundExpr[] = [];
  const inner = plan.joinKind !== 'left';
  const side = (e: BoundExpr): 'left' | 'right' | 'both' | 'none' => {
    const cols = columnsOf(e);
    if (cols.length === 0) return 'none';
    if (cols.every((c) => c < leftWidth)) return 'left';
    if (cols.every((c) => c >= leftWidth)) return 'right';
    return 'both';
  };
  for (const p of preds) {
    const s = side(p);
    if (s === 'left') leftPreds.push(p);
    else if (s === 'right' && inner) rightPreds.push(toRight(p));
    else if (s === 'both' && inner) {
      const key = splitEquiKey(p, leftWidth);
      if (key === null) residual.push(p);
      else {
        leftKeys.push(key[0]);
        rightKeys.push(key[1]);
      }
    } else above.push(p);
  }
  // ON conditions: for inner joins any single-side conjunct moves down; for left joins only right-side ones.
  if (plan.residual !== null) {
    for (const p of conjuncts(plan.residual)) {
      const s = side(p);
      if (s === 'right') rightPreds.push(toRight(p));
      else if (s === 'left' && inner) leftPreds.push(p);
      else residual.push(p);
    }
  }
  // Constants on join keys hold on both sides.
  for (let k = 0; k < leftKeys.length; k++) {
    const l = leftKeys[k];
    const r = rightKeys[k];
    if (l.kind !== 'column' || r.kind !== 'column' || l.type !== r.type) continue;
    for (const p of leftPreds) {
      const copy = retarget(p, l.index, r);
      if (copy !== null) rightPreds.push(copy);
    }
    if (inner) {
      for (const p of rightPreds) {
        const copy = retarget(p, r.index, l);
        if (copy !== null) leftPreds.push(copy);
      }
    }
  }
  const joinKind = plan.joinKind === 'cross' && (leftKeys.length > 0 || residual.length > 0) ? 'inner' : plan.joinKind;
  const join: LogicalPlan = {
    ...plan,
    joinKind,
    left: push(plan.left, unique(leftPreds)),
    right: push(plan.right, unique(rightPreds)),
    leftKeys,
    rightKeys,
    residual: conjoin(residual),
  };
  return wrap(join, above);
}

/** For `col = const` / `col IN (consts)` on column `from`, the same test on `to`; else null. */
function retarget(p: BoundExpr, from: number, to: BoundExpr & { kind: 'column' }): BoundExpr | null {
  if (p.kind === 'compare' && p.op === '=') {
    if (p.left.kind === 'column' && p.left.index === from && p.right.kind === 'literal') return { ...p, left: to };
    if (p.right.kind === 'column' && p.right.index === from && p.left.kind === 'literal') return { ...p, right: to };
  }
  if (p.kind === 'in_list' && !p.negated && p.arg.kind === 'column' && p.arg.index === from && p.list.every((x) => x.kind === 'literal')) {
    return { ...p, arg: to };
  }
  return null;
}

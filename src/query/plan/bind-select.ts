/**
 * Binds one SELECT core: FROM → WHERE → GROUP BY/aggregates → HAVING → window calls →
 * projection (select list + hidden ORDER BY columns) → DISTINCT. Expressions after
 * grouping are rewritten to refer to the aggregate's output (group keys first, then
 * aggregate results); anything else is the classic "must appear in the GROUP BY" error.
 */
import { SqlTypeError } from '../errors.ts';
import type { Expr, OrderItem, SelectCore } from '../sql/ast.ts';
import { exprKey, mapChildren, walkExpr, type BoundExpr, type SortKey, type WindowCall } from './bound-expr.ts';
import type { BindContext } from './bind-context.ts';
import { AggregateCollector, ExpressionBinder, WindowCollector } from './bind-expression.ts';
import { bindFrom } from './bind-from.ts';
import { bindSortKey } from './bind-function.ts';
import { coerce, isUntypedString } from './coerce.ts';
import type { LogicalPlan, PlanField } from './logical-plan.ts';
import type { QueryBinder } from './bind-query.ts';
import { Scope } from './scope.ts';

export interface SelectResult {
  /** Output: the visible columns, then hidden ORDER BY columns. */
  readonly plan: LogicalPlan;
  readonly visible: number;
  /** ORDER BY keys over the plan's output (empty without ORDER BY). */
  readonly sortKeys: readonly SortKey[];
}

interface Item {
  readonly expr: BoundExpr;
  readonly name: string;
}

/** The output name PostgreSQL would give an unaliased select item. */
export function deriveName(e: Expr): string {
  switch (e.kind) {
    case 'column':
      return e.parts[e.parts.length - 1];
    case 'function':
      return e.name;
    case 'cast':
      return deriveName(e.expr);
    case 'subscript':
      return e.index.kind === 'string' ? e.index.value : deriveName(e.expr);
    case 'binary':
      return (e.op === '->>' || e.op === '->') && e.right.kind === 'string' ? e.right.value : '?column?';
    case 'extract':
      return 'extract';
    case 'case':
      return 'case';
    case 'typed_string':
      return e.typeName;
    case 'exists':
      return 'exists';
    default:
      return '?column?';
  }
}

function hasAggOrWindow(e: BoundExpr): boolean {
  let found = false;
  walkExpr(e, (x) => {
    if (x.kind === 'agg_ref' || x.kind === 'window_ref') found = true;
  });
  return found;
}

function positiveOrdinal(e: Expr): number | null {
  return e.kind === 'number' && /^\d+$/.test(e.text) ? Number(e.text) : null;
}

/** Binds a SELECT core with the ORDER BY of its enclosing query. */
export function bindSelect(qb: QueryBinder, ctx: BindContext, core: SelectCore, orderBy: readonly OrderItem[], outer: Scope | null): SelectResult {
  const from = core.from === null ? null : bindFrom(qb, ctx, core.from, outer);
  let plan: LogicalPlan = from?.plan ?? { kind: 'values', fields: [], rows: [[]] };
  const scope = from?.scope ?? new Scope([], outer);
  const env = qb.env(ctx);
  const aggs = new AggregateCollector();
  const wins = new WindowCollector();

  if (core.where !== null) {
    const predicate = new ExpressionBinder(scope, env, { clause: 'WHERE', aggregates: null, windows: null }).bindPredicate(core.where);
    plan = { kind: 'filter', input: plan, predicate, fields: plan.fields };
  }

  const itemBinder = new ExpressionBinder(scope, env, { clause: 'the select list', aggregates: aggs, windows: wins });
  const items: Item[] = [];
  for (const item of core.items) {
    if (item.expr.kind === 'star') {
      for (const i of scope.starColumns(item.expr.qualifier, item.expr.pos)) {
        const c = scope.columns[i];
        items.push({ expr: { kind: 'column', index: i, type: c.type, name: c.name }, name: c.name });
      }
      continue;
    }
    let expr = itemBinder.bind(item.expr);
    if (isUntypedString(expr)) expr = coerce(expr, 'text', item.pos);
    items.push({ expr, name: item.alias ?? deriveName(item.expr) });
  }
  if (items.length === 0) throw new SqlTypeError('SELECT needs at least one column', core.pos);

  const groupBinder = new ExpressionBinder(scope, env, { clause: 'GROUP BY', aggregates: null, windows: null });
  const groups: BoundExpr[] = [];
  const groupNames: string[] = [];
  if (core.groupByAll) {
    for (const it of items) {
      if (hasAggOrWindow(it.expr) || it.expr.kind === 'literal' || groups.some((x) => exprKey(x) === exprKey(it.expr))) continue;
      groups.push(it.expr);
      groupNames.push(it.name);
    }
  }
  for (const g of core.groupBy) {
    const ordinal = positiveOrdinal(g);
    let expr: BoundExpr;
    let name: string;
    if (ordinal !== null) {
      if (ordinal < 1 || ordinal > items.length) throw new SqlTypeError(`GROUP BY position ${ordinal} is not in select list`, g.pos);
      expr = items[ordinal - 1].expr;
      name = items[ordinal - 1].name;
    } else if (g.kind === 'column' && g.parts.length === 1 && !scope.has(g.parts) && items.some((it) => it.name === g.parts[0])) {
      const it = items.find((x) => x.name === g.parts[0])!;
      expr = it.expr;
      name = it.name;
    } else {
      expr = groupBinder.bind(g);
      name = deriveName(g);
    }
    if (hasAggOrWindow(expr)) throw new SqlTypeError('aggregate and window functions are not allowed in GROUP BY', g.pos);
    if (!groups.some((x) => exprKey(x) === exprKey(expr))) {
      groups.push(expr);
      groupNames.push(name);
    }
  }

  const having = core.having === null ? null : new ExpressionBinder(scope, env, { clause: 'HAVING', aggregates: aggs, windows: null }).bindPredicate(core.having);

  const orderBinder = new ExpressionBinder(scope, env, { clause: 'ORDER BY', aggregates: aggs, windows: wins });
  const orderTargets: { output: number | null; expr: BoundExpr | null; item: OrderItem }[] = orderBy.map((o) => {
    const ordinal = positiveOrdinal(o.expr);
    if (ordinal !== null) {
      if (ordinal < 1 || ordinal > items.length) throw new SqlTypeError(`ORDER BY position ${ordinal} is not in select list`, o.expr.pos);
      return { output: ordinal - 1, expr: null, item: o };
    }
    if (o.expr.kind === 'column' && o.expr.parts.length === 1) {
      const name = o.expr.parts[0];
      const matches = items.filter((it) => it.name === name);
      if (matches.length === 1) return { output: items.indexOf(matches[0]), expr: null, item: o };
    }
    const key = bindSortKey(orderBinder, o);
    const k = exprKey(key.expr);
    const same = items.findIndex((it) => exprKey(it.expr) === k);
    return same >= 0 ? { output: same, expr: null, item: o } : { output: null, expr: key.expr, item: o };
  });

  const grouped = groups.length > 0 || aggs.calls.length > 0 || having !== null;
  let rewrite = (e: BoundExpr): BoundExpr => e;
  if (grouped) {
    const fields: PlanField[] = [
      ...groups.map((g, i) => ({ name: groupNames[i], type: g.type })),
      ...aggs.calls.map((a) => ({ name: a.name, type: a.type })),
    ];
    plan = { kind: 'aggregate', input: plan, groups, aggs: aggs.calls, fields };
    const groupKeys = groups.map(exprKey);
    const toPostAgg = (e: BoundExpr): BoundExpr => {
      const gi = groupKeys.indexOf(exprKey(e));
      if (gi >= 0) return { kind: 'column', index: gi, type: e.type, name: groupNames[gi] };
      if (e.kind === 'agg_ref') return { kind: 'column', index: groups.length + e.index, type: e.type, name: aggs.calls[e.index].name };
      if (e.kind === 'column') throw new SqlTypeError(`column "${e.name}" must appear in the GROUP BY clause or be used in an aggregate function`, e.pos);
      return mapChildren(e, toPostAgg);
    };
    rewrite = toPostAgg;
    if (having !== null) plan = { kind: 'filter', input: plan, predicate: rewrite(having), fields: plan.fields };
  }

  if (wins.calls.length > 0) {
    const base = plan.fields.length;
    const calls: WindowCall[] = wins.calls.map((c) => ({
      ...c,
      args: c.args.map(rewrite),
      partitionBy: c.partitionBy.map(rewrite),
      orderBy: c.orderBy.map((k) => ({ ...k, expr: rewrite(k.expr) })),
    }));
    plan = { kind: 'window', input: plan, calls, fields: [...plan.fields, ...calls.map((c) => ({ name: c.name, type: c.type }))] };
    const inner = rewrite;
    const replaceWindows = (e: BoundExpr): BoundExpr =>
      e.kind === 'window_ref' ? { kind: 'column', index: base + e.index, type: e.type, name: calls[e.index].name } : mapChildren(e, replaceWindows);
    rewrite = (e) => replaceWindows(inner(e));
  }

  const exprs = items.map((it) => rewrite(it.expr));
  const fields: PlanField[] = items.map((it, i) => ({ name: it.name, type: exprs[i].type }));
  const hiddenIndex = new Map<number, number>();
  orderTargets.forEach((t, k) => {
    if (t.expr === null) return;
    hiddenIndex.set(k, exprs.length);
    const e = rewrite(t.expr);
    exprs.push(e);
    fields.push({ name: `__order_${k}`, type: e.type });
  });
  plan = { kind: 'project', input: plan, exprs, fields };
  if (core.distinct) {
    if (hiddenIndex.size > 0) throw new SqlTypeError('for SELECT DISTINCT, ORDER BY expressions must appear in select list', core.pos);
    plan = distinctOf(plan);
  }
  const sortKeys: SortKey[] = orderTargets.map((t, k) => {
    const index = t.output ?? hiddenIndex.get(k)!;
    return {
      expr: { kind: 'column', index, type: fields[index].type, name: fields[index].name },
      descending: t.item.descending,
      nullsFirst: t.item.nullsFirst ?? t.item.descending,
    };
  });
  return { plan, visible: items.length, sortKeys };
}

/** SELECT DISTINCT as a grouping on every column. */
export function distinctOf(plan: LogicalPlan): LogicalPlan {
  const groups: BoundExpr[] = plan.fields.map((f, i) => ({ kind: 'column', index: i, type: f.type, name: f.name }));
  return { kind: 'aggregate', input: plan, groups, aggs: [], fields: plan.fields };
}

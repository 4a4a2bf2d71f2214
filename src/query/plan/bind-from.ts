/**
 * Binds FROM items: tables and views (a scan of every column; projection pushdown trims
 * it later), CTE references, subqueries and joins. Equality conjuncts of an ON clause
 * that compare one side with the other become hash-join keys; the rest is a residual.
 * RIGHT JOIN is planned as a LEFT JOIN with the inputs swapped.
 */
import { SqlUnsupportedError, UnknownTableError } from '../errors.ts';
import type { FromItem } from '../sql/ast.ts';
import { sqlTypeOf } from '../values/sql-type.ts';
import { columnsOf, conjoin, conjuncts, remapColumns, type BoundExpr } from './bound-expr.ts';
import { findCte, type BindContext } from './bind-context.ts';
import { ExpressionBinder } from './bind-expression.ts';
import { unify } from './coerce.ts';
import type { LogicalPlan } from './logical-plan.ts';
import { Scope, type ScopeColumn } from './scope.ts';
import { closestName } from '../../common/index.ts';
import type { QueryBinder } from './bind-query.ts';

export interface FromResult {
  readonly plan: LogicalPlan;
  readonly scope: Scope;
}

/** Binds a FROM item into a plan and the scope its columns form. */
export function bindFrom(qb: QueryBinder, ctx: BindContext, item: FromItem, outer: Scope | null): FromResult {
  switch (item.kind) {
    case 'table': {
      const cte = findCte(ctx.ctes, item.name);
      if (cte !== null) {
        const plan = qb.bindCte(ctx, cte, outer);
        const qualifier = item.alias ?? item.name;
        return { plan, scope: new Scope(plan.fields.map((f) => ({ qualifier, name: f.name, type: f.type })), outer) };
      }
      const found = ctx.catalog.lookup(item.name);
      if (found === undefined) {
        const names = ctx.catalog.names().map((n) => n.name);
        const cteNames: string[] = [];
        for (let c = ctx.ctes; c !== null; c = c.next) cteNames.push(c.name);
        throw new UnknownTableError(item.name, item.pos, closestName(item.name, [...names, ...cteNames]));
      }
      const fields = found.schema.fields.map((f) => ({ name: f.name, type: sqlTypeOf(f.type) }));
      const plan: LogicalPlan = {
        kind: 'scan',
        table: found.table,
        label: item.name,
        columns: found.schema.fields.map((f) => f.name),
        fields,
        filter: null,
        hints: [],
        limit: null,
      };
      const qualifier = item.alias ?? item.name;
      return { plan, scope: new Scope(fields.map((f) => ({ qualifier, name: f.name, type: f.type })), outer) };
    }
    case 'subquery': {
      const plan = qb.bindQuery(ctx, item.query, outer);
      return { plan, scope: new Scope(plan.fields.map((f) => ({ qualifier: item.alias, name: f.name, type: f.type })), outer) };
    }
    case 'join':
      return bindJoin(qb, ctx, item, outer);
  }
}

function bindJoin(qb: QueryBinder, ctx: BindContext, item: FromItem & { kind: 'join' }, outer: Scope | null): FromResult {
  if (item.joinType === 'full') throw new SqlUnsupportedError('FULL JOIN is not supported (use LEFT JOIN, or UNION ALL of two LEFT JOINs)', item.pos);
  const left = bindFrom(qb, ctx, item.left, outer);
  const right = bindFrom(qb, ctx, item.right, outer);
  const leftWidth = left.plan.fields.length;
  const rightCols: ScopeColumn[] = right.scope.columns.map((c) => ({ ...c }));
  const predicates: BoundExpr[] = [];
  const combinedCols = (): ScopeColumn[] => [...left.scope.columns, ...rightCols];
  if (item.using.length > 0) {
    for (const name of item.using) {
      const li = left.scope.resolve([name], item.pos);
      const ri = right.scope.resolve([name], item.pos);
      const [l, r] = unify(
        { kind: 'column', index: li, type: left.scope.columns[li].type, name },
        { kind: 'column', index: leftWidth + ri, type: right.scope.columns[ri].type, name },
        item.pos,
        'JOIN USING',
      );
      predicates.push({ kind: 'compare', op: '=', left: l, right: r, type: 'boolean' });
      rightCols[ri] = { ...rightCols[ri], hidden: true };
    }
  }
  const scope = new Scope(combinedCols(), outer);
  if (item.on !== null) {
    const binder = new ExpressionBinder(scope, qb.env(ctx), { clause: 'JOIN conditions', aggregates: null, windows: null });
    predicates.push(binder.bindPredicate(item.on));
  }
  const fields = [...left.plan.fields, ...right.plan.fields];
  if (item.joinType === 'right') {
    // a RIGHT JOIN b == b LEFT JOIN a, then restore the column order.
    const rightWidth = right.plan.fields.length;
    const swap = (i: number): number => (i < leftWidth ? i + rightWidth : i - leftWidth);
    const swapped = predicates.map((p) => remapColumns(p, swap));
    const join = makeJoin('left', right.plan, left.plan, swapped);
    const exprs: BoundExpr[] = fields.map((f, i) => ({ kind: 'column', index: swap(i), type: f.type, name: f.name }));
    return { plan: { kind: 'project', input: join, exprs, fields }, scope };
  }
  return { plan: makeJoin(item.joinType, left.plan, right.plan, predicates), scope };
}

/** Builds a join node, turning cross-side equalities into hash keys. */
export function makeJoin(kind: 'inner' | 'left' | 'cross', left: LogicalPlan, right: LogicalPlan, predicates: readonly BoundExpr[]): LogicalPlan {
  const leftWidth = left.fields.length;
  const leftKeys: BoundExpr[] = [];
  const rightKeys: BoundExpr[] = [];
  const residual: BoundExpr[] = [];
  for (const p of predicates.flatMap(conjuncts)) {
    const key = splitEquiKey(p, leftWidth);
    if (key === null) residual.push(p);
    else {
      leftKeys.push(key[0]);
      rightKeys.push(key[1]);
    }
  }
  const joinKind = kind === 'cross' && (leftKeys.length > 0 || residual.length > 0) ? 'inner' : kind;
  return { kind: 'join', joinKind, left, right, leftKeys, rightKeys, residual: conjoin(residual), fields: [...left.fields, ...right.fields] };
}

/** For `a = b` with a over the left side and b over the right (or reversed): [leftKey, rightKey]. */
export function splitEquiKey(p: BoundExpr, leftWidth: number): [BoundExpr, BoundExpr] | null {
  if (p.kind !== 'compare' || p.op !== '=') return null;
  const side = (e: BoundExpr): 'left' | 'right' | null => {
    const cols = columnsOf(e);
    if (cols.length === 0) return null;
    if (cols.every((c) => c < leftWidth)) return 'left';
    if (cols.every((c) => c >= leftWidth)) return 'right';
    return null;
  };
  const a = side(p.left);
  const b = side(p.right);
  const shift = (e: BoundExpr): BoundExpr => remapColumns(e, (i) => i - leftWidth);
  if (a === 'left' && b === 'right') return [p.left, shift(p.right)];
  if (a === 'right' && b === 'left') return [p.right, shift(p.left)];
  return null;
}

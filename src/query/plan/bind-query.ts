/**
 * Binds whole queries: WITH lists, UNION [ALL] (types unified column by column),
 * ORDER BY over output columns, LIMIT/OFFSET constants. SELECT cores are in
 * bind-select.ts, FROM items in bind-from.ts.
 */
import { SqlTypeError } from '../errors.ts';
import type { Expr, Query, SetExpr } from '../sql/ast.ts';
import { commonSuperType } from '../values/common-type.ts';
import type { SqlType } from '../values/sql-type.ts';
import type { BoundExpr, SortKey } from './bound-expr.ts';
import type { BindContext, CteList } from './bind-context.ts';
import { ExpressionBinder, type BindEnv } from './bind-expression.ts';
import { bindSortKey } from './bind-function.ts';
import { bindSelect, distinctOf } from './bind-select.ts';
import type { LogicalPlan, PlanField } from './logical-plan.ts';
import { Scope } from './scope.ts';

export class QueryBinder {
  /** The environment expression binders need (subqueries bind through this binder). */
  env(ctx: BindContext): BindEnv {
    return { nowMs: ctx.nowMs, bindSubquery: (q, outer) => this.bindQuery(ctx, q, outer) };
  }

  /** Binds a CTE reference: a fresh plan each time, seeing only the CTEs before it. */
  bindCte(ctx: BindContext, entry: CteList, outer: Scope | null): LogicalPlan {
    const plan = this.bindQuery({ ...ctx, ctes: entry.visible }, entry.cte.query, outer);
    const names = entry.cte.columns;
    if (names.length === 0) return plan;
    if (names.length > plan.fields.length) throw new SqlTypeError(`WITH query "${entry.name}" has ${plan.fields.length} columns available but ${names.length} columns specified`, entry.cte.pos);
    const fields = plan.fields.map((f, i) => ({ name: names[i] ?? f.name, type: f.type }));
    const exprs: BoundExpr[] = plan.fields.map((f, i) => ({ kind: 'column', index: i, type: f.type, name: f.name }));
    return { kind: 'project', input: plan, exprs, fields };
  }

  bindQuery(outerCtx: BindContext, q: Query, outer: Scope | null): LogicalPlan {
    let ctes = outerCtx.ctes;
    const seen = new Set<string>();
    for (const cte of q.with) {
      if (seen.has(cte.name)) throw new SqlTypeError(`WITH query name "${cte.name}" specified more than once`, cte.pos);
      seen.add(cte.name);
      ctes = { name: cte.name, cte, visible: ctes, next: ctes };
    }
    const ctx: BindContext = { ...outerCtx, ctes };
    let plan: LogicalPlan;
    let visible: number;
    let sortKeys: readonly SortKey[];
    if (q.body.kind === 'select') {
      const r = bindSelect(this, ctx, q.body, q.orderBy, outer);
      plan = r.plan;
      visible = r.visible;
      sortKeys = r.sortKeys;
    } else {
      plan = this.bindSetExpr(ctx, q.body, outer);
      visible = plan.fields.length;
      sortKeys = this.bindOutputOrder(ctx, plan, q);
    }
    if (sortKeys.length > 0) plan = { kind: 'sort', input: plan, keys: sortKeys, fetch: null, fields: plan.fields };
    const limit = q.limit === null ? null : constantCount(this, ctx, q.limit, 'LIMIT');
    const offset = q.offset === null ? 0 : (constantCount(this, ctx, q.offset, 'OFFSET') ?? 0);
    if (limit !== null || offset > 0) plan = { kind: 'limit', input: plan, offset, limit, fields: plan.fields };
    if (visible < plan.fields.length) {
      const fields = plan.fields.slice(0, visible);
      const exprs: BoundExpr[] = fields.map((f, i) => ({ kind: 'column', index: i, type: f.type, name: f.name }));
      plan = { kind: 'project', input: plan, exprs, fields };
    }
    return plan;
  }

  /** ORDER BY after a UNION: output names, ordinals, or expressions over the output columns. */
  private bindOutputOrder(ctx: BindContext, plan: LogicalPlan, q: Query): SortKey[] {
    const scope = new Scope(plan.fields.map((f) => ({ qualifier: null, name: f.name, type: f.type })));
    const binder = new ExpressionBinder(scope, this.env(ctx), { clause: 'ORDER BY', aggregates: null, windows: null });
    return q.orderBy.map((o) => {
      if (o.expr.kind === 'number' && /^\d+$/.test(o.expr.text)) {
        const k = Number(o.expr.text);
        if (k < 1 || k > plan.fields.length) throw new SqlTypeError(`ORDER BY position ${k} is not in select list`, o.expr.pos);
        const f = plan.fields[k - 1];
        return { expr: { kind: 'column', index: k - 1, type: f.type, name: f.name }, descending: o.descending, nullsFirst: o.nullsFirst ?? o.descending };
      }
      return bindSortKey(binder, o);
    });
  }

  private bindSetExpr(ctx: BindContext, body: SetExpr, outer: Scope | null): LogicalPlan {
    switch (body.kind) {
      case 'select': {
        const r = bindSelect(this, ctx, body, [], outer);
        return r.plan;
      }
      case 'nested':
        return this.bindQuery(ctx, body.query, outer);
      case 'union': {
        const inputs: LogicalPlan[] = [];
        const collect = (e: SetExpr): void => {
          if (e.kind === 'union' && e.all === body.all && body.all) {
            collect(e.left);
            collect(e.right);
          } else inputs.push(e === body ? this.bindSetExpr(ctx, e, outer) : this.bindSetExpr(ctx, e, outer));
        };
        if (body.all) {
          collect(body.left);
          collect(body.right);
        } else {
          inputs.push(this.bindSetExpr(ctx, body.left, outer), this.bindSetExpr(ctx, body.right, outer));
        }
        const plan = unionOf(inputs, body.pos);
        return body.all ? plan : distinctOf(plan);
      }
    }
  }
}

/** UNION ALL of inputs, casting columns to their common types. */
function unionOf(inputs: readonly LogicalPlan[], pos: Expr['pos']): LogicalPlan {
  const width = inputs[0].fields.length;
  for (const p of inputs) if (p.fields.length !== width) throw new SqlTypeError('each UNION query must have the same number of columns', pos);
  const types: SqlType[] = [];
  for (let c = 0; c < width; c++) {
    let t: SqlType = 'null';
    for (const p of inputs) {
      const u = commonSuperType(t, p.fields[c].type);
      if (u === null) throw new SqlTypeError(`UNION types ${t} and ${p.fields[c].type} cannot be matched (column ${c + 1})`, pos);
      t = u;
    }
    types.push(t === 'null' ? 'text' : t);
  }
  const fields: PlanField[] = inputs[0].fields.map((f, c) => ({ name: f.name, type: types[c] }));
  const cast = inputs.map((p): LogicalPlan => {
    if (p.fields.every((f, c) => f.type === types[c])) return p;
    const exprs: BoundExpr[] = p.fields.map((f, c) => {
      const col: BoundExpr = { kind: 'column', index: c, type: f.type, name: f.name };
      return f.type === types[c] ? col : { kind: 'cast', arg: col, type: types[c] };
    });
    return { kind: 'project', input: p, exprs, fields: p.fields.map((f, c) => ({ name: f.name, type: types[c] })) };
  });
  return { kind: 'union', inputs: cast, fields };
}

function constantCount(qb: QueryBinder, ctx: BindContext, e: Expr, what: string): number | null {
  const b = new ExpressionBinder(new Scope([]), qb.env(ctx), { clause: what, aggregates: null, windows: null }).bind(e);
  const value = b.kind === 'literal' ? b.value : b.kind === 'negate' && b.arg.kind === 'literal' ? -(b.arg.value as number) : undefined;
  if (value === null) return null;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new SqlTypeError(`${what} must be an integer constant`, e.pos);
  if (n < 0) throw new SqlTypeError(`${what} must not be negative`, e.pos);
  return n;
}

/**
 * Entry point of binding: a parsed statement → a logical plan. DESCRIBE and SHOW TABLES
 * become VALUES plans over the catalog; EXPLAIN wraps the plan of its statement.
 */
import { UnknownTableError } from '../errors.ts';
import type { Statement } from '../sql/ast.ts';
import { sqlTypeOf } from '../values/sql-type.ts';
import type { BinderCatalog } from './bind-context.ts';
import { QueryBinder } from './bind-query.ts';
import type { LogicalPlan } from './logical-plan.ts';
import { closestName } from '../../common/index.ts';

export type BoundStatement =
  | { readonly kind: 'query'; readonly plan: LogicalPlan }
  | { readonly kind: 'explain'; readonly analyze: boolean; readonly plan: LogicalPlan };

/** Binds a statement against the catalog, with `nowMs` as the value of now(). */
export function bindStatement(stmt: Statement, catalog: BinderCatalog, nowMs: number): BoundStatement {
  const ctx = { catalog, nowMs, ctes: null };
  switch (stmt.kind) {
    case 'query':
      return { kind: 'query', plan: new QueryBinder().bindQuery(ctx, stmt.query, null) };
    case 'explain': {
      const inner = bindStatement(stmt.statement, catalog, nowMs);
      return { kind: 'explain', analyze: stmt.analyze, plan: inner.plan };
    }
    case 'describe': {
      const found = catalog.lookup(stmt.table);
      if (found === undefined) throw new UnknownTableError(stmt.table, stmt.pos, closestName(stmt.table, catalog.names().map((n) => n.name)));
      return {
        kind: 'query',
        plan: {
          kind: 'values',
          fields: [
            { name: 'column_name', type: 'text' },
            { name: 'column_type', type: 'text' },
            { name: 'nullable', type: 'boolean' },
            { name: 'description', type: 'text' },
          ],
          rows: found.schema.fields.map((f) => [f.name, sqlTypeOf(f.type), f.nullable, f.description ?? null]),
        },
      };
    }
    case 'show_tables':
      return {
        kind: 'query',
        plan: {
          kind: 'values',
          fields: [
            { name: 'table_name', type: 'text' },
            { name: 'kind', type: 'text' },
            { name: 'source', type: 'text' },
          ],
          rows: catalog.names().map((n) => [n.name, n.kind, n.table]),
        },
      };
  }
}

/**
 * Adapts the caller's catalog (TableSources by name) to what the binder needs, adding
 * the views of TABLE_VIEWS (`traces` = `spans`) for tables that exist.
 */
import { TABLE_VIEWS, type TableName } from '../../columnar/index.ts';
import type { BinderCatalog } from '../plan/bind-context.ts';
import type { QueryCatalog } from './query-context.ts';

/** The binder's view of a query catalog. */
export function binderCatalog(catalog: QueryCatalog): BinderCatalog {
  return {
    lookup(name) {
      const table = (TABLE_VIEWS[name] ?? name) as TableName;
      const source = catalog.tables.get(table);
      return source === undefined ? undefined : { table: source.name, schema: source.schema };
    },
    names() {
      const out: { name: string; kind: 'table' | 'view'; table: TableName }[] = [];
      for (const [name, source] of catalog.tables) out.push({ name, kind: 'table', table: source.name });
      for (const [view, table] of Object.entries(TABLE_VIEWS)) if (catalog.tables.has(table)) out.push({ name: view, kind: 'view', table });
      return out.sort((a, b) => (a.name < b.name ? -1 : 1));
    },
  };
}

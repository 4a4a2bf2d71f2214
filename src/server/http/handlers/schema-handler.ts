/** `GET /api/v1/schema`: tables, views and their columns with types (feeds the UI's schema rail and autocomplete). */
import { TABLE_NAMES, TABLE_SCHEMAS, TABLE_VIEWS } from '../../../columnar/index.ts';
import { SQL_TYPE_NAMES } from '../../query-service.ts';
import { jsonResponse } from '../json-response.ts';
import type { RouteContext } from '../route-context.ts';

function columnsOf(table: keyof typeof TABLE_SCHEMAS) {
  return TABLE_SCHEMAS[table].fields.map((f) => ({ name: f.name, type: SQL_TYPE_NAMES[f.type], nullable: f.nullable, description: f.description ?? '' }));
}

export function handleSchema(_ctx: RouteContext): Response {
  const tables = [
    ...TABLE_NAMES.map((name) => ({ name, kind: 'table' as const, columns: columnsOf(name) })),
    ...Object.entries(TABLE_VIEWS).map(([name, of]) => ({ name, kind: 'view' as const, alias_of: of, columns: columnsOf(of) })),
  ];
  return jsonResponse({ tables });
}

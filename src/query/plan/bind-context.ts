/**
 * State shared while binding one statement: the catalog (table schemas), the query's
 * fixed "now", and the CTEs in scope (an immutable list, so each CTE sees only the
 * CTEs defined before it).
 */
import type { Schema, TableName } from '../../columnar/index.ts';
import type { Cte } from '../sql/ast.ts';

/** What the binder needs to know about tables. */
export interface BinderCatalog {
  /** Resolves a table or view name (lower case) to the stored table and its schema. */
  lookup(name: string): { readonly table: TableName; readonly schema: Schema } | undefined;
  /** Every table and view name, for suggestions and SHOW TABLES. */
  names(): readonly { readonly name: string; readonly kind: 'table' | 'view'; readonly table: TableName }[];
}

export interface CteList {
  readonly name: string;
  readonly cte: Cte;
  /** The CTEs visible inside this CTE's own body. */
  readonly visible: CteList | null;
  readonly next: CteList | null;
}

export interface BindContext {
  readonly catalog: BinderCatalog;
  readonly nowMs: number;
  readonly ctes: CteList | null;
}

/** Finds a CTE by name in a list. */
export function findCte(list: CteList | null, name: string): CteList | null {
  for (let c = list; c !== null; c = c.next) if (c.name === name) return c;
  return null;
}

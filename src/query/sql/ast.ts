/**
 * The syntax tree the parser produces: tagged unions, every node with the position of
 * its first token so the binder can report errors precisely. No semantics here (names
 * are unresolved, types unknown).
 */
import type { SourcePos } from '../errors.ts';

export type BinaryOp =
  | 'or'
  | 'and'
  | '='
  | '<>'
  | '<'
  | '<='
  | '>'
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '||'
  | '->'
  | '->>';

export interface OrderItem {
  readonly expr: Expr;
  readonly descending: boolean;
  /** null = the default (NULLS LAST for ASC, NULLS FIRST for DESC, as in PostgreSQL). */
  readonly nullsFirst: boolean | null;
}

export interface WindowSpec {
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly OrderItem[];
}

export type Expr =
  | { readonly kind: 'column'; readonly parts: readonly string[]; readonly pos: SourcePos }
  | { readonly kind: 'star'; readonly qualifier: string | null; readonly pos: SourcePos }
  | { readonly kind: 'number'; readonly text: string; readonly pos: SourcePos }
  | { readonly kind: 'string'; readonly value: string; readonly pos: SourcePos }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly pos: SourcePos }
  | { readonly kind: 'null'; readonly pos: SourcePos }
  /** TIMESTAMP '...', INTERVAL '...' [unit], DATE '...' */
  | { readonly kind: 'typed_string'; readonly typeName: string; readonly value: string; readonly pos: SourcePos }
  | { readonly kind: 'unary'; readonly op: '-' | '+' | 'not'; readonly operand: Expr; readonly pos: SourcePos }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly pos: SourcePos }
  /** `symmetric`: BETWEEN SYMMETRIC, true when x lies between the bounds in either order. */
  | { readonly kind: 'between'; readonly expr: Expr; readonly low: Expr; readonly high: Expr; readonly negated: boolean; readonly symmetric: boolean; readonly pos: SourcePos }
  | { readonly kind: 'in_list'; readonly expr: Expr; readonly list: readonly Expr[]; readonly negated: boolean; readonly pos: SourcePos }
  | { readonly kind: 'in_subquery'; readonly expr: Expr; readonly query: Query; readonly negated: boolean; readonly pos: SourcePos }
  | { readonly kind: 'subquery'; readonly query: Query; readonly pos: SourcePos }
  | { readonly kind: 'exists'; readonly query: Query; readonly negated: boolean; readonly pos: SourcePos }
  | {
      readonly kind: 'like';
      readonly expr: Expr;
      readonly pattern: Expr;
      readonly escape: Expr | null;
      readonly caseInsensitive: boolean;
      readonly negated: boolean;
      readonly pos: SourcePos;
    }
  | { readonly kind: 'is_null'; readonly expr: Expr; readonly negated: boolean; readonly pos: SourcePos }
  | { readonly kind: 'is_bool'; readonly expr: Expr; readonly value: boolean; readonly negated: boolean; readonly pos: SourcePos }
  | { readonly kind: 'is_distinct'; readonly left: Expr; readonly right: Expr; readonly negated: boolean; readonly pos: SourcePos }
  | {
      readonly kind: 'case';
      readonly operand: Expr | null;
      readonly whens: readonly { readonly when: Expr; readonly then: Expr }[];
      readonly else: Expr | null;
      readonly pos: SourcePos;
    }
  | { readonly kind: 'cast'; readonly expr: Expr; readonly typeName: string; readonly pos: SourcePos }
  | {
      readonly kind: 'function';
      readonly name: string;
      readonly args: readonly Expr[];
      readonly distinct: boolean;
      /** count(*) */
      readonly star: boolean;
      /** f(x ORDER BY y) */
      readonly orderBy: readonly OrderItem[];
      /** percentile_cont(q) WITHIN GROUP (ORDER BY x) */
      readonly withinGroup: readonly OrderItem[];
      readonly filter: Expr | null;
      readonly over: WindowSpec | null;
      readonly pos: SourcePos;
    }
  | { readonly kind: 'subscript'; readonly expr: Expr; readonly index: Expr; readonly pos: SourcePos }
  | { readonly kind: 'extract'; readonly field: string; readonly expr: Expr; readonly pos: SourcePos };

export interface SelectItem {
  readonly expr: Expr;
  readonly alias: string | null;
  readonly pos: SourcePos;
}

export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'cross';

export type FromItem =
  | { readonly kind: 'table'; readonly name: string; readonly alias: string | null; readonly pos: SourcePos }
  | { readonly kind: 'subquery'; readonly query: Query; readonly alias: string | null; readonly pos: SourcePos }
  | {
      readonly kind: 'join';
      readonly joinType: JoinType;
      readonly left: FromItem;
      readonly right: FromItem;
      readonly on: Expr | null;
      readonly using: readonly string[];
      readonly pos: SourcePos;
    };

export interface SelectCore {
  readonly kind: 'select';
  readonly distinct: boolean;
  readonly items: readonly SelectItem[];
  readonly from: FromItem | null;
  readonly where: Expr | null;
  readonly groupBy: readonly Expr[];
  /** GROUP BY ALL: every select item without an aggregate. */
  readonly groupByAll: boolean;
  readonly having: Expr | null;
  readonly pos: SourcePos;
}

export type SetExpr =
  | SelectCore
  | { readonly kind: 'union'; readonly all: boolean; readonly left: SetExpr; readonly right: SetExpr; readonly pos: SourcePos }
  | { readonly kind: 'nested'; readonly query: Query; readonly pos: SourcePos };

export interface Cte {
  readonly name: string;
  readonly columns: readonly string[];
  readonly query: Query;
  readonly pos: SourcePos;
}

export interface Query {
  readonly with: readonly Cte[];
  readonly body: SetExpr;
  readonly orderBy: readonly OrderItem[];
  readonly limit: Expr | null;
  readonly offset: Expr | null;
  readonly pos: SourcePos;
}

export type Statement =
  | { readonly kind: 'query'; readonly query: Query }
  | { readonly kind: 'explain'; readonly analyze: boolean; readonly statement: Statement; readonly pos: SourcePos }
  | { readonly kind: 'describe'; readonly table: string; readonly pos: SourcePos }
  | { readonly kind: 'show_tables'; readonly pos: SourcePos };

/**
 * Bound (resolved, typed) expressions: column references are positions in the input
 * row, every node knows its SQL type. Plans are data: functions are referenced by name
 * and looked up in functions/ at execution.
 */
import { assertNever } from '../../common/index.ts';
import type { Scalar } from '../values/scalar.ts';
import type { SqlType } from '../values/sql-type.ts';
import type { SourcePos } from '../errors.ts';
import type { LogicalPlan } from './logical-plan.ts';

export type ArithOp = '+' | '-' | '*' | '/' | '%';
export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type BoundExpr =
  | { readonly kind: 'column'; readonly index: number; readonly type: SqlType; readonly name: string; readonly pos?: SourcePos }
  /** `untypedString`: a quoted literal whose type context has not fixed yet (PostgreSQL's "unknown"). */
  | { readonly kind: 'literal'; readonly value: Scalar; readonly type: SqlType; readonly untypedString?: boolean }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly BoundExpr[]; readonly type: SqlType }
  | { readonly kind: 'arith'; readonly op: ArithOp; readonly left: BoundExpr; readonly right: BoundExpr; readonly type: SqlType }
  | { readonly kind: 'compare'; readonly op: CompareOp; readonly left: BoundExpr; readonly right: BoundExpr; readonly type: 'boolean' }
  | { readonly kind: 'and' | 'or'; readonly args: readonly BoundExpr[]; readonly type: 'boolean' }
  | { readonly kind: 'not'; readonly arg: BoundExpr; readonly type: 'boolean' }
  | { readonly kind: 'negate'; readonly arg: BoundExpr; readonly type: SqlType }
  | { readonly kind: 'is_null'; readonly arg: BoundExpr; readonly negated: boolean; readonly type: 'boolean' }
  | { readonly kind: 'is_distinct'; readonly left: BoundExpr; readonly right: BoundExpr; readonly negated: boolean; readonly type: 'boolean' }
  | { readonly kind: 'in_list'; readonly arg: BoundExpr; readonly list: readonly BoundExpr[]; readonly negated: boolean; readonly type: 'boolean' }
  | { readonly kind: 'in_subquery'; readonly arg: BoundExpr; readonly plan: LogicalPlan; readonly negated: boolean; readonly type: 'boolean' }
  | { readonly kind: 'scalar_subquery'; readonly plan: LogicalPlan; readonly type: SqlType }
  | {
      readonly kind: 'case';
      readonly whens: readonly { readonly when: BoundExpr; readonly then: BoundExpr }[];
      readonly else: BoundExpr | null;
      readonly type: SqlType;
    }
  | { readonly kind: 'cast'; readonly arg: BoundExpr; readonly type: SqlType }
  | {
      readonly kind: 'like';
      readonly arg: BoundExpr;
      readonly pattern: BoundExpr;
      readonly escape: string | null;
      readonly caseInsensitive: boolean;
      readonly negated: boolean;
      readonly type: 'boolean';
    }
  /** Placeholders used only while binding a grouped SELECT (replaced before planning ends). */
  | { readonly kind: 'agg_ref'; readonly index: number; readonly type: SqlType }
  | { readonly kind: 'window_ref'; readonly index: number; readonly type: SqlType };

export interface SortKey {
  readonly expr: BoundExpr;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

export interface AggregateCall {
  readonly name: string;
  readonly args: readonly BoundExpr[];
  readonly distinct: boolean;
  readonly filter: BoundExpr | null;
  /** ORDER BY inside the call, or WITHIN GROUP (ORDER BY ...). */
  readonly orderBy: readonly SortKey[];
  /** Constant parameters (e.g. the percentile fraction). */
  readonly params: readonly Scalar[];
  readonly type: SqlType;
}

export interface WindowCall {
  readonly name: string;
  readonly args: readonly BoundExpr[];
  readonly params: readonly Scalar[];
  readonly partitionBy: readonly BoundExpr[];
  readonly orderBy: readonly SortKey[];
  readonly type: SqlType;
}

/** Direct children of an expression. */
export function exprChildren(e: BoundExpr): BoundExpr[] {
  switch (e.kind) {
    case 'column':
    case 'literal':
    case 'agg_ref':
    case 'window_ref':
    case 'scalar_subquery':
      return [];
    case 'call':
    case 'and':
    case 'or':
      return [...e.args];
    case 'arith':
    case 'compare':
    case 'is_distinct':
      return [e.left, e.right];
    case 'not':
    case 'negate':
    case 'is_null':
    case 'cast':
    case 'in_subquery':
      return [e.arg];
    case 'in_list':
      return [e.arg, ...e.list];
    case 'case': {
      const out: BoundExpr[] = [];
      for (const w of e.whens) out.push(w.when, w.then);
      if (e.else !== null) out.push(e.else);
      return out;
    }
    case 'like':
      return [e.arg, e.pattern];
    default:
      return assertNever(e, 'expression');
  }
}

/** Rebuilds `e` with each child replaced by `f(child)` (bottom-up when f recurses). */
export function mapChildren(e: BoundExpr, f: (c: BoundExpr) => BoundExpr): BoundExpr {
  switch (e.kind) {
    case 'column':
    case 'literal':
    case 'agg_ref':
    case 'window_ref':
    case 'scalar_subquery':
      return e;
    case 'call':
      return { ...e, args: e.args.map(f) };
    case 'and':
    case 'or':
      return { ...e, args: e.args.map(f) };
    case 'arith':
      return { ...e, left: f(e.left), right: f(e.right) };
    case 'compare':
      return { ...e, left: f(e.left), right: f(e.right) };
    case 'is_distinct':
      return { ...e, left: f(e.left), right: f(e.right) };
    case 'not':
      return { ...e, arg: f(e.arg) };
    case 'negate':
      return { ...e, arg: f(e.arg) };
    case 'is_null':
      return { ...e, arg: f(e.arg) };
    case 'cast':
      return { ...e, arg: f(e.arg) };
    case 'in_subquery':
      return { ...e, arg: f(e.arg) };
    case 'in_list':
      return { ...e, arg: f(e.arg), list: e.list.map(f) };
    case 'case':
      return { ...e, whens: e.whens.map((w) => ({ when: f(w.when), then: f(w.then) })), else: e.else === null ? null : f(e.else) };
    case 'like':
      return { ...e, arg: f(e.arg), pattern: f(e.pattern) };
    default:
      return assertNever(e, 'expression');
  }
}

/** Rewrites an expression bottom-up. */
export function transformExpr(e: BoundExpr, f: (e: BoundExpr) => BoundExpr): BoundExpr {
  return f(mapChildren(e, (c) => transformExpr(c, f)));
}

/** Calls `visit` on every node (pre-order). */
export function walkExpr(e: BoundExpr, visit: (e: BoundExpr) => void): void {
  visit(e);
  for (const c of exprChildren(e)) walkExpr(c, visit);
}

/** Sorted distinct input column indexes an expression reads. */
export function columnsOf(e: BoundExpr): number[] {
  const set = new Set<number>();
  walkExpr(e, (x) => {
    if (x.kind === 'column') set.add(x.index);
  });
  return [...set].sort((a, b) => a - b);
}

/** Remaps column indexes through `map` (old index → new index). */
export function remapColumns(e: BoundExpr, map: (index: number) => number): BoundExpr {
  return transformExpr(e, (x) => (x.kind === 'column' ? { ...x, index: map(x.index) } : x));
}

/** True when no column, aggregate or window reference occurs (a constant, foldable expression). */
export function isConstantExpr(e: BoundExpr): boolean {
  let constant = true;
  walkExpr(e, (x) => {
    if (x.kind === 'column' || x.kind === 'agg_ref' || x.kind === 'window_ref' || x.kind === 'in_subquery' || x.kind === 'scalar_subquery') constant = false;
  });
  return constant;
}

/** A structural key: equal keys mean equal expressions (used to match GROUP BY expressions). */
export function exprKey(e: BoundExpr): string {
  return JSON.stringify(e, function (this: unknown, k: string, v: unknown) {
    if (k === 'pos') return undefined;
    if (k === 'name' && typeof this === 'object' && this !== null && (this as { kind?: string }).kind === 'column') return undefined;
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    return v;
  });
}

/** Splits a predicate into its AND-ed conjuncts. */
export function conjuncts(e: BoundExpr): BoundExpr[] {
  if (e.kind === 'and') return e.args.flatMap(conjuncts);
  return [e];
}

/** ANDs predicates together (null for none). */
export function conjoin(preds: readonly BoundExpr[]): BoundExpr | null {
  if (preds.length === 0) return null;
  if (preds.length === 1) return preds[0];
  return { kind: 'and', args: preds.flatMap(conjuncts), type: 'boolean' };
}

/** A literal of a given type. */
export function literal(value: Scalar, type: SqlType): BoundExpr {
  return { kind: 'literal', value, type };
}

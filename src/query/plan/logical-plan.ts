/**
 * The logical plan: a tree of relational operators as tagged unions. Every node lists
 * its output `fields`; expressions inside a node refer to its input's fields by index
 * (for joins: left fields then right fields).
 */
import type { ScanPredicate, TableName } from '../../columnar/index.ts';
import type { Scalar } from '../values/scalar.ts';
import type { SqlType } from '../values/sql-type.ts';
import type { AggregateCall, BoundExpr, SortKey, WindowCall } from './bound-expr.ts';

export interface PlanField {
  readonly name: string;
  readonly type: SqlType;
}

export type JoinKind = 'inner' | 'left' | 'cross';

export type LogicalPlan =
  | {
      readonly kind: 'scan';
      readonly table: TableName;
      /** Name as written (a view such as `traces` keeps its name for EXPLAIN). */
      readonly label: string;
      /** Columns read, in output order. */
      readonly columns: readonly string[];
      readonly fields: readonly PlanField[];
      /** Exact filter over the output columns, applied to every scanned batch. */
      readonly filter: BoundExpr | null;
      /** Pruning hints derived from `filter` for storage (tenant and time first). */
      readonly hints: readonly ScanPredicate[];
      /** Stop after this many rows (only when there is no filter). */
      readonly limit: number | null;
    }
  | { readonly kind: 'values'; readonly fields: readonly PlanField[]; readonly rows: readonly (readonly Scalar[])[] }
  | { readonly kind: 'filter'; readonly input: LogicalPlan; readonly predicate: BoundExpr; readonly fields: readonly PlanField[] }
  | { readonly kind: 'project'; readonly input: LogicalPlan; readonly exprs: readonly BoundExpr[]; readonly fields: readonly PlanField[] }
  | {
      readonly kind: 'aggregate';
      readonly input: LogicalPlan;
      readonly groups: readonly BoundExpr[];
      readonly aggs: readonly AggregateCall[];
      readonly fields: readonly PlanField[];
    }
  | { readonly kind: 'window'; readonly input: LogicalPlan; readonly calls: readonly WindowCall[]; readonly fields: readonly PlanField[] }
  | {
      readonly kind: 'sort';
      readonly input: LogicalPlan;
      readonly keys: readonly SortKey[];
      /** Top-N: only the first `fetch` rows are needed. */
      readonly fetch: number | null;
      readonly fields: readonly PlanField[];
    }
  | { readonly kind: 'limit'; readonly input: LogicalPlan; readonly offset: number; readonly limit: number | null; readonly fields: readonly PlanField[] }
  | {
      readonly kind: 'join';
      readonly joinKind: JoinKind;
      readonly left: LogicalPlan;
      readonly right: LogicalPlan;
      /** Equi-join keys: leftKeys[i] (over left fields) = rightKeys[i] (over right fields). */
      readonly leftKeys: readonly BoundExpr[];
      readonly rightKeys: readonly BoundExpr[];
      /** Extra ON condition over left ++ right fields. */
      readonly residual: BoundExpr | null;
      readonly fields: readonly PlanField[];
    }
  | { readonly kind: 'union'; readonly inputs: readonly LogicalPlan[]; readonly fields: readonly PlanField[] };

/** Direct inputs of a plan node. */
export function planInputs(p: LogicalPlan): LogicalPlan[] {
  switch (p.kind) {
    case 'scan':
    case 'values':
      return [];
    case 'join':
      return [p.left, p.right];
    case 'union':
      return [...p.inputs];
    default:
      return [p.input];
  }
}

/** Rebuilds a plan with new inputs (same order as planInputs). */
export function withInputs(p: LogicalPlan, inputs: readonly LogicalPlan[]): LogicalPlan {
  switch (p.kind) {
    case 'scan':
    case 'values':
      return p;
    case 'join':
      return { ...p, left: inputs[0], right: inputs[1] };
    case 'union':
      return { ...p, inputs };
    default:
      return { ...p, input: inputs[0] } as LogicalPlan;
  }
}

/** Rewrites a plan bottom-up. */
export function transformPlan(p: LogicalPlan, f: (p: LogicalPlan) => LogicalPlan): LogicalPlan {
  const inputs = planInputs(p);
  const next = inputs.length === 0 ? p : withInputs(p, inputs.map((c) => transformPlan(c, f)));
  return f(next);
}

/**
 * query/plan/: syntax tree → typed logical plan. binder.ts is the entry point;
 * bind-query.ts (WITH, UNION, ORDER BY, LIMIT), bind-select.ts (grouping rules),
 * bind-from.ts (tables, joins), bind-expression.ts / bind-function.ts (names, types,
 * implicit casts), scope.ts (name resolution with "did you mean"). The plan itself is
 * logical-plan.ts and bound-expr.ts. Start reading at logical-plan.ts.
 */
export { bindStatement, type BoundStatement } from './binder.ts';
export type { BinderCatalog } from './bind-context.ts';
export type { LogicalPlan, PlanField, JoinKind } from './logical-plan.ts';
export type { BoundExpr, AggregateCall, WindowCall, SortKey } from './bound-expr.ts';

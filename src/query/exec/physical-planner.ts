/**
 * Logical plan → tree of physical operators. Every node maps to one *Exec; a sort with a
 * fetch becomes a TopNExec. Scans read from the query's snapshots (one per table).
 */
import { assertNever, InternalError } from '../../common/index.ts';
import type { LogicalPlan } from '../plan/logical-plan.ts';
import type { ExecContext } from './exec-context.ts';
import type { ExecOperator } from './exec-operator.ts';
import { FilterExec } from './operators/filter-exec.ts';
import { HashAggregateExec } from './operators/hash-aggregate-exec.ts';
import { HashJoinExec } from './operators/hash-join-exec.ts';
import { LimitExec } from './operators/limit-exec.ts';
import { ProjectExec } from './operators/project-exec.ts';
import { ScanExec } from './operators/scan-exec.ts';
import { SortExec } from './operators/sort-exec.ts';
import { TopNExec } from './operators/top-n-exec.ts';
import { UnionExec } from './operators/union-exec.ts';
import { ValuesExec } from './operators/values-exec.ts';
import { WindowExec } from './operators/window-exec.ts';

/** Builds the operator tree for a plan. */
export function createExecPlan(plan: LogicalPlan, ctx: ExecContext): ExecOperator {
  switch (plan.kind) {
    case 'scan': {
      const snapshot = ctx.snapshots.get(plan.table);
      if (snapshot === undefined) throw new InternalError(`no snapshot of ${plan.table}`);
      return new ScanExec(ctx, plan.label, snapshot, plan.columns, plan.filter, plan.hints, plan.limit);
    }
    case 'values':
      return new ValuesExec(ctx, plan.fields, plan.rows);
    case 'filter':
      return new FilterExec(ctx, createExecPlan(plan.input, ctx), plan.predicate);
    case 'project':
      return new ProjectExec(ctx, createExecPlan(plan.input, ctx), plan.exprs, plan.fields);
    case 'aggregate':
      return new HashAggregateExec(ctx, createExecPlan(plan.input, ctx), plan.groups, plan.aggs, plan.fields);
    case 'window':
      return new WindowExec(ctx, createExecPlan(plan.input, ctx), plan.calls, plan.input.fields);
    case 'sort':
      return plan.fetch === null
        ? new SortExec(ctx, createExecPlan(plan.input, ctx), plan.keys, plan.fields)
        : new TopNExec(ctx, createExecPlan(plan.input, ctx), plan.keys, plan.fetch, plan.fields);
    case 'limit':
      return new LimitExec(ctx, createExecPlan(plan.input, ctx), plan.offset, plan.limit);
    case 'join':
      return new HashJoinExec(
        ctx,
        createExecPlan(plan.left, ctx),
        createExecPlan(plan.right, ctx),
        plan.joinKind,
        plan.leftKeys,
        plan.rightKeys,
        plan.residual,
        plan.right.fields,
      );
    case 'union':
      return new UnionExec(
        ctx,
        plan.inputs.map((i) => createExecPlan(i, ctx)),
      );
    default:
      return assertNever(plan, 'plan node');
  }
}

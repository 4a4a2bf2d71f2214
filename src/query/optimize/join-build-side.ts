/**
 * Rule: an inner hash join builds its table from the smaller input. Sizes are rough
 * estimates from the snapshot statistics (rows per scan, shrunk by filters, grouping
 * and limits); when the left input looks smaller the inputs are swapped and a
 * projection restores the column order.
 */
import { remapColumns, type BoundExpr } from '../plan/bound-expr.ts';
import { transformPlan, type LogicalPlan } from '../plan/logical-plan.ts';
import type { TableName } from '../../columnar/index.ts';

/** Estimated output rows of a plan. */
export function estimateRows(p: LogicalPlan, tableRows: (t: TableName) => number): number {
  switch (p.kind) {
    case 'scan': {
      const rows = tableRows(p.table) * (p.filter === null ? 1 : 0.1);
      return p.limit === null ? rows : Math.min(rows, p.limit);
    }
    case 'values':
      return p.rows.length;
    case 'filter':
      return estimateRows(p.input, tableRows) * 0.5;
    case 'aggregate':
      return p.groups.length === 0 ? 1 : estimateRows(p.input, tableRows) * 0.1;
    case 'limit':
      return Math.min(p.limit ?? Infinity, estimateRows(p.input, tableRows));
    case 'sort':
      return Math.min(p.fetch ?? Infinity, estimateRows(p.input, tableRows));
    case 'join':
      return Math.max(estimateRows(p.left, tableRows), estimateRows(p.right, tableRows));
    case 'union':
      return p.inputs.reduce((s, i) => s + estimateRows(i, tableRows), 0);
    case 'project':
    case 'window':
      return estimateRows(p.input, tableRows);
  }
}

/** Swaps inner-join inputs so the smaller one is the build (right) side. */
export function chooseBuildSides(plan: LogicalPlan, tableRows: (t: TableName) => number): LogicalPlan {
  return transformPlan(plan, (p) => {
    if (p.kind !== 'join' || p.joinKind === 'left') return p;
    if (estimateRows(p.left, tableRows) >= estimateRows(p.right, tableRows)) return p;
    const lw = p.left.fields.length;
    const rw = p.right.fields.length;
    const swap = (i: number): number => (i < lw ? i + rw : i - lw);
    const swapped: LogicalPlan = {
      ...p,
      left: p.right,
      right: p.left,
      leftKeys: p.rightKeys,
      rightKeys: p.leftKeys,
      residual: p.residual === null ? null : remapColumns(p.residual, swap),
      fields: [...p.right.fields, ...p.left.fields],
    };
    const exprs: BoundExpr[] = p.fields.map((f, i) => ({ kind: 'column', index: swap(i), type: f.type, name: f.name }));
    return { kind: 'project', input: swapped, exprs, fields: p.fields };
  });
}

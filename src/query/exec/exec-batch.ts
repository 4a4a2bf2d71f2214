/**
 * The unit operators pass to each other: physical columns plus an optional selection
 * vector (ascending physical row indexes that are still "in"). Filters narrow the
 * selection instead of copying columns; expression evaluation produces dense vectors
 * over the selected rows only.
 */
import { gatherVec, type Vec } from '../values/vec.ts';

export interface ExecBatch {
  readonly columns: readonly Vec[];
  /** Physical row count of every column. */
  readonly length: number;
  /** Selected physical rows, ascending; null = all rows. */
  readonly sel: Int32Array | null;
}

/** Number of selected rows. */
export function rowCount(b: ExecBatch): number {
  return b.sel === null ? b.length : b.sel.length;
}

/** Column c as a dense vector over the selected rows (zero-copy without a selection). */
export function denseColumn(b: ExecBatch, c: number): Vec {
  return b.sel === null ? b.columns[c] : gatherVec(b.columns[c], b.sel);
}

/** The batch with every column dense and no selection. */
export function compactBatch(b: ExecBatch): ExecBatch {
  if (b.sel === null) return b;
  return { columns: b.columns.map((_, c) => denseColumn(b, c)), length: b.sel.length, sel: null };
}

/** Physical index of dense row i. */
export function physicalRow(b: ExecBatch, i: number): number {
  return b.sel === null ? i : b.sel[i];
}

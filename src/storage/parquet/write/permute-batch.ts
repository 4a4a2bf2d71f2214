/**
 * Applies the sort permutation to every column. Many columns of a part are constant (one
 * tenant, one scope version) or entirely null (histogram fields in a gauge part); their
 * reordering is the identity, so they are detected with a cheap sequential scan and
 * reused instead of gathered through the permutation's random accesses. Dictionary
 * columns are permuted lazily by their writer.
 */
import { isDictionary, takeRows, type Batch, type Vector } from '../../../columnar/index.ts';
import type { RowOrder } from './sort-permutation.ts';

function allSame(a: Float64Array | Int32Array | Uint8Array): boolean {
  const first = a[0];
  if (first !== first) return false; // NaN: compare bits would be needed; just gather
  for (let i = 1; i < a.length; i++) if (a[i] !== first) return false;
  return true;
}

function allZero(a: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) return false;
  return true;
}

/** True when permuting `v` cannot change it (every row holds the same value, or null). */
function isConstant(v: Vector): boolean {
  if (v.length <= 1) return true;
  switch (v.type) {
    case 'string':
    case 'json':
      return allSame(v.codes);
    case 'timestamp':
      if (v.validity !== null && allZero(v.validity)) return true;
      return (v.validity === null || allSame(v.validity)) && allSame(v.ms) && allSame(v.nanos);
    case 'boolean':
    case 'int64':
    case 'float64':
      if (v.validity !== null && allZero(v.validity)) return true;
      return (v.validity === null || allSame(v.validity)) && allSame(v.values) && !Object.is(v.values[0], -0);
  }
}

/** A column ready for writing: already in sort order, or to be read through `perm`. */
export interface SortedColumn {
  readonly vector: Vector;
  /** When set, row i of the sorted column is vector row perm[i]. */
  readonly perm: Int32Array | null;
}

/**
 * The columns of `batch` in the sort order. Dictionary columns are not gathered: their
 * writer reads codes through the permutation while it maps them to chunk-local codes.
 */
export function permuteColumns(batch: Batch, order: RowOrder): SortedColumn[] {
  const { perm } = order;
  let identity = true;
  for (let i = 0; i < perm.length; i++) {
    if (perm[i] !== i) {
      identity = false;
      break;
    }
  }
  return batch.columns.map((v) => {
    if (identity || isConstant(v)) return { vector: v, perm: null };
    if (isDictionary(v)) return { vector: v, perm };
    return { vector: takeRows(v, perm), perm: null };
  });
}

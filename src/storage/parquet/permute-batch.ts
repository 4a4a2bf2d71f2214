/**
 * Applies the sort permutation to every column. Many columns of a part are constant (one
 * tenant, one scope version) or entirely null (histogram fields in a gauge part); their
 * reordering is the identity, so they are detected with a cheap sequential scan and
 * reused instead of gathered through the permutation's random accesses.
 */
import { takeRows, type Batch, type Vector } from '../../columnar/index.ts';

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

/** Rows of `batch` in the order `perm` (a permutation of 0..length-1). */
export function permuteBatch(batch: Batch, perm: Int32Array): Batch {
  let identity = true;
  for (let i = 0; i < perm.length; i++) {
    if (perm[i] !== i) {
      identity = false;
      break;
    }
  }
  if (identity) return batch;
  return { schema: batch.schema, length: batch.length, columns: batch.columns.map((v) => (isConstant(v) ? v : takeRows(v, perm))) };
}

/**
 * Copies the rows of selected ranges out of a row-group-sized vector into a compact one
 * (typed-array `set` per range; dictionaries are shared, not copied).
 */
import type { Vector } from '../../../columnar/index.ts';
import { rangeRows, type RowRanges } from './row-selection.ts';

function gatherArray<T extends Float64Array | Int32Array | Uint8Array>(src: T, out: T, ranges: RowRanges): T {
  let at = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    out.set(src.subarray(ranges[i], ranges[i + 1]), at);
    at += ranges[i + 1] - ranges[i];
  }
  return out;
}

/** The rows of `ranges` of `v`, in order, as a new vector. */
export function gatherRanges(v: Vector, ranges: RowRanges): Vector {
  const n = rangeRows(ranges);
  switch (v.type) {
    case 'string':
    case 'json':
      return { type: v.type, length: n, codes: gatherArray(v.codes, new Int32Array(n), ranges), dict: v.dict };
    case 'timestamp':
      return {
        type: 'timestamp',
        length: n,
        ms: gatherArray(v.ms, new Float64Array(n), ranges),
        nanos: gatherArray(v.nanos, new Int32Array(n), ranges),
        validity: v.validity === null ? null : gatherArray(v.validity, new Uint8Array(n), ranges),
      };
    case 'boolean':
      return {
        type: 'boolean',
        length: n,
        values: gatherArray(v.values, new Uint8Array(n), ranges),
        validity: v.validity === null ? null : gatherArray(v.validity, new Uint8Array(n), ranges),
      };
    case 'int64':
    case 'float64':
      return {
        type: v.type,
        length: n,
        values: gatherArray(v.values, new Float64Array(n), ranges),
        validity: v.validity === null ? null : gatherArray(v.validity, new Uint8Array(n), ranges),
      };
  }
}

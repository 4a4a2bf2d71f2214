/**
 * Total orders over values, shared by sorting, min/max, greatest/least and joins.
 * Doubles follow PostgreSQL: NaN equals NaN and sorts above every other number.
 * Strings compare by UTF-16 code units (a binary collation, like DuckDB's default).
 */
import { intervalSortMs } from './time-arith.ts';
import type { Scalar } from './scalar.ts';
import type { Vec } from './vec.ts';

/** Compares two doubles with NaN as the largest value. */
export function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  const an = a !== a;
  const bn = b !== b;
  return an === bn ? 0 : an ? 1 : -1;
}

/** Compares two strings by code units. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares non-null rows i of a and j of b (same vector type). */
export function compareVecRows(a: Vec, i: number, b: Vec, j: number): number {
  switch (a.type) {
    case 'boolean':
      return a.values[i] - (b as typeof a).values[j];
    case 'int64':
    case 'float64':
      return compareNumbers(a.values[i], (b as typeof a).values[j]);
    case 'timestamp': {
      const bb = b as typeof a;
      const d = a.ms[i] - bb.ms[j];
      return d !== 0 ? d : a.nanos[i] - bb.nanos[j];
    }
    case 'interval': {
      const bb = b as typeof a;
      const d = intervalSortMs(a.months[i], a.ms[i]) - intervalSortMs(bb.months[j], bb.ms[j]);
      return d !== 0 ? d : a.nanos[i] - bb.nanos[j];
    }
    case 'string':
    case 'json': {
      const bb = b as typeof a;
      return compareStrings(a.dict[a.codes[i]], bb.dict[bb.codes[j]]);
    }
  }
}

/** Compares two non-null scalars of the same type. */
export function compareScalars(a: Scalar, b: Scalar): number {
  if (typeof a === 'number' && typeof b === 'number') return compareNumbers(a, b);
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    if (a.kind === 'timestamp' && b.kind === 'timestamp') return a.ms !== b.ms ? a.ms - b.ms : a.nanos - b.nanos;
    if (a.kind === 'interval' && b.kind === 'interval') {
      const d = intervalSortMs(a.months, a.ms) - intervalSortMs(b.months, b.ms);
      return d !== 0 ? d : a.nanos - b.nanos;
    }
  }
  return 0;
}

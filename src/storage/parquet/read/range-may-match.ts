/**
 * Pruning logic shared by row groups and pages: can any row whose column values lie in
 * [min, max] (with `nullCount` nulls out of `rowCount`) satisfy a ScanPredicate? Answers
 * "maybe" whenever it cannot prove "no" (unknown stats, type mismatch, NaN, or strings
 * whose UTF-16 and UTF-8 orders could disagree), because a scan must never drop a
 * matching row.
 */
import type { DataType, ScalarValue, ScanPredicate } from '../../../columnar/index.ts';

/** Statistics of one column over a run of rows (a row group or a page). */
export interface ValueRange {
  readonly min: ScalarValue;
  readonly max: ScalarValue;
  /** null when unknown. */
  readonly nullCount: number | null;
  readonly rowCount: number;
}

/** False only when no row in `range` can match `predicate` on a column of `type`. */
export function rangeMayMatch(predicate: ScanPredicate, type: DataType, range: ValueRange): boolean {
  const allNull = range.nullCount !== null && range.nullCount === range.rowCount;
  switch (predicate.kind) {
    case 'null':
      if (range.nullCount === null) return true;
      return predicate.isNull ? range.nullCount > 0 : range.nullCount < range.rowCount;
    case 'compare':
      if (allNull) return false;
      return compareMayMatch(predicate.op, predicate.value, type, range);
    case 'in':
      if (allNull) return false;
      return predicate.values.some((v) => compareMayMatch('=', v, type, range));
    case 'prefix': {
      if (allNull) return false;
      if (type !== 'string' && type !== 'json') return true;
      const { min, max } = range;
      const p = predicate.prefix;
      if (typeof min !== 'string' || typeof max !== 'string' || unsafeOrder(p) || unsafeOrder(min) || unsafeOrder(max)) return true;
      // Strings starting with p sort in [p, p + U+10FFFF...]: none if max < p or min's head > p.
      if (max < p) return false;
      return !(min.slice(0, p.length) > p);
    }
  }
}

function compareMayMatch(op: '=' | '!=' | '<' | '<=' | '>' | '>=', value: ScalarValue, type: DataType, range: ValueRange): boolean {
  const { min, max } = range;
  if (value === null || min === null || max === null) return true;
  const cMin = compareScalar(value, min, type);
  const cMax = compareScalar(value, max, type);
  if (cMin === null || cMax === null) return true;
  switch (op) {
    case '=':
      return cMin >= 0 && cMax <= 0;
    case '!=':
      // Only when every non-null value equals `value` does nothing match.
      return !(cMin === 0 && cMax === 0);
    case '<':
      return cMin > 0; // some value < v  ⇔  min < v
    case '<=':
      return cMin >= 0;
    case '>':
      return cMax < 0; // max > v
    case '>=':
      return cMax <= 0;
  }
}

/** Sign of a - b for a predicate literal `a` and a statistic `b`, or null when not comparable. */
function compareScalar(a: ScalarValue, b: ScalarValue, type: DataType): number | null {
  switch (type) {
    case 'timestamp':
      if (typeof a !== 'bigint' || typeof b !== 'bigint') return null;
      return a < b ? -1 : a > b ? 1 : 0;
    case 'int64':
    case 'float64': {
      const x = typeof a === 'bigint' ? Number(a) : a;
      if (typeof x !== 'number' || typeof b !== 'number' || Number.isNaN(x) || Number.isNaN(b)) return null;
      return x < b ? -1 : x > b ? 1 : 0;
    }
    case 'boolean':
      if (typeof a !== 'boolean' || typeof b !== 'boolean') return null;
      return Number(a) - Number(b);
    case 'string':
    case 'json':
      if (typeof a !== 'string' || typeof b !== 'string' || unsafeOrder(a) || unsafeOrder(b)) return null;
      return a < b ? -1 : a > b ? 1 : 0;
  }
}

/**
 * Statistics order strings by UTF-8 bytes (= code points); JS compares UTF-16 units. The
 * two agree unless a string holds a surrogate pair or a unit in U+E000..U+FFFF, so such
 * strings are not used for range pruning.
 */
function unsafeOrder(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0xd800) return true;
  return false;
}

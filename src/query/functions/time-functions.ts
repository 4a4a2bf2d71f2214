/**
 * Time functions (SPEC §7): date_trunc, date_bin/time_bucket, date_part (EXTRACT is
 * bound to it), to_timestamp, epoch/epoch_ms. `now()` is not here: the binder replaces
 * it with the query's fixed start time so that it folds and prunes.
 */
import { QueryRuntimeError } from '../errors.ts';
import { isNumericType, isStringType, type SqlType } from '../values/sql-type.ts';
import {
  binSplit,
  extractSplit,
  isFractionalField,
  parseExtractField,
  parseTruncUnit,
  truncSplit,
  type ExtractField,
  type SplitOut,
} from '../values/time-arith.ts';
import { parseTimestampText, utcMs } from '../values/timestamp-text.ts';
import type { Scalar } from '../values/scalar.ts';
import { isDictVec, type Vec } from '../values/vec.ts';
import { NumberOut, TimestampOut } from '../values/vec-builders.ts';
import type { ScalarFunctionDef } from './scalar-function.ts';

function nullAt(v: Vec, i: number): boolean {
  if (isDictVec(v)) return v.codes[i] < 0;
  return v.validity !== null && v.validity[i] === 0;
}

function textArg(v: Vec, i: number): string {
  if (v.type !== 'string' && v.type !== 'json') throw new QueryRuntimeError('invalid_argument', 'expected a text argument');
  return v.dict[v.codes[i]];
}

const dateTrunc: ScalarFunctionDef = {
  name: 'date_trunc',
  minArgs: 2,
  maxArgs: 2,
  resolve(types, consts) {
    if (!isStringType(types[0]) && types[0] !== 'null') return 'the first argument of date_trunc must be a unit name';
    if (typeof consts[0] === 'string' && parseTruncUnit(consts[0]) === null) return `unit "${consts[0]}" not recognized by date_trunc`;
    return { params: ['text', 'timestamp'], returns: 'timestamp' };
  },
  evaluate(args, n) {
    const [unitV, ts] = args;
    if (ts.type !== 'timestamp') throw new QueryRuntimeError('invalid_argument', 'date_trunc expects a timestamp');
    const out = new TimestampOut(n);
    const tmp: SplitOut = { ms: 0, nanos: 0 };
    let lastText = '';
    let unit = parseTruncUnit('day');
    for (let i = 0; i < n; i++) {
      if (nullAt(unitV, i) || nullAt(ts, i)) {
        out.setNull(i);
        continue;
      }
      const text = textArg(unitV, i);
      if (text !== lastText || i === 0) {
        unit = parseTruncUnit(text);
        if (unit === null) throw new QueryRuntimeError('invalid_argument', `unit "${text}" not recognized by date_trunc`);
        lastText = text;
      }
      truncSplit(tmp, unit!, ts.ms[i], ts.nanos[i]);
      out.ms[i] = tmp.ms;
      out.nanos[i] = tmp.nanos;
    }
    return out.finish();
  },
};

/** Default origin for date_bin/time_bucket: Monday 2000-01-03, so weekly buckets start on Mondays (as in DuckDB). */
const DEFAULT_ORIGIN_MS = utcMs(2000, 0, 3);
/** Month strides count from 2000-01-01. */
const DEFAULT_MONTH_ORIGIN_MS = utcMs(2000, 0, 1);

function dateBin(name: string): ScalarFunctionDef {
  return {
    name,
    minArgs: 2,
    maxArgs: 3,
    resolve(types) {
      if (types[0] !== 'interval' && !isStringType(types[0])) return `the first argument of ${name} must be an interval`;
      return { params: types.length === 3 ? ['interval', 'timestamp', 'timestamp'] : ['interval', 'timestamp'], returns: 'timestamp' };
    },
    evaluate(args, n, consts) {
      const [stride, ts, origin] = args;
      if (stride.type !== 'interval' || ts.type !== 'timestamp') throw new QueryRuntimeError('invalid_argument', `${name} expects (interval, timestamp)`);
      const out = new TimestampOut(n);
      const tmp: SplitOut = { ms: 0, nanos: 0 };
      if (fastBin(constantStrideMs(consts[0]) ?? uniformStrideMs(stride, n), ts, origin, out, n)) return out.finish();
      for (let i = 0; i < n; i++) {
        if (nullAt(stride, i) || nullAt(ts, i) || (origin !== undefined && nullAt(origin, i))) {
          out.setNull(i);
          continue;
        }
        const oMs = origin === undefined || origin.type !== 'timestamp' ? DEFAULT_ORIGIN_MS : origin.ms[i];
        const oNanos = origin === undefined || origin.type !== 'timestamp' ? 0 : origin.nanos[i];
        const months = stride.months[i];
        if (months !== 0) {
          if (stride.ms[i] !== 0 || stride.nanos[i] !== 0) throw new QueryRuntimeError('invalid_argument', `${name} cannot mix months with days or time in its stride`);
          binMonths(tmp, months, ts.ms[i], origin === undefined ? DEFAULT_MONTH_ORIGIN_MS : oMs);
        } else {
          if (stride.ms[i] < 0 || (stride.ms[i] === 0 && stride.nanos[i] === 0)) throw new QueryRuntimeError('invalid_argument', 'stride must be greater than zero');
          binSplit(tmp, stride.ms[i], stride.nanos[i], ts.ms[i], ts.nanos[i], oMs, oNanos);
        }
        out.ms[i] = tmp.ms;
        out.nanos[i] = tmp.nanos;
      }
      return out.finish();
    },
  };
}

/** The stride in whole milliseconds when the stride argument is a literal of whole milliseconds, else null. */
function constantStrideMs(c: Scalar | undefined): number | null {
  if (c === null || c === undefined || typeof c !== 'object' || c.kind !== 'interval') return null;
  return c.months === 0 && c.nanos === 0 && c.ms > 0 ? c.ms : null;
}

/** The stride in whole milliseconds when every row has the same such stride, else null. */
function uniformStrideMs(stride: Vec & { type: 'interval' }, n: number): number | null {
  if (n === 0 || stride.validity !== null) return null;
  const strideMs = stride.ms[0];
  if (stride.months[0] !== 0 || stride.nanos[0] !== 0 || !(strideMs > 0)) return null;
  for (let i = 1; i < n; i++) if (stride.ms[i] !== strideMs || stride.months[i] !== 0 || stride.nanos[i] !== 0) return null;
  return strideMs;
}

/**
 * The common case in one tight loop: a constant whole-millisecond stride and the default
 * origin. Sorted timestamps fall into the previous row's bin most of the time, which a
 * comparison settles without a division. False when the case does not apply.
 */
function fastBin(strideMs: number | null, ts: Vec & { type: 'timestamp' }, origin: Vec | undefined, out: TimestampOut, n: number): boolean {
  if (origin !== undefined || n === 0 || strideMs === null) return false;
  const ms = ts.ms;
  const validity = ts.validity;
  const o = out.ms;
  let binStart = Infinity;
  let binEnd = -Infinity;
  for (let i = 0; i < n; i++) {
    if (validity !== null && validity[i] === 0) {
      out.setNull(i);
      continue;
    }
    const t = ms[i];
    if (!(t >= binStart && t < binEnd)) {
      binStart = DEFAULT_ORIGIN_MS + Math.floor((t - DEFAULT_ORIGIN_MS) / strideMs) * strideMs;
      binEnd = binStart + strideMs;
    }
    o[i] = binStart;
  }
  return true;
}

function binMonths(out: SplitOut, stride: number, ms: number, originMs: number): void {
  const d = new Date(ms);
  const o = new Date(originMs);
  const monthIndex = d.getUTCFullYear() * 12 + d.getUTCMonth();
  const originIndex = o.getUTCFullYear() * 12 + o.getUTCMonth();
  let k = Math.floor((monthIndex - originIndex) / stride) * stride + originIndex;
  // A timestamp before the origin's day-of-month belongs to the previous bucket.
  const start = utcMs(Math.floor(k / 12), k % 12, 1) + (originMs - utcMs(o.getUTCFullYear(), o.getUTCMonth(), 1));
  if (start > ms) k -= stride;
  out.ms = utcMs(Math.floor(k / 12), k % 12, 1) + (originMs - utcMs(o.getUTCFullYear(), o.getUTCMonth(), 1));
  out.nanos = 0;
}

const datePart: ScalarFunctionDef = {
  name: 'date_part',
  minArgs: 2,
  maxArgs: 2,
  resolve(types, consts) {
    if (!isStringType(types[0]) && types[0] !== 'null') return 'the first argument of date_part must be a field name';
    const fieldName = consts[0];
    const target: SqlType = types[1] === 'interval' ? 'interval' : 'timestamp';
    if (typeof fieldName === 'string') {
      const f = parseExtractField(fieldName);
      if (f === null) return `unit "${fieldName}" not recognized`;
      if (target === 'interval' && !INTERVAL_FIELDS.has(f)) return `unit "${fieldName}" not supported for type interval`;
      return { params: ['text', target], returns: isFractionalField(f) ? 'double' : 'bigint' };
    }
    return { params: ['text', target], returns: 'double' };
  },
  evaluate(args, n, _consts, returns) {
    const [fieldV, v] = args;
    const out = new NumberOut(returns === 'bigint' ? 'int64' : 'float64', n);
    let lastText: string | null = null;
    let field: ExtractField = 'epoch';
    for (let i = 0; i < n; i++) {
      if (nullAt(fieldV, i) || nullAt(v, i)) {
        out.setNull(i);
        continue;
      }
      const text = textArg(fieldV, i);
      if (text !== lastText) {
        const f = parseExtractField(text);
        if (f === null) throw new QueryRuntimeError('invalid_argument', `unit "${text}" not recognized`);
        field = f;
        lastText = text;
      }
      if (v.type === 'timestamp') out.values[i] = extractSplit(field, v.ms[i], v.nanos[i]);
      else if (v.type === 'interval') out.values[i] = extractInterval(field, v.months[i], v.ms[i], v.nanos[i]);
      else throw new QueryRuntimeError('invalid_argument', 'date_part expects a timestamp or an interval');
    }
    return out.finish();
  },
};

const INTERVAL_FIELDS = new Set<ExtractField>(['epoch', 'year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond', 'microsecond']);

function extractInterval(field: ExtractField, months: number, ms: number, nanos: number): number {
  const timeMs = ms + nanos / 1e6;
  switch (field) {
    case 'epoch':
      // PostgreSQL: a year is 365.25 days, a remaining month 30 days.
      return Math.trunc(months / 12) * 365.25 * 86400 + (months % 12) * 30 * 86400 + ms / 1000 + nanos / 1e9;
    case 'year':
      return Math.trunc(months / 12);
    case 'month':
      return months % 12;
    case 'day':
      return Math.trunc(timeMs / 86_400_000);
    case 'hour':
      return Math.trunc((timeMs % 86_400_000) / 3_600_000);
    case 'minute':
      return Math.trunc((timeMs % 3_600_000) / 60_000);
    case 'second':
      return (timeMs % 60_000) / 1000;
    case 'millisecond':
      return timeMs % 60_000;
    case 'microsecond':
      return Math.trunc((timeMs % 60_000) * 1000);
    default:
      throw new QueryRuntimeError('invalid_argument', `unit "${field}" not supported for type interval`);
  }
}

const toTimestamp: ScalarFunctionDef = {
  name: 'to_timestamp',
  minArgs: 1,
  maxArgs: 1,
  resolve(types) {
    if (isNumericType(types[0]) || types[0] === 'null') return { params: ['double'], returns: 'timestamp' };
    if (isStringType(types[0])) return { params: ['text'], returns: 'timestamp' };
    return 'to_timestamp expects seconds since the epoch (a number) or timestamp text';
  },
  evaluate(args, n) {
    const [v] = args;
    const out = new TimestampOut(n);
    for (let i = 0; i < n; i++) {
      if (nullAt(v, i)) {
        out.setNull(i);
        continue;
      }
      if (v.type === 'float64' || v.type === 'int64') {
        const sec = v.values[i];
        if (!Number.isFinite(sec)) throw new QueryRuntimeError('numeric_out_of_range', 'timestamp cannot be NaN or infinite');
        const ms = Math.floor(sec * 1000);
        out.ms[i] = ms;
        // Fractions below a millisecond are kept to the microsecond, as in PostgreSQL.
        out.nanos[i] = Math.min(999_999, Math.max(0, Math.round((sec * 1000 - ms) * 1000) * 1000));
      } else {
        const t = parseTimestampText(textArg(v, i));
        if (t === null) throw new QueryRuntimeError('invalid_input', `invalid input syntax for type timestamp: "${textArg(v, i)}"`);
        out.ms[i] = t.ms;
        out.nanos[i] = t.nanos;
      }
    }
    return out.finish();
  },
};

function epochDef(name: string, divisor: number, returns: 'double' | 'bigint'): ScalarFunctionDef {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    resolve: (types) => (types[0] === 'timestamp' || types[0] === 'null' || isStringType(types[0]) ? { params: ['timestamp'], returns } : `${name} expects a timestamp`),
    evaluate(args, n) {
      const v = args[0];
      const out = new NumberOut(returns === 'bigint' ? 'int64' : 'float64', n);
      if (v.type !== 'timestamp') throw new QueryRuntimeError('invalid_argument', `${name} expects a timestamp`);
      for (let i = 0; i < n; i++) {
        if (nullAt(v, i)) out.setNull(i);
        else out.values[i] = returns === 'bigint' ? Math.floor(v.ms[i] / divisor) : v.ms[i] / divisor + v.nanos[i] / (divisor * 1e6);
      }
      return out.finish();
    },
  };
}

export const TIME_FUNCTIONS: readonly ScalarFunctionDef[] = [
  dateTrunc,
  dateBin('date_bin'),
  dateBin('time_bucket'),
  datePart,
  toTimestamp,
  epochDef('epoch', 1000, 'double'),
  epochDef('epoch_ms', 1, 'bigint'),
];

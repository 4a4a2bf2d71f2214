/**
 * Explicit and implicit conversions on vectors. Text → X parses each row (the evaluator
 * hands dictionary entries rather than rows); X → text prints PostgreSQL-style.
 * double → bigint rounds half to even (PostgreSQL's rint) and checks the exact range.
 */
import { InternalError } from '../../../common/index.ts';
import { QueryRuntimeError } from '../../errors.ts';
import { castText } from '../../values/cast-text.ts';
import { outOfRange } from '../../values/checked-int.ts';
import type { IntervalScalar, TimestampScalar } from '../../values/scalar.ts';
import { vecTypeOf, type SqlType } from '../../values/sql-type.ts';
import type { StringCharge } from '../../values/string-charge.ts';
import { textAt } from '../../values/value-text.ts';
import { isDictVec, nullVec, type Vec } from '../../values/vec.ts';
import { BoolOut, IntervalOut, NumberOut, StringOut, TimestampOut } from '../../values/vec-builders.ts';

/** Rounds half to even, as PostgreSQL's float8 → int8 cast does. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : r;
}

/** Converts a dense vector of SQL type `from` to `to`. */
export function castVector(v: Vec, from: SqlType, to: SqlType, n: number, charge: StringCharge | null = null): Vec {
  if (from === 'null') return nullVec(vecTypeOf(to), n);
  if (from === to) return v;
  if (to === 'text' || to === 'json') {
    if (isDictVec(v)) return { type: to === 'text' ? 'string' : 'json', length: v.length, codes: v.codes, dict: v.dict };
    const out = new StringOut(n, to === 'text' ? 'string' : 'json', charge);
    for (let i = 0; i < n; i++) out.set(i, textAt(v, i));
    return out.finish();
  }
  if (isDictVec(v)) return castFromText(v, to, n);
  if (v.type === 'int64' || v.type === 'float64') {
    if (to === 'double') return { type: 'float64', length: v.length, values: v.values, validity: v.validity };
    if (to === 'bigint') {
      const out = new NumberOut('int64', n);
      for (let i = 0; i < n; i++) {
        if (v.validity !== null && v.validity[i] === 0) {
          out.setNull(i);
          continue;
        }
        const r = roundHalfEven(v.values[i]);
        if (!Number.isSafeInteger(r)) throw outOfRange();
        out.values[i] = r;
      }
      return out.finish();
    }
    if (to === 'boolean') {
      const out = new BoolOut(n);
      for (let i = 0; i < n; i++) {
        if (v.validity !== null && v.validity[i] === 0) out.setNull(i);
        else out.values[i] = v.values[i] !== 0 ? 1 : 0;
      }
      return out.finish();
    }
  }
  if (v.type === 'boolean' && (to === 'bigint' || to === 'double')) {
    const out = new NumberOut(to === 'bigint' ? 'int64' : 'float64', n);
    for (let i = 0; i < n; i++) {
      if (v.validity !== null && v.validity[i] === 0) out.setNull(i);
      else out.values[i] = v.values[i];
    }
    return out.finish();
  }
  throw new InternalError(`no cast from ${from} to ${to}`);
}

function castFromText(v: Vec & { codes: Int32Array; dict: readonly string[] }, to: SqlType, n: number): Vec {
  const read = (i: number): ReturnType<typeof castText> | null => {
    const c = v.codes[i];
    return c < 0 ? null : castText(v.dict[c], to);
  };
  switch (to) {
    case 'bigint':
    case 'double': {
      const out = new NumberOut(to === 'bigint' ? 'int64' : 'float64', n);
      for (let i = 0; i < n; i++) {
        const x = read(i);
        if (x === null) out.setNull(i);
        else out.values[i] = x as number;
      }
      return out.finish();
    }
    case 'boolean': {
      const out = new BoolOut(n);
      for (let i = 0; i < n; i++) {
        const x = read(i);
        if (x === null) out.setNull(i);
        else out.values[i] = x === true ? 1 : 0;
      }
      return out.finish();
    }
    case 'timestamp': {
      const out = new TimestampOut(n);
      for (let i = 0; i < n; i++) {
        const x = read(i) as TimestampScalar | null;
        if (x === null) out.setNull(i);
        else {
          out.ms[i] = x.ms;
          out.nanos[i] = x.nanos;
        }
      }
      return out.finish();
    }
    case 'interval': {
      const out = new IntervalOut(n);
      for (let i = 0; i < n; i++) {
        const x = read(i) as IntervalScalar | null;
        if (x === null) out.setNull(i);
        else {
          out.months[i] = x.months;
          out.ms[i] = x.ms;
          out.nanos[i] = x.nanos;
        }
      }
      return out.finish();
    }
    default:
      throw new QueryRuntimeError('invalid_argument', `cannot cast text to ${to}`);
  }
}

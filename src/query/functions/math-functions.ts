/**
 * Numeric functions (abs, round, ceil, floor, sqrt, ln, log, exp, power, sign, mod, ...).
 * Integer results stay exact or fail with the out-of-range error; domain errors
 * (sqrt of a negative number, log of zero) raise as in PostgreSQL.
 */
import { QueryRuntimeError } from '../errors.ts';
import { checkedInt } from '../values/checked-int.ts';
import { isNumericType, type SqlType } from '../values/sql-type.ts';
import type { Vec } from '../values/vec.ts';
import { NumberOut } from '../values/vec-builders.ts';
import type { ScalarFunctionDef } from './scalar-function.ts';

type NumVec = Vec & { type: 'int64' | 'float64' };

function numeric(name: string, minArgs: number, maxArgs: number, keepInt: boolean, f: (x: number[]) => number): ScalarFunctionDef {
  return {
    name,
    minArgs,
    maxArgs,
    resolve(types) {
      for (const t of types) if (!isNumericType(t) && t !== 'null') return `${name} expects numeric arguments, got ${t}`;
      const allInt = types.every((t) => t === 'bigint');
      const returns: SqlType = keepInt && allInt ? 'bigint' : 'double';
      return { params: types.map(() => returns), returns };
    },
    evaluate(args, n, _consts, returns) {
      const out = new NumberOut(returns === 'bigint' ? 'int64' : 'float64', n);
      const xs: number[] = new Array(args.length);
      const vs = args as readonly NumVec[];
      rows: for (let i = 0; i < n; i++) {
        for (let a = 0; a < vs.length; a++) {
          const v = vs[a];
          if (v.validity !== null && v.validity[i] === 0) {
            out.setNull(i);
            continue rows;
          }
          xs[a] = v.values[i];
        }
        const r = f(xs);
        out.values[i] = returns === 'bigint' ? checkedInt(r) : r;
      }
      return out.finish();
    },
  };
}

/**
 * round() rounds half away from zero, as PostgreSQL's round(numeric) and DuckDB's round
 * do. PostgreSQL's one-argument round(double precision) rounds half to even instead, but
 * Pharlux has no separate numeric type: a literal like 2.5 (numeric in PostgreSQL, so
 * round(2.5) = 3 there) is a double here, so one rule serves both, the numeric one.
 */
function roundHalfAway(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const scale = Math.pow(10, digits);
  const y = Math.abs(x) * scale;
  // Nudge by a relative epsilon so that 2.675 (stored as 2.67499...) still rounds up, as decimal arithmetic would.
  const r = Math.floor(y + 0.5 + y * Number.EPSILON) / scale;
  return x < 0 ? -r : r;
}

function domain(message: string): QueryRuntimeError {
  return new QueryRuntimeError('invalid_argument', message);
}

export const MATH_FUNCTIONS: readonly ScalarFunctionDef[] = [
  numeric('abs', 1, 1, true, ([x]) => Math.abs(x)),
  numeric('round', 1, 2, true, ([x, d]) => roundHalfAway(x, d === undefined ? 0 : Math.trunc(d))),
  numeric('ceil', 1, 1, true, ([x]) => Math.ceil(x)),
  numeric('ceiling', 1, 1, true, ([x]) => Math.ceil(x)),
  numeric('floor', 1, 1, true, ([x]) => Math.floor(x)),
  numeric('trunc', 1, 2, true, ([x, d]) => (d === undefined ? Math.trunc(x) : Math.trunc(x * Math.pow(10, d)) / Math.pow(10, d))),
  numeric('sign', 1, 1, true, ([x]) => Math.sign(x)),
  numeric('sqrt', 1, 1, false, ([x]) => {
    if (x < 0) throw domain('cannot take square root of a negative number');
    return Math.sqrt(x);
  }),
  numeric('cbrt', 1, 1, false, ([x]) => Math.cbrt(x)),
  numeric('exp', 1, 1, false, ([x]) => Math.exp(x)),
  numeric('ln', 1, 1, false, ([x]) => {
    if (x <= 0) throw domain(x === 0 ? 'cannot take logarithm of zero' : 'cannot take logarithm of a negative number');
    return Math.log(x);
  }),
  numeric('log10', 1, 1, false, ([x]) => {
    if (x <= 0) throw domain(x === 0 ? 'cannot take logarithm of zero' : 'cannot take logarithm of a negative number');
    return Math.log10(x);
  }),
  numeric('log2', 1, 1, false, ([x]) => {
    if (x <= 0) throw domain(x === 0 ? 'cannot take logarithm of zero' : 'cannot take logarithm of a negative number');
    return Math.log2(x);
  }),
  numeric('log', 1, 2, false, (xs) => {
    const [b, x] = xs.length === 1 ? [10, xs[0]] : xs;
    if (x <= 0 || b <= 0) throw domain('cannot take logarithm of zero or a negative number');
    return Math.log(x) / Math.log(b);
  }),
  numeric('power', 2, 2, false, ([a, b]) => {
    if (a === 0 && b < 0) throw domain('zero raised to a negative power is undefined');
    return Math.pow(a, b);
  }),
  numeric('pow', 2, 2, false, ([a, b]) => Math.pow(a, b)),
  numeric('mod', 2, 2, true, ([a, b]) => {
    if (b === 0) throw new QueryRuntimeError('division_by_zero', 'division by zero');
    return a % b;
  }),
  numeric('pi', 0, 0, false, () => Math.PI),
  numeric('degrees', 1, 1, false, ([x]) => (x * 180) / Math.PI),
  numeric('radians', 1, 1, false, ([x]) => (x * Math.PI) / 180),
];

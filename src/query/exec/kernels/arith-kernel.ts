/**
 * Arithmetic kernels: bigint (exact, overflow → error), double, and the timestamp /
 * interval combinations PostgreSQL defines. Division by zero is an error for every
 * numeric type, as in PostgreSQL.
 */
import { InternalError } from '../../../common/index.ts';
import { QueryRuntimeError } from '../../errors.ts';
import type { ArithOp } from '../../plan/bound-expr.ts';
import { outOfRange } from '../../values/checked-int.ts';
import type { SqlType } from '../../values/sql-type.ts';
import { addIntervalSplit, diffSplit, type SplitOut } from '../../values/time-arith.ts';
import type { Vec } from '../../values/vec.ts';
import { IntervalOut, NumberOut, TimestampOut } from '../../values/vec-builders.ts';

const MAX = Number.MAX_SAFE_INTEGER;

function floatOutOfRange(kind: 'overflow' | 'underflow'): QueryRuntimeError {
  return new QueryRuntimeError('numeric_out_of_range', `value out of range: ${kind}`);
}

function divisionByZero(): QueryRuntimeError {
  return new QueryRuntimeError('division_by_zero', 'division by zero');
}

function nullAt(v: Vec & { validity: Uint8Array | null }, i: number): boolean {
  return v.validity !== null && v.validity[i] === 0;
}

/** Evaluates `a op b` on dense vectors of length n; `type` is the bound result type. */
export function arithmetic(op: ArithOp, a: Vec, b: Vec, n: number, type: SqlType): Vec {
  if ((a.type === 'int64' || a.type === 'float64') && (b.type === 'int64' || b.type === 'float64')) {
    return numeric(op, a.values, a.validity, b.values, b.validity, n, type === 'bigint');
  }
  if (a.type === 'timestamp' && b.type === 'timestamp' && op === '-') {
    const out = new IntervalOut(n);
    const tmp: SplitOut = { ms: 0, nanos: 0 };
    for (let i = 0; i < n; i++) {
      if (nullAt(a, i) || nullAt(b, i)) {
        out.setNull(i);
        continue;
      }
      diffSplit(tmp, a.ms[i], a.nanos[i], b.ms[i], b.nanos[i]);
      out.ms[i] = tmp.ms;
      out.nanos[i] = tmp.nanos;
    }
    return out.finish();
  }
  if ((a.type === 'timestamp' && b.type === 'interval') || (a.type === 'interval' && b.type === 'timestamp')) {
    const ts = a.type === 'timestamp' ? a : (b as typeof a);
    const iv = a.type === 'interval' ? a : (b as Vec & { type: 'interval' });
    const sign = op === '-' ? -1 : 1;
    const out = new TimestampOut(n);
    const tmp: SplitOut = { ms: 0, nanos: 0 };
    for (let i = 0; i < n; i++) {
      if (nullAt(ts, i) || nullAt(iv, i)) {
        out.setNull(i);
        continue;
      }
      addIntervalSplit(tmp, ts.ms[i], ts.nanos[i], iv.months[i], iv.ms[i], iv.nanos[i], sign);
      out.ms[i] = tmp.ms;
      out.nanos[i] = tmp.nanos;
    }
    return out.finish();
  }
  if (a.type === 'interval' && b.type === 'interval') {
    const sign = op === '-' ? -1 : 1;
    const out = new IntervalOut(n);
    for (let i = 0; i < n; i++) {
      if (nullAt(a, i) || nullAt(b, i)) {
        out.setNull(i);
        continue;
      }
      let ms = a.ms[i] + sign * b.ms[i];
      let nanos = a.nanos[i] + sign * b.nanos[i];
      const carry = Math.floor(nanos / 1_000_000);
      ms += carry;
      nanos -= carry * 1_000_000;
      out.months[i] = a.months[i] + sign * b.months[i];
      out.ms[i] = ms;
      out.nanos[i] = nanos;
    }
    return out.finish();
  }
  if ((a.type === 'interval' && (b.type === 'float64' || b.type === 'int64')) || (b.type === 'interval' && (a.type === 'float64' || a.type === 'int64'))) {
    const iv = a.type === 'interval' ? a : (b as Vec & { type: 'interval' });
    const num = a.type === 'interval' ? (b as Vec & { type: 'float64' }) : (a as Vec & { type: 'float64' });
    const out = new IntervalOut(n);
    for (let i = 0; i < n; i++) {
      if (nullAt(iv, i) || nullAt(num, i)) {
        out.setNull(i);
        continue;
      }
      const f = op === '/' ? 1 / num.values[i] : num.values[i];
      if (op === '/' && num.values[i] === 0) throw divisionByZero();
      scaleInterval(out, i, iv.months[i], iv.ms[i], iv.nanos[i], f);
    }
    return out.finish();
  }
  throw new InternalError(`arithmetic ${a.type} ${op} ${b.type}`);
}

/** months, ms, nanos × f, with fractional months spilling into days of 30 (PostgreSQL). */
function scaleInterval(out: IntervalOut, i: number, months: number, ms: number, nanos: number, f: number): void {
  const m = months * f;
  const wholeMonths = Math.trunc(m);
  const timeMs = (ms + nanos / 1e6) * f + (m - wholeMonths) * 30 * 86_400_000;
  const wholeMs = Math.floor(timeMs);
  out.months[i] = wholeMonths;
  out.ms[i] = wholeMs;
  out.nanos[i] = Math.min(999_999, Math.round((timeMs - wholeMs) * 1e6));
}

function numeric(op: ArithOp, x: Float64Array, xv: Uint8Array | null, y: Float64Array, yv: Uint8Array | null, n: number, isInt: boolean): Vec {
  const out = new NumberOut(isInt ? 'int64' : 'float64', n);
  const o = out.values;
  for (let i = 0; i < n; i++) {
    if ((xv !== null && xv[i] === 0) || (yv !== null && yv[i] === 0)) {
      out.setNull(i);
      continue;
    }
    const p = x[i];
    const q = y[i];
    let r: number;
    switch (op) {
      case '+':
        r = p + q;
        break;
      case '-':
        r = p - q;
        break;
      case '*':
        r = p * q;
        break;
      case '/':
        if (q === 0) throw divisionByZero();
        r = isInt ? Math.trunc(p / q) : p / q;
        break;
      case '%':
        if (q === 0) throw divisionByZero();
        r = p % q;
        break;
    }
    if (isInt) {
      if (r > MAX || r < -MAX) throw outOfRange();
    } else if (r === Infinity || r === -Infinity) {
      // As PostgreSQL's float8 operators: an infinite result from finite inputs is an overflow.
      if (Number.isFinite(p) && Number.isFinite(q)) throw floatOutOfRange('overflow');
    } else if (r === 0 && p !== 0 && (op === '*' ? q !== 0 : op === '/' && Number.isFinite(q))) {
      // ... and a zero product or quotient of non-zero operands an underflow.
      throw floatOutOfRange('underflow');
    }
    o[i] = r;
  }
  return out.finish();
}

/** Unary minus on numbers and intervals. */
export function negate(v: Vec, n: number): Vec {
  if (v.type === 'int64' || v.type === 'float64') {
    const out = new NumberOut(v.type, n);
    for (let i = 0; i < n; i++) {
      if (v.validity !== null && v.validity[i] === 0) out.setNull(i);
      else out.values[i] = -v.values[i];
    }
    return out.finish();
  }
  if (v.type === 'interval') {
    const out = new IntervalOut(n);
    for (let i = 0; i < n; i++) {
      if (v.validity !== null && v.validity[i] === 0) {
        out.setNull(i);
        continue;
      }
      let ms = -v.ms[i];
      let nanos = -v.nanos[i];
      if (nanos < 0) {
        nanos += 1_000_000;
        ms -= 1;
      }
      out.months[i] = -v.months[i];
      out.ms[i] = ms;
      out.nanos[i] = nanos;
    }
    return out.finish();
  }
  throw new InternalError(`negate ${v.type}`);
}

/**
 * Comparison kernels: vector ⊕ vector and vector ⊕ constant for every type, with SQL
 * NULL propagation. Timestamps compare on ms then nanos; doubles treat NaN as equal to
 * NaN and larger than everything (PostgreSQL).
 */
import { InternalError } from '../../../common/index.ts';
import type { CompareOp } from '../../plan/bound-expr.ts';
import { compareNumbers, compareScalars, compareVecRows } from '../../values/compare-values.ts';
import type { Scalar } from '../../values/scalar.ts';
import { isDictVec, vecIsNull, type Vec } from '../../values/vec.ts';
import { BoolOut } from '../../values/vec-builders.ts';

/** True when a three-way comparison result satisfies op. */
export function testOrder(op: CompareOp, c: number): boolean {
  switch (op) {
    case '=':
      return c === 0;
    case '<>':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}

/** Swaps operands: `c op x` ⇔ `x flip(op) c`. */
export function flipOp(op: CompareOp): CompareOp {
  switch (op) {
    case '<':
      return '>';
    case '<=':
      return '>=';
    case '>':
      return '<';
    case '>=':
      return '<=';
    default:
      return op;
  }
}

/** Compares two same-typed vectors row by row. */
export function compareVectors(op: CompareOp, a: Vec, b: Vec, n: number): Vec {
  if (a.type !== b.type && !((a.type === 'int64' || a.type === 'float64') && (b.type === 'int64' || b.type === 'float64')) && !(isDictVec(a) && isDictVec(b))) {
    throw new InternalError(`compare of ${a.type} with ${b.type}`);
  }
  const out = new BoolOut(n);
  if ((a.type === 'int64' || a.type === 'float64') && (b.type === 'int64' || b.type === 'float64')) {
    const x = a.values;
    const y = b.values;
    for (let i = 0; i < n; i++) {
      if ((a.validity !== null && a.validity[i] === 0) || (b.validity !== null && b.validity[i] === 0)) {
        out.setNull(i);
        continue;
      }
      const p = x[i];
      const q = y[i];
      const c = p < q ? -1 : p > q ? 1 : p === q ? 0 : compareNumbers(p, q);
      out.values[i] = testOrder(op, c) ? 1 : 0;
    }
    return out.finish();
  }
  if (a.type === 'timestamp' && b.type === 'timestamp') {
    for (let i = 0; i < n; i++) {
      if ((a.validity !== null && a.validity[i] === 0) || (b.validity !== null && b.validity[i] === 0)) {
        out.setNull(i);
        continue;
      }
      const d = a.ms[i] - b.ms[i];
      out.values[i] = testOrder(op, d !== 0 ? d : a.nanos[i] - b.nanos[i]) ? 1 : 0;
    }
    return out.finish();
  }
  for (let i = 0; i < n; i++) {
    if (vecIsNull(a, i) || vecIsNull(b, i)) out.setNull(i);
    else out.values[i] = testOrder(op, compareVecRows(a, i, b, i)) ? 1 : 0;
  }
  return out.finish();
}

/** Compares a vector with a constant (`v op c`). */
export function compareWithConstant(op: CompareOp, v: Vec, c: Scalar, n: number): Vec {
  const out = new BoolOut(n);
  if (c === null) {
    for (let i = 0; i < n; i++) out.setNull(i);
    return out.finish();
  }
  if ((v.type === 'int64' || v.type === 'float64') && typeof c === 'number') {
    const x = v.values;
    const val = v.validity;
    const o = out.values;
    if (c === c) {
      // Non-NaN constant: plain comparisons are exact except for NaN rows.
      switch (op) {
        case '=':
          for (let i = 0; i < n; i++) o[i] = x[i] === c ? 1 : 0;
          break;
        case '<>':
          for (let i = 0; i < n; i++) o[i] = x[i] !== c ? 1 : 0;
          break;
        case '<':
          for (let i = 0; i < n; i++) o[i] = x[i] < c ? 1 : 0;
          break;
        case '<=':
          for (let i = 0; i < n; i++) o[i] = x[i] <= c ? 1 : 0;
          break;
        case '>':
          for (let i = 0; i < n; i++) o[i] = x[i] > c || x[i] !== x[i] ? 1 : 0;
          break;
        case '>=':
          for (let i = 0; i < n; i++) o[i] = x[i] >= c || x[i] !== x[i] ? 1 : 0;
          break;
      }
    } else {
      for (let i = 0; i < n; i++) o[i] = testOrder(op, compareNumbers(x[i], c)) ? 1 : 0;
    }
    if (val !== null) for (let i = 0; i < n; i++) if (val[i] === 0) out.setNull(i);
    return out.finish();
  }
  if (v.type === 'timestamp' && typeof c === 'object' && c.kind === 'timestamp') {
    const cm = c.ms;
    const cn = c.nanos;
    for (let i = 0; i < n; i++) {
      if (v.validity !== null && v.validity[i] === 0) {
        out.setNull(i);
        continue;
      }
      const d = v.ms[i] - cm;
      out.values[i] = testOrder(op, d !== 0 ? d : v.nanos[i] - cn) ? 1 : 0;
    }
    return out.finish();
  }
  if (isDictVec(v) && typeof c === 'string' && v.dict.length <= 4 * n + 64) {
    // Once per dictionary entry, then a gather over codes.
    const dict = v.dict;
    const perCode = new Uint8Array(dict.length);
    for (let k = 0; k < dict.length; k++) {
      const s = dict[k];
      perCode[k] = testOrder(op, s < c ? -1 : s > c ? 1 : 0) ? 1 : 0;
    }
    const codes = v.codes;
    for (let i = 0; i < n; i++) {
      const code = codes[i];
      if (code < 0) out.setNull(i);
      else out.values[i] = perCode[code];
    }
    return out.finish();
  }
  for (let i = 0; i < n; i++) {
    if (vecIsNull(v, i)) out.setNull(i);
    else out.values[i] = testOrder(op, compareScalars(scalarAt(v, i), c)) ? 1 : 0;
  }
  return out.finish();
}

function scalarAt(v: Vec, i: number): Scalar {
  switch (v.type) {
    case 'boolean':
      return v.values[i] === 1;
    case 'int64':
    case 'float64':
      return v.values[i];
    case 'timestamp':
      return { kind: 'timestamp', ms: v.ms[i], nanos: v.nanos[i] };
    case 'interval':
      return { kind: 'interval', months: v.months[i], ms: v.ms[i], nanos: v.nanos[i] };
    case 'string':
    case 'json':
      return v.dict[v.codes[i]];
  }
}

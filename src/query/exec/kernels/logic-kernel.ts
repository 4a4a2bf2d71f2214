/**
 * Three-valued logic: AND, OR, NOT, IS [NOT] NULL, IS [NOT] DISTINCT FROM and IN over
 * constant lists. NULL AND false is false, NULL OR true is true, x IN (…, NULL) without
 * a match is NULL.
 */
import type { Scalar } from '../../values/scalar.ts';
import { compareVecRows } from '../../values/compare-values.ts';
import { isDictVec, vecIsNull, type Vec } from '../../values/vec.ts';
import { BoolOut } from '../../values/vec-builders.ts';

type BoolVec = Vec & { type: 'boolean' };

/** AND / OR of boolean vectors. */
export function andOr(isAnd: boolean, args: readonly BoolVec[], n: number): Vec {
  const values = new Uint8Array(n).fill(isAnd ? 1 : 0);
  let validity: Uint8Array | null = null;
  // state per row: definite result reached (dominant value), or unknown seen.
  const dominant = isAnd ? 0 : 1;
  const unknown = new Uint8Array(n);
  let anyUnknown = false;
  for (const a of args) {
    const av = a.values;
    const aval = a.validity;
    for (let i = 0; i < n; i++) {
      if (aval !== null && aval[i] === 0) {
        unknown[i] = 1;
        anyUnknown = true;
      } else if (av[i] === dominant) values[i] = dominant;
    }
  }
  if (anyUnknown) {
    for (let i = 0; i < n; i++) {
      if (unknown[i] === 1 && values[i] !== dominant) {
        if (validity === null) validity = new Uint8Array(n).fill(1);
        validity[i] = 0;
      }
    }
  }
  return { type: 'boolean', length: n, values, validity };
}

/** NOT. */
export function not(a: BoolVec, n: number): Vec {
  const values = new Uint8Array(n);
  for (let i = 0; i < n; i++) values[i] = a.values[i] ^ 1;
  return { type: 'boolean', length: n, values, validity: a.validity };
}

/** IS [NOT] NULL. */
export function isNull(v: Vec, n: number, negated: boolean): Vec {
  const values = new Uint8Array(n);
  const want = negated ? 0 : 1;
  for (let i = 0; i < n; i++) values[i] = (vecIsNull(v, i) ? 1 : 0) === want ? 1 : 0;
  return { type: 'boolean', length: n, values, validity: null };
}

/** IS [NOT] DISTINCT FROM: like = / <> but NULL-safe, never NULL. */
export function isDistinct(a: Vec, b: Vec, n: number, negated: boolean): Vec {
  const values = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const an = vecIsNull(a, i);
    const bn = vecIsNull(b, i);
    const distinct = an || bn ? an !== bn : compareVecRows(a, i, b, i) !== 0;
    values[i] = distinct !== negated ? 1 : 0;
  }
  return { type: 'boolean', length: n, values, validity: null };
}

/** A hashable key for a non-null scalar of one type. */
export function scalarKey(v: Scalar): string | number | boolean {
  if (v === null) return 'null';
  if (typeof v === 'number') return v === 0 ? 0 : v !== v ? 'NaN' : v;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v.kind === 'timestamp') return `t${v.ms}:${v.nanos}`;
  return `i${v.months}:${v.ms}:${v.nanos}`;
}

/** x [NOT] IN (constants). */
export function inConstants(v: Vec, values: readonly Scalar[], n: number, negated: boolean): Vec {
  const set = new Set<string | number | boolean>();
  let hasNull = false;
  for (const x of values) {
    if (x === null) hasNull = true;
    else set.add(scalarKey(x));
  }
  const out = new BoolOut(n);
  const hit = negated ? 0 : 1;
  if (isDictVec(v)) {
    // One set lookup per dictionary entry.
    const per = new Int8Array(v.dict.length).fill(-1);
    for (let i = 0; i < n; i++) {
      const c = v.codes[i];
      if (c < 0) {
        out.setNull(i);
        continue;
      }
      if (per[c] < 0) per[c] = set.has(v.dict[c]) ? 1 : 0;
      if (per[c] === 1) out.values[i] = hit;
      else if (hasNull) out.setNull(i);
      else out.values[i] = hit ^ 1;
    }
    return out.finish();
  }
  for (let i = 0; i < n; i++) {
    if (vecIsNull(v, i)) {
      out.setNull(i);
      continue;
    }
    let found: boolean;
    switch (v.type) {
      case 'int64':
      case 'float64': {
        const x = v.values[i];
        found = set.has(x === 0 ? 0 : x !== x ? 'NaN' : x);
        break;
      }
      case 'boolean':
        found = set.has(v.values[i] === 1);
        break;
      case 'timestamp':
        found = set.has(`t${v.ms[i]}:${v.nanos[i]}`);
        break;
      case 'interval':
        found = set.has(`i${v.months[i]}:${v.ms[i]}:${v.nanos[i]}`);
        break;
    }
    if (found) out.values[i] = hit;
    else if (hasNull) out.setNull(i);
    else out.values[i] = hit ^ 1;
  }
  return out.finish();
}

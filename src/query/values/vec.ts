/**
 * The engine's vectors: every columnar `Vector` plus an `IntervalVector`, which never
 * leaves the engine (results turn intervals into text, see result-batch.ts). Helpers
 * here create, read, gather and concatenate vectors of any of these types.
 */
import type { DictionaryVector, Vector } from '../../columnar/index.ts';
import { InternalError } from '../../common/index.ts';
import type { Scalar } from './scalar.ts';
import { vecTypeOf, type SqlType, type VecType } from './sql-type.ts';

export interface IntervalVector {
  readonly type: 'interval';
  readonly length: number;
  readonly months: Float64Array;
  readonly ms: Float64Array;
  readonly nanos: Int32Array;
  readonly validity: Uint8Array | null;
}

export type Vec = Vector | IntervalVector;

/** True when row i is null. */
export function vecIsNull(v: Vec, i: number): boolean {
  if (isDictVec(v)) return v.codes[i] < 0;
  return v.validity !== null && v.validity[i] === 0;
}

/** Validity bytes (1 = valid) for any vector; dictionary vectors derive them from codes. */
export function validityOf(v: Vec): Uint8Array | null {
  if (isDictVec(v)) {
    let out: Uint8Array | null = null;
    for (let i = 0; i < v.length; i++) {
      if (v.codes[i] < 0) {
        if (out === null) out = new Uint8Array(v.length).fill(1);
        out[i] = 0;
      }
    }
    return out;
  }
  return v.validity;
}

/** Row i as a scalar. */
export function vecValue(v: Vec, i: number): Scalar {
  if (vecIsNull(v, i)) return null;
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

/** A vector of n copies of a scalar (null gives an all-null vector). */
export function broadcast(value: Scalar, type: SqlType, n: number): Vec {
  const vt = vecTypeOf(type);
  if (value === null) return nullVec(vt, n);
  switch (vt) {
    case 'boolean':
      return { type: 'boolean', length: n, values: new Uint8Array(n).fill(value === true ? 1 : 0), validity: null };
    case 'int64':
    case 'float64':
      return { type: vt, length: n, values: new Float64Array(n).fill(value as number), validity: null };
    case 'string':
    case 'json':
      return { type: vt, length: n, codes: new Int32Array(n), dict: [value as string] };
    case 'timestamp': {
      const t = value as { ms: number; nanos: number };
      return { type: 'timestamp', length: n, ms: new Float64Array(n).fill(t.ms), nanos: new Int32Array(n).fill(t.nanos), validity: null };
    }
    case 'interval': {
      const t = value as { months: number; ms: number; nanos: number };
      return {
        type: 'interval',
        length: n,
        months: new Float64Array(n).fill(t.months),
        ms: new Float64Array(n).fill(t.ms),
        nanos: new Int32Array(n).fill(t.nanos),
        validity: null,
      };
    }
  }
}

/** n nulls of a vector type. */
export function nullVec(type: VecType, n: number): Vec {
  const validity = new Uint8Array(n);
  switch (type) {
    case 'boolean':
      return { type, length: n, values: new Uint8Array(n), validity };
    case 'int64':
    case 'float64':
      return { type, length: n, values: new Float64Array(n), validity };
    case 'timestamp':
      return { type, length: n, ms: new Float64Array(n), nanos: new Int32Array(n), validity };
    case 'interval':
      return { type, length: n, months: new Float64Array(n), ms: new Float64Array(n), nanos: new Int32Array(n), validity };
    case 'string':
    case 'json':
      return { type, length: n, codes: new Int32Array(n).fill(-1), dict: [] };
  }
}

function gatherValidity(validity: Uint8Array | null, idx: Int32Array): Uint8Array | null {
  if (validity === null) return null;
  const out = new Uint8Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = validity[idx[i]];
  return out;
}

/**
 * Rows `idx` of v. A negative index yields null (used by outer joins). Dictionaries are
 * shared, never copied.
 */
export function gatherVec(v: Vec, idx: Int32Array): Vec {
  const n = idx.length;
  let hasNeg = false;
  for (let i = 0; i < n; i++) if (idx[i] < 0) {
    hasNeg = true;
    break;
  }
  if (hasNeg) return gatherWithNulls(v, idx);
  switch (v.type) {
    case 'string':
    case 'json': {
      const codes = new Int32Array(n);
      const src = v.codes;
      for (let i = 0; i < n; i++) codes[i] = src[idx[i]];
      return { type: v.type, length: n, codes, dict: v.dict };
    }
    case 'boolean': {
      const values = new Uint8Array(n);
      for (let i = 0; i < n; i++) values[i] = v.values[idx[i]];
      return { type: 'boolean', length: n, values, validity: gatherValidity(v.validity, idx) };
    }
    case 'int64':
    case 'float64': {
      const values = new Float64Array(n);
      const src = v.values;
      for (let i = 0; i < n; i++) values[i] = src[idx[i]];
      return { type: v.type, length: n, values, validity: gatherValidity(v.validity, idx) };
    }
    case 'timestamp': {
      const ms = new Float64Array(n);
      const nanos = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        ms[i] = v.ms[idx[i]];
        nanos[i] = v.nanos[idx[i]];
      }
      return { type: 'timestamp', length: n, ms, nanos, validity: gatherValidity(v.validity, idx) };
    }
    case 'interval': {
      const months = new Float64Array(n);
      const ms = new Float64Array(n);
      const nanos = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        months[i] = v.months[idx[i]];
        ms[i] = v.ms[idx[i]];
        nanos[i] = v.nanos[idx[i]];
      }
      return { type: 'interval', length: n, months, ms, nanos, validity: gatherValidity(v.validity, idx) };
    }
  }
}

function gatherWithNulls(v: Vec, idx: Int32Array): Vec {
  const n = idx.length;
  const safe = new Int32Array(n);
  for (let i = 0; i < n; i++) safe[i] = idx[i] < 0 ? 0 : idx[i];
  if (v.length === 0) return nullVec(v.type, n);
  const g = gatherVec(v, safe);
  if (isDictVec(g)) {
    const codes = g.codes as Int32Array;
    for (let i = 0; i < n; i++) if (idx[i] < 0) codes[i] = -1;
    return g;
  }
  const validity = g.validity === null ? new Uint8Array(n).fill(1) : (g.validity as Uint8Array);
  for (let i = 0; i < n; i++) if (idx[i] < 0) validity[i] = 0;
  return { ...g, validity } as Vec;
}

/** Zero-copy view of rows [start, end). */
export function sliceVec(v: Vec, start: number, end: number): Vec {
  const length = end - start;
  switch (v.type) {
    case 'string':
    case 'json':
      return { type: v.type, length, codes: v.codes.subarray(start, end), dict: v.dict };
    case 'boolean':
    case 'int64':
    case 'float64':
      return { type: v.type, length, values: v.values.subarray(start, end), validity: v.validity?.subarray(start, end) ?? null } as Vec;
    case 'timestamp':
      return { type: 'timestamp', length, ms: v.ms.subarray(start, end), nanos: v.nanos.subarray(start, end), validity: v.validity?.subarray(start, end) ?? null };
    case 'interval':
      return {
        type: 'interval',
        length,
        months: v.months.subarray(start, end),
        ms: v.ms.subarray(start, end),
        nanos: v.nanos.subarray(start, end),
        validity: v.validity?.subarray(start, end) ?? null,
      };
  }
}

/** Approximate bytes a vector holds (dictionary strings excluded; see dictBytes). */
export function vecBytes(v: Vec): number {
  switch (v.type) {
    case 'string':
    case 'json':
      return v.codes.byteLength;
    case 'boolean':
    case 'int64':
    case 'float64':
      return v.values.byteLength + (v.validity?.byteLength ?? 0);
    case 'timestamp':
      return v.ms.byteLength + v.nanos.byteLength + (v.validity?.byteLength ?? 0);
    case 'interval':
      return v.months.byteLength + v.ms.byteLength + v.nanos.byteLength + (v.validity?.byteLength ?? 0);
  }
}

/** Approximate bytes of a dictionary's strings. */
export function dictBytes(dict: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < dict.length; i++) n += 2 * dict[i].length + 40;
  return n;
}

/**
 * Bytes of n rows held in `vecs`. A vector references at most one dictionary entry per
 * row, so a dictionary is charged at most rows × its average entry size: dictionaries
 * shared with storage are not charged in full to every batch, decoded ones are.
 */
export function vecsBytes(vecs: readonly Vec[], rows: number): number {
  let n = 0;
  for (const c of vecs) {
    n += vecBytes(c);
    if (c.type === 'string' || c.type === 'json') {
      const k = c.dict.length;
      if (k === 0) continue;
      // A dictionary no longer than the batch (every computed one) is counted exactly.
      if (k <= rows) {
        n += dictBytes(c.dict);
        continue;
      }
      const sample = k > 256 ? c.dict.slice(0, 256) : c.dict;
      n += Math.round((dictBytes(sample) / sample.length) * Math.min(k, rows));
    }
  }
  return n;
}

/** Narrows to the columnar Vector union (anything but an interval). */
export function asColumnarVector(v: Vec): Vector {
  if (v.type === 'interval') throw new InternalError('interval vector where a columnar vector was expected');
  return v;
}

/** True for string and json vectors. */
export function isDictVec(v: Vec): v is DictionaryVector {
  return v.type === 'string' || v.type === 'json';
}

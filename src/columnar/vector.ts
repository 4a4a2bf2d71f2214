/**
 * Physical layout of column vectors. Every hot loop in storage and query runs over the
 * typed arrays defined here; no per-value objects.
 *
 * Nulls: `validity[i] === 0` marks row i null (validity `null` = no nulls), except for
 * dictionary vectors, where `codes[i] < 0` marks null. Values under a null are
 * unspecified (usually 0).
 *
 * int64 is held in a Float64Array: exact for |v| <= 2^53, which covers every OTLP
 * integer that matters (counts, flags, severities, durations up to 104 days). Timestamps
 * are exact for every int64 via their (ms, nanos) split (see timestamp.ts).
 */
import type { DataType } from './data-type.ts';

export interface BooleanVector {
  readonly type: 'boolean';
  readonly length: number;
  /** 0 or 1 per row. */
  readonly values: Uint8Array;
  readonly validity: Uint8Array | null;
}

export interface Int64Vector {
  readonly type: 'int64';
  readonly length: number;
  /** Integral values, exact up to 2^53 in magnitude. */
  readonly values: Float64Array;
  readonly validity: Uint8Array | null;
}

export interface Float64Vector {
  readonly type: 'float64';
  readonly length: number;
  readonly values: Float64Array;
  readonly validity: Uint8Array | null;
}

export interface TimestampVector {
  readonly type: 'timestamp';
  readonly length: number;
  /** floor(ns / 1e6): whole milliseconds since the epoch. */
  readonly ms: Float64Array;
  /** ns - ms * 1e6, in 0 ..= 999_999. */
  readonly nanos: Int32Array;
  readonly validity: Uint8Array | null;
}

/**
 * Strings (and JSON text) are always dictionary-encoded: `codes[i]` indexes `dict`,
 * negative codes are null. Dictionaries may hold values no row references; they may be
 * shared between vectors (never mutated once a vector referencing them is published,
 * except by appending past every code in use).
 */
export interface DictionaryVector {
  readonly type: 'string' | 'json';
  readonly length: number;
  readonly codes: Int32Array;
  readonly dict: readonly string[];
}

export type Vector = BooleanVector | Int64Vector | Float64Vector | TimestampVector | DictionaryVector;

/** Narrows a vector to its dictionary form (string or json). */
export function isDictionary(v: Vector): v is DictionaryVector {
  return v.type === 'string' || v.type === 'json';
}

/** True when row `i` of `v` is null. */
export function isNull(v: Vector, i: number): boolean {
  if (isDictionary(v)) return v.codes[i] < 0;
  return v.validity !== null && v.validity[i] === 0;
}

/** Number of null rows. */
export function nullCount(v: Vector): number {
  let n = 0;
  if (isDictionary(v)) {
    for (let i = 0; i < v.length; i++) if (v.codes[i] < 0) n++;
    return n;
  }
  if (v.validity === null) return 0;
  for (let i = 0; i < v.length; i++) if (v.validity[i] === 0) n++;
  return n;
}

/** A vector of `length` nulls of the given type. */
export function nullVector(type: DataType, length: number): Vector {
  const validity = new Uint8Array(length);
  switch (type) {
    case 'boolean':
      return { type, length, values: new Uint8Array(length), validity };
    case 'int64':
    case 'float64':
      return { type, length, values: new Float64Array(length), validity };
    case 'timestamp':
      return { type, length, ms: new Float64Array(length), nanos: new Int32Array(length), validity };
    case 'string':
    case 'json':
      return { type, length, codes: new Int32Array(length).fill(-1), dict: [] };
  }
}

/** Plain JS value of row i: null, boolean, number, string, or bigint nanoseconds for timestamps. */
export function valueAt(v: Vector, i: number): null | boolean | number | string | bigint {
  if (isNull(v, i)) return null;
  switch (v.type) {
    case 'boolean':
      return v.values[i] === 1;
    case 'int64':
    case 'float64':
      return v.values[i];
    case 'timestamp':
      return BigInt(v.ms[i]) * 1_000_000n + BigInt(v.nanos[i]);
    case 'string':
    case 'json':
      return v.dict[v.codes[i]];
  }
}

/** Copies rows `indices` of `v` into a new vector (dictionaries are shared, not copied). */
export function takeRows(v: Vector, indices: Int32Array | readonly number[]): Vector {
  const n = indices.length;
  switch (v.type) {
    case 'string':
    case 'json': {
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = v.codes[indices[i]];
      return { type: v.type, length: n, codes, dict: v.dict };
    }
    case 'timestamp': {
      const ms = new Float64Array(n);
      const nanos = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        ms[i] = v.ms[indices[i]];
        nanos[i] = v.nanos[indices[i]];
      }
      return { type: 'timestamp', length: n, ms, nanos, validity: takeValidity(v.validity, indices) };
    }
    case 'boolean': {
      const values = new Uint8Array(n);
      for (let i = 0; i < n; i++) values[i] = v.values[indices[i]];
      return { type: 'boolean', length: n, values, validity: takeValidity(v.validity, indices) };
    }
    case 'int64':
    case 'float64': {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = v.values[indices[i]];
      return { type: v.type, length: n, values, validity: takeValidity(v.validity, indices) };
    }
  }
}

function takeValidity(validity: Uint8Array | null, indices: Int32Array | readonly number[]): Uint8Array | null {
  if (validity === null) return null;
  const out = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = validity[indices[i]];
  return out;
}

/** Rows [start, end) of `v` as views over the same memory (no copy). */
export function sliceVector(v: Vector, start: number, end: number): Vector {
  const length = end - start;
  switch (v.type) {
    case 'string':
    case 'json':
      return { type: v.type, length, codes: v.codes.subarray(start, end), dict: v.dict };
    case 'timestamp':
      return {
        type: 'timestamp',
        length,
        ms: v.ms.subarray(start, end),
        nanos: v.nanos.subarray(start, end),
        validity: v.validity?.subarray(start, end) ?? null,
      };
    case 'boolean':
      return { type: 'boolean', length, values: v.values.subarray(start, end), validity: v.validity?.subarray(start, end) ?? null };
    case 'int64':
    case 'float64':
      return { type: v.type, length, values: v.values.subarray(start, end), validity: v.validity?.subarray(start, end) ?? null };
  }
}

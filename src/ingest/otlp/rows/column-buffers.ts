/**
 * Helpers shared by the per-table row writers: growing typed arrays, and turning the
 * first `n` entries of reusable scratch arrays into exact-size vectors. The writers keep
 * their scratch arrays across requests (decoding is synchronous, one request at a time),
 * so a steady stream of requests allocates only the final vectors.
 */
import type { DictionaryVector, Vector } from '../../../columnar/index.ts';

/** Rows the scratch buffers start with. */
export const INITIAL_ROWS = 1024;
/** Scratch buffers larger than this are given back after a request (one huge request must not pin memory). */
export const MAX_RETAINED_ROWS = 1 << 18;

/** A copy of `a` with capacity `cap` (also shrinks, keeping the first `cap` entries). */
export function growF64(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a.length <= cap ? a : a.subarray(0, cap));
  return b;
}

export function growI32(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a.length <= cap ? a : a.subarray(0, cap));
  return b;
}

export function growU8(a: Uint8Array, cap: number): Uint8Array {
  const b = new Uint8Array(cap);
  b.set(a.length <= cap ? a : a.subarray(0, cap));
  return b;
}

/** Validity for the first n rows: null when every row is valid. */
function validityOf(valid: Uint8Array | null, n: number): Uint8Array | null {
  if (valid === null) return null;
  for (let i = 0; i < n; i++) if (valid[i] === 0) return valid.slice(0, n);
  return null;
}

export function float64Vector(type: 'float64' | 'int64', values: Float64Array, valid: Uint8Array | null, n: number): Vector {
  return { type, length: n, values: values.slice(0, n), validity: validityOf(valid, n) };
}

export function booleanVector(values: Uint8Array, valid: Uint8Array | null, n: number): Vector {
  return { type: 'boolean', length: n, values: values.slice(0, n), validity: validityOf(valid, n) };
}

export function timestampVector(ms: Float64Array, nanos: Int32Array, valid: Uint8Array | null, n: number): Vector {
  return { type: 'timestamp', length: n, ms: ms.slice(0, n), nanos: nanos.slice(0, n), validity: validityOf(valid, n) };
}

export function dictionaryVector(type: 'string' | 'json', codes: Int32Array, n: number, dict: readonly string[]): DictionaryVector {
  return { type, length: n, codes: codes.slice(0, n), dict };
}

/** A column where every row holds the same string (tenant_id). */
export function constantStringVector(value: string, n: number): DictionaryVector {
  return { type: 'string', length: n, codes: new Int32Array(n), dict: [value] };
}

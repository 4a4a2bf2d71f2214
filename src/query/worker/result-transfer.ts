/**
 * Moves a QueryResult across a worker boundary: every typed array is copied into a
 * fresh, exactly-sized buffer (results are bounded by max_result_rows, so the copy is
 * small) and that buffer is transferred, never cloned; dictionaries travel as string
 * arrays (result-batch.ts already trimmed them to the entries rows use). Copying first
 * matters: result vectors may be views of storage's shared or cached memory, which
 * must not be detached.
 */
import type { Batch, Vector } from '../../columnar/index.ts';
import type { QueryResult } from '../engine/query-context.ts';

/** A result as sent through postMessage. */
export interface EncodedResult {
  readonly result: QueryResult;
  readonly transfer: ArrayBuffer[];
}

function own<T extends Float64Array | Int32Array | Uint8Array>(a: T, transfer: ArrayBuffer[]): T {
  const copy = a.slice() as T;
  transfer.push(copy.buffer as ArrayBuffer);
  return copy;
}

function ownVector(v: Vector, transfer: ArrayBuffer[]): Vector {
  switch (v.type) {
    case 'string':
    case 'json':
      return { type: v.type, length: v.length, codes: own(v.codes, transfer), dict: Array.from(v.dict) };
    case 'timestamp':
      return { type: 'timestamp', length: v.length, ms: own(v.ms, transfer), nanos: own(v.nanos, transfer), validity: v.validity === null ? null : own(v.validity, transfer) };
    case 'boolean':
      return { type: 'boolean', length: v.length, values: own(v.values, transfer), validity: v.validity === null ? null : own(v.validity, transfer) };
    case 'int64':
    case 'float64':
      return { type: v.type, length: v.length, values: own(v.values, transfer), validity: v.validity === null ? null : own(v.validity, transfer) };
  }
}

/** Prepares a result for postMessage(result, transfer). */
export function encodeResult(result: QueryResult): EncodedResult {
  const transfer: ArrayBuffer[] = [];
  const batches: Batch[] = result.batches.map((b) => ({ schema: b.schema, length: b.length, columns: b.columns.map((c) => ownVector(c, transfer)) }));
  return { result: { ...result, batches }, transfer };
}

/**
 * int64 values live in Float64Array (exact to 2^53). Integer arithmetic checks its
 * result with `checkedInt` so that precision is never lost silently.
 */
import { QueryRuntimeError } from '../errors.ts';

/** Largest integer the engine represents exactly. */
export const MAX_EXACT_INT = Number.MAX_SAFE_INTEGER;

/** Returns `v` when it is an exact integer; throws the out-of-range error otherwise. */
export function checkedInt(v: number): number {
  if (!Number.isSafeInteger(v)) throw outOfRange();
  return v;
}

/** The error raised when an integer result leaves the exact range. */
export function outOfRange(): QueryRuntimeError {
  return new QueryRuntimeError('numeric_out_of_range', 'bigint out of range (Pharlux integers are exact to ±2^53)');
}

/**
 * Strings built while a query runs (concat, replace, casts to text...) are charged to
 * the query's memory budget by their size, and no single value may grow past
 * MAX_STRING_CHARS: a JS string costs up to 2 bytes a character, so counting values
 * alone (the old 16 bytes a value) let one query build gigabytes.
 */
import { QueryRuntimeError } from '../errors.ts';

/** Longest string value a query may build, in UTF-16 code units (PostgreSQL's text limit is 1 GB; ours is far lower on purpose). */
export const MAX_STRING_CHARS = 10_000_000;

/** Where a kernel that builds strings charges their bytes (the evaluator forwards to the query's MemoryBudget). */
export interface StringCharge {
  /** Adds `bytes`; throws QueryMemoryExceededError when the budget is crossed. */
  charge(bytes: number): void;
}

/** Estimated bytes of a string value of `chars` code units (2 bytes a unit plus the string's header). */
export function stringBytes(chars: number): number {
  return 2 * chars + 40;
}

/** The error for a string value longer than MAX_STRING_CHARS. */
export function stringTooLongError(chars: number): QueryRuntimeError {
  return new QueryRuntimeError(
    'program_limit_exceeded',
    `string value too long: ${chars} characters, at most ${MAX_STRING_CHARS} are allowed in one value`,
  );
}

/** Throws stringTooLongError when a value of `chars` code units would be too long. */
export function checkStringLength(chars: number): void {
  if (chars > MAX_STRING_CHARS) throw stringTooLongError(chars);
}

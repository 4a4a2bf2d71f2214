/**
 * The shape of an aggregate: a signature for the binder and a grouped accumulator for
 * the hash aggregate. Accumulators keep per-group state in typed arrays indexed by group
 * id; `update` receives dense argument vectors and the group id of every row.
 */
import type { Scalar } from '../values/scalar.ts';
import type { SqlType } from '../values/sql-type.ts';
import { isDictVec, type Vec } from '../values/vec.ts';
import type { ResolvedSignature } from './scalar-function.ts';

export interface GroupedAccumulator {
  /** Folds n rows into their groups; `groupCount` is the number of groups so far (ids are below it). */
  update(args: readonly Vec[], groupIds: Int32Array, n: number, groupCount: number): void;
  /**
   * Optional: the same as `update` for rows given as runs (rows [starts[r], starts[r + 1])
   * all in group groups[r]; see exec/hash/group-runs.ts), folded a run at a time.
   */
  updateRuns?(args: readonly Vec[], starts: Int32Array, groups: Int32Array, runCount: number, groupCount: number): void;
  /** Result for groups 0 .. groupCount-1. */
  finish(groupCount: number): Vec;
  /** Approximate bytes of state held, for the memory budget. */
  bytes(): number;
}

export interface AggregateDef {
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Indexes of arguments that must be constants; the binder passes them as `params`, not per row. */
  readonly constArgs?: readonly number[];
  /** Resolves argument types (constant arguments included), or returns an error message. */
  resolve(argTypes: readonly SqlType[]): ResolvedSignature | string;
  create(argTypes: readonly SqlType[], returns: SqlType, params: readonly Scalar[]): GroupedAccumulator;
}

/** Grows a typed array to at least n elements (amortised doubling). */
export function growF64(a: Float64Array, n: number, fill = 0): Float64Array {
  if (a.length >= n) return a;
  const b = new Float64Array(Math.max(n, a.length * 2, 64));
  if (fill !== 0) b.fill(fill, a.length);
  b.set(a);
  return b;
}

/** Non-null test for any vector row. */
export function validAt(v: Vec, i: number): boolean {
  if (isDictVec(v)) return v.codes[i] >= 0;
  return v.validity === null || v.validity[i] === 1;
}

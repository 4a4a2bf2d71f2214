/**
 * Every aggregate function by name (count, sum, avg, min, max, stddev, variance,
 * percentiles, first_value/last_value, ...).
 */
import type { AggregateDef } from './aggregate-function.ts';
import { BASIC_AGGREGATES } from './basic-aggregates.ts';
import { ORDERED_AGGREGATES } from './ordered-aggregates.ts';
import { STAT_AGGREGATES } from './stat-aggregates.ts';

/** Immutable name → definition table. */
export const AGGREGATE_FUNCTIONS: ReadonlyMap<string, AggregateDef> = new Map(
  [...BASIC_AGGREGATES, ...STAT_AGGREGATES, ...ORDERED_AGGREGATES].map((a) => [a.name, a]),
);

/** Looks up an aggregate by lower-case name. */
export function findAggregate(name: string): AggregateDef | undefined {
  return AGGREGATE_FUNCTIONS.get(name);
}

/** Window-only functions (SPEC §7) and their result types. */
export const WINDOW_FUNCTIONS: ReadonlyMap<string, { minArgs: number; maxArgs: number }> = new Map([
  ['row_number', { minArgs: 0, maxArgs: 0 }],
  ['rank', { minArgs: 0, maxArgs: 0 }],
  ['dense_rank', { minArgs: 0, maxArgs: 0 }],
  ['lag', { minArgs: 1, maxArgs: 3 }],
  ['lead', { minArgs: 1, maxArgs: 3 }],
  ['first_value', { minArgs: 1, maxArgs: 1 }],
  ['last_value', { minArgs: 1, maxArgs: 1 }],
]);

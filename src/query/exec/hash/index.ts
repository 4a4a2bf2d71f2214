/**
 * exec/hash/: typed-array hash tables. F64HashTable and PairHashTable (open
 * addressing), KeyInterner (dense ids per key column, dictionary-aware) and GroupKeys
 * (group ids for GROUP BY, DISTINCT, join keys and window partitions; as runs of equal
 * groups when rows come sorted: group-runs.ts). Start reading at group-keys.ts.
 */
export { F64HashTable } from './hash-f64.ts';
export { PairHashTable } from './pair-hash-table.ts';
export { createKeyInterner, type KeyInterner } from './key-interner.ts';
export { GroupKeys } from './group-keys.ts';
export type { GroupAssignment, GroupRuns } from './group-runs.ts';

/**
 * bloom/: Parquet's split-block bloom filter (xxHash64 through Bun's native hash),
 * written for TABLE_BLOOM_COLUMNS and probed by scans with `=`/`in` predicates.
 */
export * from './split-block-bloom-filter.ts';

/**
 * write/: turning batches into column chunks. combine-batches merges inputs (one
 * dictionary per column), sort-permutation orders rows by TABLE_SORT_KEYS, permute-batch
 * applies the order, and column-chunk-writer writes one chunk: dictionary page, data pages,
 * statistics, page index entries and bloom filter, with the per-type encoders of
 * column-values, dictionary-values and numeric-dictionary-values. Start reading at
 * column-chunk-writer.ts.
 */
export * from './combine-batches.ts';
export * from './sort-permutation.ts';
export * from './permute-batch.ts';
export * from './column-chunk-writer.ts';
export * from './part-output.ts';

/**
 * write/: turning batches into column chunks. part-input addresses the input batches as
 * one row space (one merged dictionary per column, nothing copied), row-order sorts it by
 * TABLE_SORT_KEYS (optionally split into time partitions first), sorted-columns and
 * scatter-rows move each partition's columns into that order (columns holding one value or
 * none are passed on as that value), and column-chunk-writer writes one chunk: dictionary
 * page, data pages, statistics, page index entries and bloom filter, with the per-type
 * encoders of column-values, dictionary-values, numeric-dictionary-values and
 * uniform-values. Start reading at row-order.ts, then column-chunk-writer.ts.
 */
export * from './part-input.ts';
export * from './row-order.ts';
export * from './sorted-columns.ts';
export * from './column-chunk-writer.ts';
export * from './part-output.ts';

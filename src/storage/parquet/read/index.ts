/**
 * read/: turning parts back into vectors. row-selection decides which rows of a row group
 * may match (statistics, bloom filter, column index; range-may-match has the rules) and
 * exact-filter narrows it to the exact rows for string equality hints,
 * chunk-decoder reads and decodes a whole column chunk or some of its pages with
 * page-decoder into chunk-targets, gather-ranges compacts the selected rows (from a chunk
 * or from pages), and hyparquet-fallback handles encodings we do not write. Start reading
 * at row-selection.ts.
 */
export * from './range-may-match.ts';
export * from './row-selection.ts';
export * from './exact-filter.ts';
export * from './chunk-decoder.ts';
export * from './gather-ranges.ts';
export * from './hyparquet-fallback.ts';
export * from './page-decoder.ts';

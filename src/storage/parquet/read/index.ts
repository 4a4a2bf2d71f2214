/**
 * read/: turning parts back into vectors. row-selection decides which rows of a row group
 * may match (statistics, bloom filter, column index; range-may-match has the rules),
 * chunk-decoder reads and decodes the needed pages of a column chunk with page-decoder
 * into a chunk-target, gather-ranges compacts the selected rows, and hyparquet-fallback
 * handles encodings we do not write. Start reading at row-selection.ts.
 */
export * from './range-may-match.ts';
export * from './row-selection.ts';
export * from './chunk-decoder.ts';
export * from './gather-ranges.ts';
export * from './hyparquet-fallback.ts';
export * from './page-decoder.ts';

/**
 * storage/parquet/: the Parquet part format. Encodes sorted batches into one Parquet
 * file per part (encodePart), reads and validates footers (readPartFooter), and scans
 * parts into columnar batches with row-group pruning (scanPart). On-disk layout:
 * FORMAT.md. Start reading at encode-part.ts, then scan-part.ts.
 */
export { encodePart, type PartWriteOptions } from './encode-part.ts';
export { fileByteSource, memoryByteSource, type ByteSource } from './byte-source.ts';
export { readPartFooter } from './read-part-footer.ts';
export type { ColumnStats, PartFooter, RowGroupFooter } from './part-footer.ts';
export { scanPart, type PartScanRequest } from './scan-part.ts';
export { PartCorruptError, PartEncodeError } from './part-corrupt-error.ts';
export type { PartCompression } from './page-codec.ts';

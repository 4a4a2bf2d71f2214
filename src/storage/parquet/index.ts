/**
 * storage/parquet/: the Parquet part format. Sorts batches and encodes them into one
 * Parquet file per part with our own encoder (encodePart; encodePartitions for one part
 * per hour), reads and validates footers
 * (readPartFooter), and scans parts straight into dictionary/typed-array vectors with
 * row-group, bloom-filter and page-index pruning and exact string-equality filtering
 * (scanPart), optionally through a byte-bounded cache of decoded chunks, pages and
 * dictionaries (ColumnChunkCache, one per query worker). On-disk layout: FORMAT.md.
 * Start reading at encode-part.ts, then scan-part.ts; thrift/, encoding/, bloom/ hold the
 * format primitives, write/ and read/ the column-chunk writer and decoder.
 */
export { encodePart, encodePartitions, PART_CREATED_BY, type EncodedPartition, type PartWriteOptions } from './encode-part.ts';
export { fileByteSource, memoryByteSource, type ByteSource } from './byte-source.ts';
export { readPartFooter } from './read-part-footer.ts';
export type { ChunkIndexes, ColumnStats, PartFooter, PartPhysical, RowGroupFooter } from './part-footer.ts';
export { scanPart, type PartScanOptions, type PartScanRequest } from './scan-part.ts';
export { ColumnChunkCache, type ColumnChunkCacheStats } from './column-chunk-cache.ts';
export { PartCorruptError, PartEncodeError } from './part-corrupt-error.ts';
export type { PartCompression } from './page-codec.ts';

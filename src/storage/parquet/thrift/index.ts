/**
 * thrift/: the Parquet metadata model (parquet-metadata.ts) and its Thrift compact
 * protocol codec: compact-writer/compact-reader for the wire format, metadata-writer and
 * metadata-reader / page-metadata-reader for footers, page headers, page indexes and
 * bloom filter headers.
 * Start reading at parquet-metadata.ts.
 */
export * from './parquet-metadata.ts';
export * from './compact-writer.ts';
export * from './compact-reader.ts';
export * from './metadata-writer.ts';
export * from './metadata-reader.ts';
export * from './page-metadata-reader.ts';

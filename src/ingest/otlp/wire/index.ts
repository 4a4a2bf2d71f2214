/**
 * otlp/wire/: bytes in, strings out. The protobuf wire reader (wire-reader.ts), the
 * byte-keyed hash table that makes each distinct string once (byte-key-table.ts), the
 * cross-request StringPool and the batch-local dictionaries that turn pool values into
 * DictionaryVector codes. Start reading at wire-reader.ts, then string-pool.ts.
 */
export * from './wire-reader.ts';
export * from './byte-key-table.ts';
export * from './string-pool.ts';
export * from './dictionaries.ts';
export * from './utf8.ts';
export * from './derived-text-cache.ts';
export * from './ascii-text-arena.ts';

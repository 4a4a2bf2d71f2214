/**
 * otlp/wire/: bytes in, strings out. The protobuf wire reader (wire-reader.ts), the
 * byte-keyed hash table that makes each distinct string once (byte-key-table.ts), the
 * cross-request StringPool, the batch-local dictionaries that turn values into
 * DictionaryVector codes (dictionaries.ts), and the AsciiTextArena that writes per-row
 * texts (bucket JSON, hex ids) as bytes and makes one flat string per batch — never
 * build such texts by concatenation (ropes cost a flattening on every later hash).
 * Start reading at wire-reader.ts, then string-pool.ts.
 */
export * from './wire-reader.ts';
export * from './byte-key-table.ts';
export * from './string-pool.ts';
export * from './dictionaries.ts';
export * from './utf8.ts';
export * from './derived-text-cache.ts';
export * from './ascii-text-arena.ts';

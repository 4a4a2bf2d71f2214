/**
 * columnar/: the in-memory data model every other module speaks. Logical types and
 * schemas (data-type.ts), physical vectors (vector.ts: typed arrays, dictionary-encoded
 * strings, split timestamps), batches, builders, the three signal tables
 * (table-schemas.ts) and the storage↔query contract (scan.ts: TableSource).
 * Start reading at vector.ts, then scan.ts.
 */
export * from './data-type.ts';
export * from './vector.ts';
export * from './batch.ts';
export * from './builder.ts';
export * from './timestamp.ts';
export * from './table-schemas.ts';
export * from './scan.ts';
export * from './memory-table.ts';

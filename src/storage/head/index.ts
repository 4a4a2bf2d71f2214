/**
 * head/: the un-flushed tail of every table, in memory and immediately queryable.
 * A generation (head-generation.ts) holds one TableHead per table and tenant
 * (table-head.ts): append-only chunks (head-chunk.ts, typed arrays in SharedArrayBuffer)
 * and append-only dictionaries (head-dictionary.ts); chunk memory of flushed generations
 * no snapshot saw is recycled (chunk-memory.ts). head-scan.ts reads what a snapshot
 * captured; time-bounds.ts turns time predicates into a window (shared with part scans).
 * Start reading at table-head.ts.
 */
export { HeadChunk, type ChunkColumn } from './head-chunk.ts';
export { HeadDictionary } from './head-dictionary.ts';
export { TableHead, type TableHeadView } from './table-head.ts';
export { HeadGeneration } from './head-generation.ts';
export { ChunkMemoryPool } from './chunk-memory.ts';
export { timeBoundsOf, overlapsBounds, overlapsBoundsMs, floorMs, type TimeBounds } from './time-bounds.ts';
export { scanHeads, projectSchema, type HeadScanSource, type HeadScanChunk, type HeadScanDictionary } from './head-scan.ts';

/**
 * jobs/: the background work that changes what is published — flush (head → parts,
 * flusher.ts), compaction (small parts → one part, compactor.ts) and retention (expired
 * or over-cap partitions go, retention.ts). Each changes snapshots' view in exactly one
 * synchronous publish step on StorageCore. Start reading at flusher.ts.
 */
export { Flusher } from './flusher.ts';
export { compactParts, planCompaction, type CompactionResult } from './compactor.ts';
export { applyRetention, planRetention, type RetentionResult } from './retention.ts';

/**
 * storage/: the durable storage engine (SPEC §6). WAL (wal/) → head (head/) → parts
 * (parts/, encoded by parquet/), flush/compaction/retention (jobs/), snapshots that work
 * on the main thread and in query workers (snapshot/), and the data-dir tools behind
 * `pharlux check` and `pharlux backup` (tools/). On-disk layout: FORMAT.md and
 * wal/FORMAT.md. Start reading at storage.ts, then jobs/flusher.ts.
 */
export * from './contract.ts';
export { Storage, COMPACT_REQUEST_FILE, COMPACT_RESULT_FILE } from './storage.ts';
export type { StorageOptions } from './storage-options.ts';
export type { StorageStats } from './storage-stats.ts';
export type { StorageCounters } from './storage-core.ts';
export type { HistogramSnapshot } from './latency-histogram.ts';
export type { CompactionResult, RetentionResult } from './jobs/index.ts';
export { StorageSnapshot } from './snapshot/index.ts';
export {
  openTransferredSnapshot,
  DictionaryPeer,
  SnapshotReceiver,
  SNAPSHOT_DESCRIPTOR_VERSION,
  type SnapshotDescriptor,
  type OpenTransferredOptions,
} from './snapshot/index.ts';
export { ColumnChunkCache, type ColumnChunkCacheStats } from './parquet/index.ts';
export { FooterCache, WAL_DIR } from './parts/index.ts';
export { dataDirOwner, STORAGE_LOCK_FILE } from './data-dir-lock.ts';
export { checkDataDir, backupDataDir, TarWriter, type CheckReport, type CheckProblem, type BackupOptions, type BackupSummary, type TarSink } from './tools/index.ts';
export type { WalSyncMode } from './wal/index.ts';

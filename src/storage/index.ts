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
export type { CompactionResult } from './jobs/compactor.ts';
export type { RetentionResult } from './jobs/retention.ts';
export { StorageSnapshot } from './snapshot/storage-snapshot.ts';
export {
  openTransferredSnapshot,
  DictionaryPeer,
  SnapshotReceiver,
  SNAPSHOT_DESCRIPTOR_VERSION,
  type SnapshotDescriptor,
  type OpenTransferredOptions,
} from './snapshot/snapshot-descriptor.ts';
export { dataDirOwner, STORAGE_LOCK_FILE } from './data-dir-lock.ts';
export { checkDataDir, type CheckReport, type CheckProblem } from './tools/data-dir-check.ts';
export { backupDataDir, type BackupOptions, type BackupSummary } from './tools/data-dir-backup.ts';
export { TarWriter, type TarSink } from './tools/tar-writer.ts';
export type { WalSyncMode } from './wal/index.ts';

/**
 * parts/: immutable Parquet parts on disk and the bookkeeping around them — the Hive path
 * layout (part-path.ts), what memory keeps per part (part-handle.ts, part-set.ts), the
 * publish journal that makes multi-file changes crash-safe (part-journal.ts, with the
 * WAL checkpoint in wal-checkpoint.ts and the backup handshake in backup-lock.ts), pins
 * that keep files alive for snapshots (pin-registry.ts), start-up loading
 * (part-loader.ts) and the worker thread that encodes parts (part-worker-client.ts →
 * part-worker.ts, never imported directly). Start reading at part-journal.ts.
 */
export { footerFacts, type PartHandle } from './part-handle.ts';
export { PartSet } from './part-set.ts';
export { FooterCache } from './footer-cache.ts';
export { PartJournal, listTrashedParts, listOpsInFlight, OPS_DIR, type JournalOp } from './part-journal.ts';
export { readCheckpoint, writeCheckpoint, writeFileDurably, WAL_DIR } from './wal-checkpoint.ts';
export { backupLocked, takeBackupLock, dropBackupLock, BACKUP_LOCK_FILE } from './backup-lock.ts';
export { loadParts, listPartFiles, type LoadedParts } from './part-loader.ts';
export { PinRegistry } from './pin-registry.ts';
export { PartWorkerClient, PartJobError } from './part-worker-client.ts';
export type { PartJob, FlushHeadJob, CompactJob, WrittenPart, ChunkTransfer, PartJobReply, DictionarySlice, PartWorkerMessage } from './part-job.ts';
export {
  HOUR_MS,
  PART_SUFFIX,
  TMP_SUFFIX,
  hourStartMs,
  encodeTenant,
  decodeTenant,
  partitionDir,
  partPath,
  parsePartPath,
  newPartId,
  type ParsedPartPath,
} from './part-path.ts';

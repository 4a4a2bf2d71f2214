/**
 * tools/: what the storage CLI commands run on a data dir, also while a server runs —
 * read-only verification (data-dir-check.ts, `pharlux check`) and consistent live
 * backup as tar (data-dir-backup.ts over tar-writer.ts, `pharlux backup`). Start reading
 * at data-dir-backup.ts.
 */
export { checkDataDir, type CheckReport, type CheckProblem } from './data-dir-check.ts';
export { backupDataDir, type BackupOptions, type BackupSummary } from './data-dir-backup.ts';
export { TarWriter, type TarSink } from './tar-writer.ts';

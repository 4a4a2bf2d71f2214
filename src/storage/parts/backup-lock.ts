/**
 * The handshake that lets `pharlux backup` copy a live data dir consistently, across
 * processes: the backup holds an exclusive flock(2) on `backup.lock` for as long as it
 * copies, then waits until no publish is in flight (no `ops/*.op.json`); the server writes
 * its op file first and only then checks for the lock, undoing the op when it finds one.
 * Whichever order the two file operations happen in, no part is published or removed
 * while a backup copies. The kernel drops the flock when the backup process ends, however
 * it ends, so a leftover file never blocks publishing (a PID in it could have been reused).
 */
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { tryFlock } from '../file-lock.ts';

export const BACKUP_LOCK_FILE = 'backup.lock';

/** A held backup lock; give it to dropBackupLock when the copy is done. */
export interface BackupLock {
  readonly dataDir: string;
  readonly fd: number;
}

/** True when a running backup holds the lock on `dataDir`. */
export function backupLocked(dataDir: string): boolean {
  const path = join(dataDir, BACKUP_LOCK_FILE);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false; // no lock file: no backup has started
  }
  try {
    // A shared lock is refused only while some process holds the exclusive one.
    return tryFlock(fd, 'shared', path) === 'busy';
  } finally {
    closeSync(fd); // also releases the probe's shared lock
  }
}

/** Takes the lock; throws when another running backup holds it. */
export function takeBackupLock(dataDir: string, nowMs: number): BackupLock {
  const path = join(dataDir, BACKUP_LOCK_FILE);
  const fd = openSync(path, 'a+', 0o640);
  if (tryFlock(fd, 'exclusive', path) === 'busy') {
    closeSync(fd);
    throw new Error(`another backup of this data dir is running (it holds ${path})`);
  }
  // For people reading the directory; the flock is what counts.
  ftruncateSync(fd, 0);
  writeSync(fd, `${JSON.stringify({ pid: process.pid, createdMs: nowMs })}\n`);
  return { dataDir, fd };
}

/**
 * Releases the lock. The file stays (emptied): removing a locked file would let a backup
 * that opened it meanwhile lock the unlinked inode while a newcomer, and the server's
 * check, see a new file of the same name unlocked.
 */
export function dropBackupLock(lock: BackupLock): void {
  ftruncateSync(lock.fd, 0);
  closeSync(lock.fd);
}

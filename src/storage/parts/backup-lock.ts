/**
 * The handshake that lets `pharlux backup` copy a live data dir consistently, across
 * processes, without a lock API: the backup creates `backup.lock`, then waits until no
 * publish is in flight (no `ops/*.op.json`); the server writes its op file first and only
 * then checks for the lock, undoing the op when it finds one. Whichever order the two
 * file operations happen in, no part is published or removed while a backup copies.
 * A lock whose process is gone, or older than STALE_LOCK_MS, is ignored.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BACKUP_LOCK_FILE = 'backup.lock';
const STALE_LOCK_MS = 6 * 3_600_000;

interface LockBody {
  readonly pid: number;
  readonly createdMs: number;
}

/** True when a live backup holds the lock on `dataDir`. */
export function backupLocked(dataDir: string, nowMs: number): boolean {
  let body: LockBody;
  try {
    body = JSON.parse(readFileSync(join(dataDir, BACKUP_LOCK_FILE), 'utf8')) as LockBody;
  } catch {
    return false; // absent or half-written: a backup that has not started counts as none
  }
  if (typeof body.pid !== 'number' || typeof body.createdMs !== 'number') return false;
  if (nowMs - body.createdMs > STALE_LOCK_MS) return false;
  return processAlive(body.pid);
}

/** Creates the lock (fails when another live backup holds it). */
export function takeBackupLock(dataDir: string, nowMs: number): void {
  if (backupLocked(dataDir, nowMs)) throw new Error(`another backup (see ${join(dataDir, BACKUP_LOCK_FILE)}) is running`);
  const body: LockBody = { pid: process.pid, createdMs: nowMs };
  writeFileSync(join(dataDir, BACKUP_LOCK_FILE), JSON.stringify(body));
}

/** Removes the lock. */
export function dropBackupLock(dataDir: string): void {
  rmSync(join(dataDir, BACKUP_LOCK_FILE), { force: true });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * `<data_dir>/storage.lock` keeps two servers (or a server and an offline `pharlux
 * compact`) from writing one data dir at once. The lock is an flock(2) on the open file
 * (file-lock.ts), so the kernel drops it when the holder exits or crashes: a file left
 * behind never blocks a start, whatever PID it names (review finding 7). The file's
 * content, `{"pid": N}`, only names the holder in messages. The file is never deleted:
 * unlinking a locked file would let a second process lock a new file of the same name.
 * Read-only tools (check, backup) only ask whether it is held.
 */
import { closeSync, constants, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StorageUnavailableError } from './contract.ts';
import { tryFlock } from './file-lock.ts';

export const STORAGE_LOCK_FILE = 'storage.lock';

/** How long a start keeps retrying a busy lock: a `pharlux check` probing it holds it for microseconds. */
const BUSY_RETRIES = 10;
const BUSY_RETRY_MS = 20;

/** The data dir held by this process until release(). */
export interface DataDirLock {
  readonly dataDir: string;
  /** Drops the lock (idempotent). */
  release(): void;
}

/**
 * The pid holding the data dir (this process's own pid when it holds it), or null when
 * free. Returns -1 when it is held but the holder has not written its pid yet.
 */
export function dataDirOwner(dataDir: string): number | null {
  const path = join(dataDir, STORAGE_LOCK_FILE);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null; // no lock file: never locked
  }
  try {
    // A probe takes the lock shared and drops it at once; a holder's exclusive lock refuses it.
    if (tryFlock(fd, 'shared', path) === 'locked') return null;
    return recordedPid(path) ?? -1;
  } finally {
    closeSync(fd);
  }
}

/** Takes the data dir for this process; throws StorageUnavailableError when another process (or Storage) has it. */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const path = join(dataDir, STORAGE_LOCK_FILE);
  const fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o644);
  try {
    for (let attempt = 0; tryFlock(fd, 'exclusive', path) === 'busy'; attempt++) {
      if (attempt >= BUSY_RETRIES) {
        const pid = recordedPid(path);
        const who = pid === null ? 'another process' : pid === process.pid ? `this process (${pid}): it is already open` : `process ${pid}`;
        throw new StorageUnavailableError(`data dir ${dataDir} is in use by ${who} (it holds ${STORAGE_LOCK_FILE}); stop that process first`);
      }
      await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
    }
    const content = new TextEncoder().encode(`${JSON.stringify({ pid: process.pid })}\n`);
    ftruncateSync(fd, 0);
    writeSync(fd, content, 0, content.length, 0);
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  let held = true;
  return {
    dataDir,
    release: () => {
      if (!held) return;
      held = false;
      try {
        ftruncateSync(fd, 0); // no stale pid for the next reader
      } finally {
        closeSync(fd);
      }
    },
  };
}

function recordedPid(path: string): number | null {
  try {
    const pid = (JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown }).pid;
    return typeof pid === 'number' && Number.isSafeInteger(pid) ? pid : null;
  } catch {
    return null;
  }
}

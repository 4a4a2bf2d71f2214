/**
 * `<data_dir>/storage.lock` names the process whose Storage owns the data dir, so two
 * servers (or a server and an offline `pharlux compact`) never write it at once. A lock
 * left by a dead process is taken over. Read-only tools (check, backup) ignore it.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StorageUnavailableError } from './contract.ts';

export const STORAGE_LOCK_FILE = 'storage.lock';

/** The pid holding the data dir, or null when free (or held by a dead process). */
export function dataDirOwner(dataDir: string): number | null {
  let pid: unknown;
  try {
    pid = (JSON.parse(readFileSync(join(dataDir, STORAGE_LOCK_FILE), 'utf8')) as { pid?: unknown }).pid;
  } catch {
    return null;
  }
  if (typeof pid !== 'number') return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

/** Takes the data dir for this process; throws StorageUnavailableError when another live process has it. */
export function lockDataDir(dataDir: string): void {
  const owner = dataDirOwner(dataDir);
  if (owner !== null && owner !== process.pid) {
    throw new StorageUnavailableError(`data dir ${dataDir} is in use by process ${owner} (see ${STORAGE_LOCK_FILE})`);
  }
  writeFileSync(join(dataDir, STORAGE_LOCK_FILE), JSON.stringify({ pid: process.pid }));
}

/** Releases the data dir. */
export function unlockDataDir(dataDir: string): void {
  if (dataDirOwner(dataDir) === process.pid) rmSync(join(dataDir, STORAGE_LOCK_FILE), { force: true });
}

/**
 * The flush checkpoint, `<data_dir>/wal/checkpoint`: every WAL record with an LSN at or
 * below it is in a published part, so replay skips it and its segment may be deleted.
 * Replaced atomically (temp file, fsync, rename, directory fsync).
 */
import { readFileSync } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDir } from '../fsync-dir.ts';

export const WAL_DIR = 'wal';
const CHECKPOINT_FILE = 'checkpoint';

/** The checkpoint LSN (0 when none was ever written). */
export function readCheckpoint(dataDir: string): number {
  try {
    const body = JSON.parse(readFileSync(join(dataDir, WAL_DIR, CHECKPOINT_FILE), 'utf8')) as { version?: number; lsn?: number };
    return typeof body.lsn === 'number' && Number.isSafeInteger(body.lsn) && body.lsn >= 0 ? body.lsn : 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
}

/** Durably replaces the checkpoint. */
export async function writeCheckpoint(dataDir: string, lsn: number): Promise<void> {
  const dir = join(dataDir, WAL_DIR);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `${CHECKPOINT_FILE}.tmp`);
  await writeFileDurably(tmp, JSON.stringify({ version: 1, lsn }));
  await rename(tmp, join(dir, CHECKPOINT_FILE));
  await fsyncDir(dir);
}

/** Writes a small file and fsyncs it (not its directory). */
export async function writeFileDurably(path: string, text: string): Promise<void> {
  const fh = await open(path, 'w');
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Directory fsync: makes a created, renamed or deleted directory entry durable. A file's
 * own fdatasync does not persist its name, so every create/rename that must survive a
 * crash is followed by this.
 */
import { open } from 'node:fs/promises';
import { openSync, fsyncSync, closeSync } from 'node:fs';

/** fsyncs a directory. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Synchronous form, for start-up recovery and small metadata files. */
export function fsyncDirSync(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

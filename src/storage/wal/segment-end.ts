/**
 * `<segment>.end`: the byte length past which a segment holds only a failed group (see
 * FORMAT.md, "Failed writes"). Written only when cutting that group off with ftruncate
 * failed too; replay reads no further than it, then truncates the segment and removes it.
 */
import { open, readFile, rename, truncate, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fsyncDir } from '../fsync-dir.ts';
import { SEGMENT_HEADER_BYTES } from './wal-record.ts';

/** The end file of a segment. */
export function segmentEndPath(segmentPath: string): string {
  return `${segmentPath}.end`;
}

/** Records that `segmentPath` ends at `bytes` (atomic: a torn end file must never cut acknowledged records). */
export async function writeSegmentEnd(segmentPath: string, bytes: number): Promise<void> {
  const path = segmentEndPath(segmentPath);
  const tmp = `${path}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    await fh.write(`${bytes}\n`, 0, 'utf8');
    await fh.datasync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
  await fsyncDir(dirname(segmentPath));
}

/** The recorded end of a segment, or null when there is none (or it is unreadable, which a completed rename never leaves). */
export async function readSegmentEnd(segmentPath: string): Promise<number | null> {
  let text: string;
  try {
    text = await readFile(segmentEndPath(segmentPath), 'utf8');
  } catch {
    return null;
  }
  if (!/^\d{1,15}\n$/.test(text)) return null;
  const bytes = Number(text.trim());
  return bytes >= SEGMENT_HEADER_BYTES ? bytes : null;
}

/** Applies a recorded end: truncates the segment there (durably), then drops the end file. */
export async function applySegmentEnd(segmentPath: string, bytes: number): Promise<void> {
  await truncate(segmentPath, bytes).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
  const fh = await open(segmentPath, 'r+').catch(() => null);
  if (fh !== null) {
    try {
      await fh.datasync();
    } finally {
      await fh.close();
    }
  }
  await removeSegmentEnd(segmentPath);
}

/** Removes a segment's end file (and a leftover temp file), if any. */
export async function removeSegmentEnd(segmentPath: string): Promise<void> {
  for (const path of [segmentEndPath(segmentPath), `${segmentEndPath(segmentPath)}.tmp`]) {
    await unlink(path).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
}

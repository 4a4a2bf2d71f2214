/**
 * `pharlux backup`: a consistent tar of a live data dir (handshake in ../FORMAT.md).
 * Holds `backup.lock` so no publish happens while it copies, waits for publishes already
 * in flight, then writes: the WAL checkpoint, every published part (not those waiting
 * in trash), the WAL segments as a prefix of the log (sizes taken newest-first), and
 * any extra files the caller adds (the CLI adds a consistent copy of meta.sqlite).
 * Secrets (jwt.secret, initial-admin-password), locks, journals and temp files are never
 * included. Restoring = extracting into an empty data dir and starting the server.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../common/index.ts';
import { dropBackupLock, listOpsInFlight, listPartFiles, listTrashedParts, takeBackupLock, WAL_DIR } from '../parts/index.ts';
import { listSegments, readSegmentEnd } from '../wal/index.ts';
import { TarWriter, type TarSink } from './tar-writer.ts';

const CHUNK_BYTES = 1 << 20;

export interface BackupOptions {
  readonly dataDir: string;
  readonly sink: TarSink;
  readonly clock: Clock;
  /** Extra files: name in the archive → path on disk. */
  readonly extraFiles?: readonly { readonly name: string; readonly path: string }[];
  /** How long to wait for publishes in flight before giving up. */
  readonly waitMs?: number;
}

export interface BackupSummary {
  readonly files: number;
  readonly parts: number;
  readonly walSegments: number;
  readonly bytes: number;
}

/** Writes the archive; always drops the lock. */
export async function backupDataDir(options: BackupOptions): Promise<BackupSummary> {
  const { dataDir, clock } = options;
  const lock = takeBackupLock(dataDir, clock.nowMs());
  try {
    const deadline = clock.monotonicMs() + (options.waitMs ?? 60_000);
    while (listOpsInFlight(dataDir).length > 0) {
      if (clock.monotonicMs() > deadline) throw new Error('publishes in the data dir did not finish in time; try again');
      await new Promise((r) => setTimeout(r, 20));
    }
    const tar = new TarWriter(options.sink);
    let files = 0;
    const add = async (name: string, path: string, size?: number): Promise<boolean> => {
      // Open before writing the header: a file deleted meanwhile (a WAL segment below the
      // checkpoint) is skipped whole; once open, it stays readable even if unlinked.
      let fh;
      try {
        fh = await open(path, 'r');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw err;
      }
      try {
        const st = await fh.stat();
        const bytes = Math.min(size ?? st.size, st.size);
        await tar.addFile(name, bytes, st.mtimeMs, 0o640, readChunks(fh, bytes));
      } finally {
        await fh.close();
      }
      files++;
      return true;
    };

    await add(`${WAL_DIR}/checkpoint`, join(dataDir, WAL_DIR, 'checkpoint'));
    const trashed = listTrashedParts(dataDir);
    let parts = 0;
    for (const rel of await listPartFiles(dataDir)) {
      if (trashed.has(rel)) continue;
      if (await add(rel, join(dataDir, rel))) parts++;
    }
    // Sizes newest segment first: whatever an older segment got after its size was taken
    // precedes everything in the newer ones we already measured, so the copy is a prefix.
    const segments = await listSegments(join(dataDir, WAL_DIR));
    const sizes = new Map<string, number>();
    for (const s of [...segments].reverse()) {
      const path = join(dataDir, WAL_DIR, s.name);
      const st = await stat(path).catch(() => null);
      // Bytes past a recorded end are a failed write: the copy leaves them out.
      const end = await readSegmentEnd(path);
      if (st !== null) sizes.set(s.name, end === null ? st.size : Math.min(st.size, end));
    }
    let walSegments = 0;
    for (const s of segments) {
      const size = sizes.get(s.name);
      if (size !== undefined && (await add(`${WAL_DIR}/${s.name}`, join(dataDir, WAL_DIR, s.name), size))) walSegments++;
    }
    for (const extra of options.extraFiles ?? []) await add(extra.name, extra.path);
    await tar.finish();
    return { files, parts, walSegments, bytes: tar.bytes };
  } finally {
    dropBackupLock(lock);
  }
}

/** Reads the first `size` bytes of an open file in chunks. */
async function* readChunks(fh: FileHandle, size: number): AsyncGenerator<Uint8Array> {
  for (let pos = 0; pos < size; ) {
    const buf = new Uint8Array(Math.min(CHUNK_BYTES, size - pos));
    const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
    if (bytesRead === 0) return;
    yield bytesRead === buf.length ? buf : buf.subarray(0, bytesRead);
    pos += bytesRead;
  }
}

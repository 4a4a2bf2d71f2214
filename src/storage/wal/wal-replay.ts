/**
 * Start-up replay: reads every segment in sequence order, hands each intact record past
 * the flush checkpoint to a visitor, and repairs damage so the next start is clean:
 * a torn tail is truncated; a corrupt record in the middle moves the rest of its segment
 * to `<segment>.corrupt` (kept for inspection, counted, logged) and replay goes on with
 * the next segment. Never throws on bad bytes.
 */
import { readdir, rename, truncate, unlink, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../common/index.ts';
import { fsyncDir } from '../fsync-dir.ts';
import { applySegmentEnd, readSegmentEnd } from './segment-end.ts';
import { readWalSegment, type SegmentReadResult } from './wal-segment-reader.ts';
import { parseSegmentFileName, type WalRecord } from './wal-record.ts';
import type { ClosedSegment } from './wal-writer.ts';

export interface ReplayOptions {
  readonly dir: string;
  /** Records at or below this LSN are already in published parts and are skipped. */
  readonly checkpointLsn: number;
  /** false = read only, report damage without changing any file (`pharlux check`). */
  readonly repair: boolean;
  readonly logger: Logger;
}

export interface ReplayResult {
  /** Segments still on disk after replay, for the writer to delete once flushed. */
  readonly segments: ClosedSegment[];
  /** Records handed to the visitor. */
  readonly replayedRecords: number;
  readonly replayedBytes: number;
  /** Records at or below the checkpoint (already in parts). */
  readonly skippedRecords: number;
  readonly tornTails: number;
  readonly corruptSegments: number;
  /** Highest LSN seen anywhere (0 when none); the writer continues after it. */
  readonly lastLsn: number;
  /** Highest segment sequence seen (0 when none). */
  readonly lastSequence: number;
  readonly results: readonly { readonly name: string; readonly result: SegmentReadResult }[];
}

/** Lists `*.wal` segments of a directory in sequence order. */
export async function listSegments(dir: string): Promise<{ name: string; sequence: number }[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: { name: string; sequence: number }[] = [];
  for (const name of names) {
    const sequence = parseSegmentFileName(name);
    if (sequence !== null) out.push({ name, sequence });
  }
  return out.sort((a, b) => a.sequence - b.sequence);
}

/** Replays a WAL directory into `visit` (see the file comment). */
export async function replayWal(options: ReplayOptions, visit: (record: WalRecord) => void | Promise<void>): Promise<ReplayResult> {
  const { dir, logger } = options;
  const segments: ClosedSegment[] = [];
  const results: { name: string; result: SegmentReadResult }[] = [];
  let replayedRecords = 0;
  let replayedBytes = 0;
  let skippedRecords = 0;
  let tornTails = 0;
  let corruptSegments = 0;
  let lastLsn = 0;
  let lastSequence = 0;
  let changed = false;
  for (const { name, sequence } of await listSegments(dir)) {
    lastSequence = Math.max(lastSequence, sequence);
    const path = join(dir, name);
    // A recorded end (a failed group the writer could not cut off): never read past it.
    let end = await readSegmentEnd(path);
    if (end !== null) {
      logger.warn('WAL segment has a recorded end (a failed write); dropping the bytes after it', { segment: name, end });
      if (options.repair) {
        await applySegmentEnd(path, end);
        changed = true;
        end = null;
      }
    }
    const result = await readWalSegment(path, (record, frameBytes) => {
      if (record.lsn <= options.checkpointLsn || record.lsn <= lastLsn) {
        skippedRecords++;
        return;
      }
      lastLsn = record.lsn;
      replayedRecords++;
      replayedBytes += frameBytes;
      return visit(record);
    }, end);
    results.push({ name, result });
    if (result.lastLsn !== null) lastLsn = Math.max(lastLsn, result.lastLsn);
    let bytes = result.fileBytes;
    const damage = result.damage;
    if (damage !== null) {
      if (damage.kind === 'torn-tail') tornTails++;
      else corruptSegments++;
      const fields = { segment: name, offset: damage.offset, bytes: damage.bytes, recordsKept: result.records };
      if (damage.kind === 'torn-tail') logger.warn('WAL segment has a torn tail; truncating it', fields);
      else logger.error('WAL segment is corrupt in the middle; quarantining the rest of it', fields);
      if (options.repair) {
        changed = true;
        if (damage.offset === 0 && damage.kind === 'torn-tail') {
          await unlink(path);
          continue;
        }
        if (damage.kind !== 'torn-tail') await quarantine(path, damage.offset, damage.kind === 'bad-header');
        if (damage.kind === 'bad-header') continue;
        await truncate(path, damage.offset);
        bytes = damage.offset;
      }
    }
    segments.push({ sequence, path, bytes, lastLsn: result.lastLsn });
  }
  if (changed) await fsyncDir(dir);
  return { segments, replayedRecords, replayedBytes, skippedRecords, tornTails, corruptSegments, lastLsn, lastSequence, results };
}

/** Copies bytes [from, end) of a segment to `<segment>.corrupt` (or renames the whole file). */
async function quarantine(path: string, from: number, wholeFile: boolean): Promise<void> {
  const target = await freeName(`${path}.corrupt`);
  if (wholeFile) {
    await rename(path, target);
    return;
  }
  const src = await open(path, 'r');
  const dst = await open(target, 'wx');
  try {
    const size = (await src.stat()).size;
    const buf = new Uint8Array(Math.min(4 << 20, Math.max(1, size - from)));
    for (let pos = from; pos < size; ) {
      const { bytesRead } = await src.read(buf, 0, Math.min(buf.length, size - pos), pos);
      if (bytesRead === 0) break;
      await dst.write(buf, 0, bytesRead, pos - from);
      pos += bytesRead;
    }
    await dst.sync();
  } finally {
    await src.close();
    await dst.close();
  }
}

async function freeName(base: string): Promise<string> {
  for (let i = 0; ; i++) {
    const candidate = i === 0 ? base : `${base}.${i}`;
    try {
      await open(candidate, 'r').then((fh) => fh.close());
    } catch {
      return candidate;
    }
  }
}

/**
 * The WAL write side: LSN assignment, group commit, segment rotation, size accounting and
 * deletion of flushed segments.
 *
 * Group commit: `append` encodes the frame head (the body is never copied) and queues it;
 * one loop takes everything queued, writes it with a single `writev` (head and body of
 * each record as separate iovecs), then (wal_sync = group) one `fdatasync`, then
 * runs each record's `apply` callback synchronously in LSN order and resolves. Records
 * queued while a group is on disk form the next group. So `appliedLsn` is always
 * prefix-closed: every LSN at or below it was applied (or failed) — a flush uses it as
 * its checkpoint.
 */
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock, Logger } from '../../common/index.ts';
import { describeError, InternalError } from '../../common/index.ts';
import { StorageFullError, StorageUnavailableError, type WalEntry } from '../contract.ts';
import { fsyncDir } from '../fsync-dir.ts';
import { LatencyHistogram } from '../latency-histogram.ts';
import { removeSegmentEnd, writeSegmentEnd } from './segment-end.ts';
import { encodeSegmentHeader, encodeWalFrameHead, SEGMENT_HEADER_BYTES, segmentFileName } from './wal-record.ts';

export type WalSyncMode = 'group' | 'interval' | 'none';

/** A segment on disk that is no longer written (from replay or rotated away). */
export interface ClosedSegment {
  readonly sequence: number;
  readonly path: string;
  readonly bytes: number;
  /** Highest LSN the segment holds (null when it holds none). */
  readonly lastLsn: number | null;
}

export interface WalWriterOptions {
  readonly dir: string;
  readonly sync: WalSyncMode;
  readonly syncIntervalMs: number;
  readonly segmentBytes: number;
  /** Sequence of the first segment this writer creates (greater than every existing one). */
  readonly firstSequence: number;
  /** LSN of the first record this writer appends. */
  readonly nextLsn: number;
  /** Segments left by earlier runs, still needed until a flush checkpoint passes them. */
  readonly existing: readonly ClosedSegment[];
  readonly clock: Clock;
  readonly logger: Logger;
  /** Opens a new segment file (flags 'wx'); tests inject failing file handles here. */
  readonly openFile?: (path: string, flags: 'wx') => Promise<FileHandle>;
}

interface Pending {
  readonly lsn: number;
  /** Frame header, payload fields and tenant; `body` follows it on disk. */
  readonly head: Uint8Array;
  readonly body: Uint8Array;
  readonly apply: (lsn: number) => void;
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

interface OpenSegment {
  readonly sequence: number;
  readonly path: string;
  readonly fh: FileHandle;
  bytes: number;
  lastLsn: number | null;
}

/** Counters the writer exposes through Storage.stats(). */
export interface WalWriterStats {
  readonly totalBytes: number;
  readonly segments: number;
  readonly records: number;
  readonly groups: number;
  readonly appendedBytes: number;
  readonly writeErrors: number;
  readonly appliedLsn: number;
}

export class WalWriter {
  private queue: Pending[] = [];
  private running = false;
  private idleWaiters: (() => void)[] = [];
  private current: OpenSegment | null = null;
  private nextSegment: Promise<OpenSegment> | null = null;
  private nextSequence: number;
  private nextLsn: number;
  private closed: ClosedSegment[];
  private closing = false;
  private dirty = false;
  private rotationRequested = false;
  private syncRequested = false;
  private syncTimer: ReturnType<typeof setInterval> | null = null;
  private counters = { records: 0, groups: 0, appendedBytes: 0, writeErrors: 0 };
  /** Where the group being written starts, so a failed group can be cut off again. */
  private groupStart: { readonly seg: OpenSegment; readonly bytes: number; readonly lastLsn: number | null } | null = null;
  /** Every LSN <= this was applied to the head or failed. */
  appliedLsn: number;
  readonly fsyncLatency = new LatencyHistogram();

  private constructor(private readonly options: WalWriterOptions) {
    this.nextSequence = options.firstSequence;
    this.nextLsn = options.nextLsn;
    this.appliedLsn = options.nextLsn - 1;
    this.closed = [...options.existing];
  }

  /** Opens a writer; its first segment is created on the first append. */
  static open(options: WalWriterOptions): WalWriter {
    const writer = new WalWriter(options);
    if (options.sync === 'interval') {
      writer.syncTimer = setInterval(() => writer.requestSync(), Math.max(1, options.syncIntervalMs));
      writer.syncTimer.unref?.();
    }
    return writer;
  }

  /**
   * Queues `entry`; after it is durable per the sync mode, calls `apply` (synchronously,
   * in LSN order) and resolves. Rejects when the write fails or the writer is closing.
   */
  append(entry: WalEntry, apply: (lsn: number) => void): Promise<void> {
    if (this.closing) return Promise.reject(new StorageUnavailableError('storage is shutting down'));
    const problem = invalidEntry(entry);
    if (problem !== null) return Promise.reject(new InternalError(`cannot write WAL record: ${problem}`));
    const lsn = this.nextLsn++;
    const head = encodeWalFrameHead(lsn, entry);
    const body = entry.body;
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ lsn, head, body, apply, resolve, reject });
      this.kick();
    });
  }

  /** Makes the next group start a new segment (after a flush freeze, so old segments can go). */
  requestRotation(): void {
    this.rotationRequested = true;
  }

  /** Bytes of every segment file, open and closed. */
  get totalBytes(): number {
    let n = this.current?.bytes ?? 0;
    for (const s of this.closed) n += s.bytes;
    return n;
  }

  /** Counters for stats(). */
  stats(): WalWriterStats {
    return { totalBytes: this.totalBytes, segments: this.closed.length + (this.current ? 1 : 0), ...this.counters, appliedLsn: this.appliedLsn };
  }

  /**
   * Deletes closed segments whose records are all at or below `checkpointLsn` (that is,
   * in published parts). Returns how many were deleted.
   */
  async deleteSegmentsThrough(checkpointLsn: number): Promise<number> {
    const doomed = this.closed.filter((s) => s.lastLsn === null || s.lastLsn <= checkpointLsn);
    if (doomed.length === 0) return 0;
    this.closed = this.closed.filter((s) => !doomed.includes(s));
    for (const s of doomed) {
      try {
        await unlink(s.path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      await removeSegmentEnd(s.path);
    }
    await fsyncDir(this.options.dir);
    return doomed.length;
  }

  /** Waits until every queued record was written (and synced per mode). */
  async drain(): Promise<void> {
    if (!this.running && this.queue.length === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops accepting, drains, fsyncs and closes the open segment. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.syncTimer !== null) clearInterval(this.syncTimer);
    await this.drain();
    const spare = this.nextSegment;
    this.nextSegment = null;
    if (this.current !== null) {
      if (this.dirty) await this.current.fh.datasync();
      await this.current.fh.close();
      this.closed.push(this.sealed(this.current));
      this.current = null;
    }
    if (spare !== null) {
      // The pre-created segment holds only its header: remove it so replay finds nothing to do.
      const seg = await spare.catch(() => null);
      if (seg !== null) {
        await seg.fh.close();
        await unlink(seg.path).catch(() => {});
      }
    }
  }

  private requestSync(): void {
    if (!this.dirty) return;
    this.syncRequested = true;
    this.kick();
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  private async loop(): Promise<void> {
    while (this.queue.length > 0 || this.syncRequested) {
      if (this.queue.length === 0) {
        this.syncRequested = false;
        await this.syncCurrent().catch((err) => this.options.logger.error('WAL interval fsync failed', { error: describeError(err) }));
        continue;
      }
      const group = this.queue;
      this.queue = [];
      let failure: unknown = null;
      try {
        await this.writeGroup(group);
      } catch (err) {
        failure = err;
      }
      if (failure === null) {
        for (const p of group) {
          try {
            p.apply(p.lsn);
            this.appliedLsn = p.lsn;
            p.resolve();
          } catch (err) {
            this.appliedLsn = p.lsn;
            p.reject(err);
          }
        }
      } else {
        this.counters.writeErrors++;
        this.options.logger.error('WAL write failed; rejecting the group and rotating', { records: group.length, error: describeError(failure) });
        const code = (failure as NodeJS.ErrnoException).code;
        const err =
          code === 'ENOSPC' || code === 'EDQUOT'
            ? new StorageFullError(`WAL write failed: disk full (${describeError(failure)})`)
            : new StorageUnavailableError(`WAL write failed: ${describeError(failure)}`);
        for (const p of group) {
          this.appliedLsn = p.lsn;
          p.reject(err);
        }
        await this.cutFailedGroup();
        await this.abandonCurrent();
      }
    }
    this.running = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private async writeGroup(group: Pending[]): Promise<void> {
    let bytes = 0;
    const iovecs: Uint8Array[] = [];
    for (const p of group) {
      bytes += p.head.length + p.body.length;
      iovecs.push(p.head);
      if (p.body.length > 0) iovecs.push(p.body);
    }
    let seg = this.current;
    const full = seg !== null && seg.bytes + bytes > this.options.segmentBytes;
    if (seg === null || ((full || this.rotationRequested) && seg.lastLsn !== null)) {
      this.rotationRequested = false;
      seg = await this.rotate();
    }
    this.groupStart = { seg, bytes: seg.bytes, lastLsn: seg.lastLsn };
    const { bytesWritten } = await seg.fh.writev(iovecs, seg.bytes);
    if (bytesWritten !== bytes) throw new Error(`short WAL write: ${bytesWritten} of ${bytes} bytes`);
    seg.bytes += bytes;
    seg.lastLsn = group[group.length - 1].lsn;
    this.dirty = true;
    if (this.options.sync === 'group') await this.syncCurrent();
    this.groupStart = null;
    this.counters.records += group.length;
    this.counters.groups++;
    this.counters.appendedBytes += bytes;
    // Prepare the next segment off the critical path once this one is half full.
    if (this.nextSegment === null && seg.bytes > this.options.segmentBytes / 2) {
      this.nextSegment = this.createSegment(this.nextSequence++);
      this.nextSegment.catch(() => {});
    }
  }

  private async syncCurrent(): Promise<void> {
    if (this.current === null || !this.dirty) return;
    const t0 = this.options.clock.monotonicMs();
    this.dirty = false;
    await this.current.fh.datasync();
    this.fsyncLatency.observe(this.options.clock.monotonicMs() - t0);
  }

  private async rotate(): Promise<OpenSegment> {
    const old = this.current;
    if (old !== null) {
      // interval/none modes leave data unsynced; a closed segment is always synced.
      if (this.dirty) await this.syncCurrent();
      await old.fh.close();
      this.closed.push(this.sealed(old));
      this.current = null;
    }
    const pending = this.nextSegment ?? this.createSegment(this.nextSequence++);
    this.nextSegment = null;
    this.current = await pending;
    return this.current;
  }

  private async createSegment(sequence: number): Promise<OpenSegment> {
    const path = join(this.options.dir, segmentFileName(sequence));
    const fh = await (this.options.openFile ?? open)(path, 'wx');
    try {
      await fh.write(encodeSegmentHeader(sequence), 0, SEGMENT_HEADER_BYTES, 0);
      await fh.datasync();
      await fsyncDir(this.options.dir);
    } catch (err) {
      await fh.close();
      throw err;
    }
    return { sequence, path, fh, bytes: SEGMENT_HEADER_BYTES, lastLsn: null };
  }

  /**
   * After a failed write or fdatasync: the group's clients were told it failed (and may
   * retry), yet whole frames of it can be in the file. Cut the segment back to where the
   * group started; if even that fails, record that end beside the segment so replay stops
   * there (FORMAT.md, "Failed writes").
   */
  private async cutFailedGroup(): Promise<void> {
    const start = this.groupStart;
    this.groupStart = null;
    if (start === null) return; // failed before writing (creating a segment): nothing to cut
    const { seg, bytes, lastLsn } = start;
    const logger = this.options.logger;
    seg.bytes = bytes;
    seg.lastLsn = lastLsn;
    try {
      await seg.fh.truncate(bytes);
    } catch (err) {
      logger.error('could not cut the failed group off its WAL segment; recording where the segment ends instead', { segment: seg.path, bytes, error: describeError(err) });
      try {
        await writeSegmentEnd(seg.path, bytes);
      } catch (err2) {
        logger.error('could not record the end of the WAL segment: the failed group may come back at the next start', { segment: seg.path, error: describeError(err2) });
      }
      return;
    }
    // Best effort: if this fails too, the cut is still in the page cache (a process crash keeps it).
    await seg.fh.datasync().catch((err: unknown) => logger.warn('fdatasync after cutting a failed WAL group failed', { segment: seg.path, error: describeError(err) }));
  }

  /** After a failed write: the segment's tail is suspect, so later groups go to a new one. */
  private async abandonCurrent(): Promise<void> {
    const seg = this.current;
    if (seg === null) return;
    this.current = null;
    this.dirty = false;
    await seg.fh.close().catch(() => {});
    this.closed.push(this.sealed(seg));
  }

  private sealed(seg: OpenSegment): ClosedSegment {
    return { sequence: seg.sequence, path: seg.path, bytes: seg.bytes, lastLsn: seg.lastLsn };
  }
}

const MAX_TENANT_BYTES = 0xffff;

/** Why `entry` cannot be framed, or null. Checked before an LSN is assigned so LSNs have no gaps. */
function invalidEntry(entry: WalEntry): string | null {
  if (entry.table !== 'metrics' && entry.table !== 'logs' && entry.table !== 'spans') return `unknown table ${String(entry.table)}`;
  if (entry.encoding !== 'protobuf' && entry.encoding !== 'json') return `unknown encoding ${String(entry.encoding)}`;
  if (entry.tenant.length * 3 > MAX_TENANT_BYTES && new TextEncoder().encode(entry.tenant).length > MAX_TENANT_BYTES) return 'tenant name too long';
  if (!Number.isFinite(entry.receiveTimeMs)) return 'receiveTimeMs is not finite';
  return null;
}

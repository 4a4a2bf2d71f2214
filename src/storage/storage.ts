/**
 * Storage: the durable storage engine behind every table (SPEC §6). Owns the WAL, the
 * head, the parts and the background jobs, implements AppendTarget for ingest and hands
 * out TableSources for queries. Build it with `Storage.open`, tear it down with `stop()`.
 *
 * Write path: append → free-disk guard → WAL size cap and head size cap (back-pressure) →
 * WAL group commit → head (in LSN order, inside the commit) → resolve. Read path:
 * `table(name).snapshot()`.
 *
 * Memory: `head_max_bytes` bounds the head as a whole — the active generation and the
 * frozen one being flushed — so a flush starts when the active generation reaches half
 * of it, and appends wait (bounded, then fail retryably) if the active generation alone
 * reaches all of it because flushing fell behind. After a flush, when RSS is above four
 * times head_max_bytes, a full garbage collection runs: the frozen generation's chunks,
 * its dictionaries and the request buffers of the last flush interval are otherwise kept
 * by the collector's lazy old generation for several flushes (measured under sustained
 * metrics ingest: median RSS 323 instead of 410 MiB, for ~0.15 CPU s per million rows).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TABLE_SCHEMAS, type Batch, type TableName, type TableSource } from '../columnar/index.ts';
import { describeError, InternalError, systemClock } from '../common/index.ts';
import { StorageFullError, StorageUnavailableError, type AppendTarget, type WalEntry } from './contract.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import { DiskGuard } from './disk-guard.ts';
import { applyRetention, compactParts, Flusher, type CompactionResult, type RetentionResult } from './jobs/index.ts';
import { FooterCache, loadParts, PartJournal, PartWorkerClient, PinRegistry, readCheckpoint, WAL_DIR } from './parts/index.ts';
import { StorageSnapshot, type SnapshotHost } from './snapshot/index.ts';
import { StorageCore } from './storage-core.ts';
import { resolveStorageOptions, type ResolvedStorageOptions, type StorageOptions } from './storage-options.ts';
import { checkBatchShape, replayIntoHead, timestampRangeMs } from './storage-replay.ts';
import { collectStats, type StorageStats } from './storage-stats.ts';
import { WalWriter, type ReplayResult, type WalRecord } from './wal/index.ts';

/** File a `pharlux compact` drops into a live server's data dir to ask for a compaction (holds a request id). */
export const COMPACT_REQUEST_FILE = 'compact.request';
/** Where the server answers: `{"id", "result": CompactionResult}` or `{"id", "error"}`. */
export const COMPACT_RESULT_FILE = 'compact.result';
const TICK_MS = 1000;
/** A flush is followed by a full GC when RSS exceeds this many times head_max_bytes. */
const GC_AFTER_FLUSH_ABOVE_HEAD_MULTIPLE = 4;

export class Storage implements AppendTarget {
  private state: 'open' | 'stopping' | 'stopped' = 'open';
  private wal: WalWriter | null = null;
  private replayLsn = 0;
  private checkpointLsn = 0;
  private replay: ReplayResult | null = null;
  private replayMs = 0;
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private maintenance: Promise<unknown> = Promise.resolve();
  private stopped: Promise<void> | null = null;
  private readonly sources = new Map<TableName, TableSource>();
  private readonly snapshotHost: SnapshotHost;
  private readonly finalizer: FinalizationRegistry<number>;

  private constructor(
    private readonly core: StorageCore,
    private readonly options: ResolvedStorageOptions,
    private readonly flusher: Flusher,
    private readonly flushWorker: PartWorkerClient,
    private readonly compactWorker: PartWorkerClient,
    private readonly diskGuard: DiskGuard,
    private readonly lock: DataDirLock,
  ) {
    this.snapshotHost = {
      footers: core.footers,
      pinAgain: (id) => core.pins.duplicate(id),
      releasePin: (id) => core.pins.release(id),
      liveGenerations: () => core.liveGenerations(),
    };
    // A snapshot dropped without release() must not keep files on disk forever.
    this.finalizer = new FinalizationRegistry((pinId) => core.pins.release(pinId));
  }

  /**
   * Opens a data dir: recovers interrupted publishes, loads parts, replays the WAL (serve
   * mode) and starts the background jobs. Resolves once appends and queries may begin.
   */
  static async open(input: StorageOptions): Promise<Storage> {
    const options = resolveStorageOptions(input, systemClock);
    const { dataDir, clock } = options;
    const logger = options.logger.child({ component: 'storage' });
    if (options.mode !== 'maintenance' && options.walDecoder === null) throw new InternalError(`Storage.open in ${options.mode} mode needs a walDecoder`);
    mkdirSync(join(dataDir, WAL_DIR), { recursive: true });
    const lock = await lockDataDir(dataDir);
    let flushWorker: PartWorkerClient | null = null;
    try {
      const journal = new PartJournal(dataDir, clock, logger);
      const recovered = await journal.recover();
      if (recovered.opsRolledForward + recovered.trashedParts + recovered.tmpFilesRemoved > 0) logger.info('recovered the part directories', recovered);
      const loaded = await loadParts(dataDir, logger);
      const core = new StorageCore(options, logger, journal, new PinRegistry(clock, logger), new FooterCache(), loaded.sets);
      flushWorker = new PartWorkerClient(logger, 'flush');
      const compactWorker = new PartWorkerClient(logger, 'compaction');
      let storage: Storage | null = null;
      const flusher = new Flusher(
        core,
        flushWorker,
        () => storage?.appliedLsn() ?? 0,
        (lsn) => storage?.afterFlush(lsn) ?? Promise.resolve(),
        () => storage?.wal?.requestRotation(),
      );
      const guard = new DiskGuard(dataDir, options.minFreeDiskBytes, options.diskCheckIntervalMs, clock, logger, options.diskFreeBytes);
      storage = new Storage(core, options, flusher, flushWorker, compactWorker, guard, lock);
      logger.info('loaded parts', { parts: loaded.parts, corrupt: loaded.corrupt });
      if (options.mode === 'serve') {
        flushWorker.warm();
        await storage.startWal();
        await guard.refresh();
        storage.startTimers();
      } else if (options.mode === 'read-only') {
        await storage.replayReadOnly();
      }
      return storage;
    } catch (err) {
      await flushWorker?.terminate();
      lock.release();
      throw err;
    }
  }

  /** Makes `batch` durable (per wal_sync) and visible; see AppendTarget. */
  async append(entry: WalEntry, batch: Batch): Promise<void> {
    const wal = this.wal;
    if (this.state !== 'open' || wal === null) throw new StorageUnavailableError(this.state === 'open' ? `storage is open in ${this.options.mode} mode: no appends` : 'storage is shutting down');
    checkBatchShape(entry.table, batch);
    if (await this.diskGuard.isFull()) {
      this.core.counters.appendsRejectedDiskFull++;
      throw new StorageFullError(this.diskGuard.describe());
    }
    if (wal.totalBytes > this.options.walMaxBytes) await this.waitForWalRoom(wal);
    if (this.core.active.bytes >= this.options.headMaxBytes) await this.waitForHeadRoom();
    // The accepted rows' time range goes into the record: replay re-applies exactly it (finding 9).
    const range = entry.acceptedTimeMs ?? timestampRangeMs(batch);
    const recorded: WalEntry = range === entry.acceptedTimeMs ? entry : { ...entry, acceptedTimeMs: range };
    await wal.append(recorded, (lsn) => this.core.active.append(entry.table, entry.tenant, batch, lsn, this.options.clock.monotonicMs()));
    this.flusher.maybeFlush(this.core.active.bytes >= this.flushAtBytes);
  }

  /** The TableSource of a table (snapshots over head + parts). */
  table(name: TableName): TableSource {
    let source = this.sources.get(name);
    if (source === undefined) {
      source = { name, schema: TABLE_SCHEMAS[name], snapshot: () => this.snapshot(name) };
      this.sources.set(name, source);
    }
    return source;
  }

  /** A consistent snapshot of one table (synchronous: nothing can publish in between). */
  snapshot(name: TableName): StorageSnapshot {
    const views = [];
    if (this.core.frozen !== null) for (const h of this.core.frozen.headsOf(name)) views.push(h.view());
    for (const h of this.core.active.headsOf(name)) views.push(h.view());
    const pinId = this.core.pins.pin();
    const snapshot = new StorageSnapshot(name, TABLE_SCHEMAS[name], views, this.core.parts[name], pinId, this.snapshotHost);
    this.finalizer.register(snapshot, pinId);
    return snapshot;
  }

  /** Releases a pin taken for a snapshot descriptor sent to a worker (idempotent). */
  releasePin(pinId: number): void {
    this.core.pins.release(pinId);
  }

  /** Flushes the whole head to parts now. */
  flush(): Promise<void> {
    return this.flusher.flush();
  }

  /** One compaction pass now (serialised with retention). */
  compact(): Promise<CompactionResult> {
    return this.exclusive(() => compactParts(this.core, this.compactWorker, () => this.state !== 'open'));
  }

  /** One retention pass now (serialised with compaction). */
  applyRetention(): Promise<RetentionResult> {
    return this.exclusive(() => applyRetention(this.core));
  }

  /**
   * Stops appends, drains and fsyncs the WAL, flushes the head (unless `flush: false`: then
   * the WAL keeps those rows for the next start), stops the workers. Idempotent.
   */
  stop(options: { flush?: boolean } = {}): Promise<void> {
    this.stopped ??= this.doStop(options.flush ?? true);
    return this.stopped;
  }

  /** Self-metrics. */
  stats(): StorageStats {
    return collectStats(this.core, this.wal, this.checkpointLsn, this.replay, this.replayMs, this.diskGuard.lastFreeBytes);
  }

  /** Size of the active generation at which a flush starts (see the file comment). */
  private get flushAtBytes(): number {
    return this.options.headMaxBytes / 2;
  }

  private appliedLsn(): number {
    return this.wal?.appliedLsn ?? this.replayLsn;
  }

  private async afterFlush(checkpointLsn: number): Promise<void> {
    this.checkpointLsn = checkpointLsn;
    // The frozen generation was just dropped: give its memory back now when the process is
    // well above what the head accounts for (see the file comment). A full collection
    // costs 10–40 ms of this thread, so not when memory is comfortable.
    if (process.memoryUsage.rss() > GC_AFTER_FLUSH_ABOVE_HEAD_MULTIPLE * this.options.headMaxBytes) Bun.gc(true);
    if (this.wal !== null) await this.wal.deleteSegmentsThrough(checkpointLsn);
  }

  /** Replays the WAL into the head, then opens the writer after the last record. */
  private async startWal(): Promise<void> {
    const o = this.options;
    const replay = await this.replayInto(true, (record) => {
      this.replayLsn = record.lsn;
      if (this.core.active.bytes >= this.flushAtBytes) return this.flusher.flush();
    });
    this.replayLsn = Math.max(replay.lastLsn, this.checkpointLsn);
    this.wal = WalWriter.open({
      dir: join(o.dataDir, WAL_DIR),
      sync: o.walSync,
      syncIntervalMs: o.walSyncIntervalMs,
      segmentBytes: o.walSegmentBytes,
      firstSequence: replay.lastSequence + 1,
      nextLsn: this.replayLsn + 1,
      existing: replay.segments,
      clock: o.clock,
      logger: this.core.logger,
    });
    await this.wal.deleteSegmentsThrough(this.checkpointLsn);
  }

  /** read-only mode: the WAL into the head, touching no file; damaged records are skipped. */
  private async replayReadOnly(): Promise<void> {
    await this.replayInto(false, () => {});
  }

  private async replayInto(repair: boolean, after: (record: WalRecord) => void | Promise<void>): Promise<ReplayResult> {
    this.checkpointLsn = readCheckpoint(this.options.dataDir);
    const t0 = this.options.clock.monotonicMs();
    const replay = await replayIntoHead(this.core, this.checkpointLsn, repair, after);
    this.replay = replay;
    this.replayMs = this.options.clock.monotonicMs() - t0;
    return replay;
  }

  private startTimers(): void {
    const o = this.options;
    const tick = setInterval(() => {
      this.flusher.maybeFlush();
      this.core.pins.expireStale();
      if (existsSync(join(o.dataDir, COMPACT_REQUEST_FILE))) void this.answerCompactRequest();
    }, TICK_MS);
    tick.unref?.();
    this.timers.push(tick);
    if (o.compactionIntervalSeconds > 0) {
      const compaction = setInterval(() => void this.runMaintenance(), o.compactionIntervalSeconds * 1000);
      compaction.unref?.();
      this.timers.push(compaction);
    }
    void this.exclusive(() => applyRetention(this.core)).catch((err) => this.core.logger.error('retention failed', { error: describeError(err) }));
  }

  /** `pharlux compact` against a running server: run a pass, then write the result for the CLI. */
  private async answerCompactRequest(): Promise<void> {
    const dir = this.options.dataDir;
    let id = '';
    try {
      id = readFileSync(join(dir, COMPACT_REQUEST_FILE), 'utf8').trim();
    } catch {
      return;
    }
    rmSync(join(dir, COMPACT_REQUEST_FILE), { force: true });
    let body: object;
    try {
      body = { id, result: await this.compact() };
    } catch (err) {
      body = { id, error: describeError(err) };
    }
    writeFileSync(join(dir, `${COMPACT_RESULT_FILE}.tmp`), JSON.stringify(body));
    renameSync(join(dir, `${COMPACT_RESULT_FILE}.tmp`), join(dir, COMPACT_RESULT_FILE));
  }

  private async runMaintenance(): Promise<void> {
    if (this.state !== 'open') return;
    try {
      await this.applyRetention();
      await this.compact();
    } catch (err) {
      this.core.logger.error('background maintenance failed', { error: describeError(err) });
    }
  }

  private exclusive<T>(job: () => Promise<T>): Promise<T> {
    const run = this.maintenance.then(job, job);
    this.maintenance = run.catch(() => {});
    return run;
  }

  /** Back-pressure: waits (bounded) for flushes to bring the WAL under its cap. */
  private async waitForWalRoom(wal: WalWriter): Promise<void> {
    const deadline = this.options.clock.monotonicMs() + this.options.walBackpressureWaitMs;
    while (wal.totalBytes > this.options.walMaxBytes) {
      const left = deadline - this.options.clock.monotonicMs();
      if (left <= 0 || this.state !== 'open') {
        this.core.counters.appendsRejectedWalFull++;
        throw new StorageFullError(`the WAL holds ${wal.totalBytes} bytes, above storage.wal_max_bytes = ${this.options.walMaxBytes}; flushing is behind`);
      }
      this.flusher.maybeFlush(true);
      await Promise.race([this.flusher.idle(), new Promise((r) => setTimeout(r, Math.min(left, 50)))]);
    }
  }

  /** Back-pressure: waits (bounded) for a flush when the active generation alone holds head_max_bytes. */
  private async waitForHeadRoom(): Promise<void> {
    const o = this.options;
    const deadline = o.clock.monotonicMs() + o.walBackpressureWaitMs;
    while (this.core.active.bytes >= o.headMaxBytes) {
      const left = deadline - o.clock.monotonicMs();
      if (left <= 0 || this.state !== 'open') {
        this.core.counters.appendsRejectedHeadFull++;
        throw new StorageFullError(`the head holds ${this.core.active.bytes} bytes, storage.head_max_bytes = ${o.headMaxBytes}; flushing is behind`);
      }
      this.flusher.maybeFlush(true);
      await Promise.race([this.flusher.idle(), new Promise((r) => setTimeout(r, Math.min(left, 50)))]);
    }
  }

  /**
   * Flushes the head within `stopFlushBudgetMs` (SIGTERM must end within 10 s). Past the
   * budget the worker is stopped: the WAL still holds those rows and the next start
   * replays them, so nothing is lost — shutdown only gets slower next time.
   */
  private async finalFlush(): Promise<void> {
    const logger = this.core.logger;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const budget = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.options.stopFlushBudgetMs)));
    try {
      const outcome = await Promise.race([this.flusher.flush().then(() => 'done' as const), budget]);
      if (outcome === 'late') {
        logger.warn('the final flush did not finish in time; the WAL keeps the head for the next start', { budgetMs: this.options.stopFlushBudgetMs });
        await this.flushWorker.terminate();
        await this.flusher.idle();
      }
    } catch (err) {
      logger.error('final flush failed; the WAL keeps the data for the next start', { error: describeError(err) });
    } finally {
      clearTimeout(timer);
    }
  }

  private async doStop(flush: boolean): Promise<void> {
    const logger = this.core.logger;
    this.state = 'stopping';
    for (const t of this.timers) clearInterval(t);
    await this.compactWorker.terminate();
    if (this.wal !== null) {
      await this.wal.close();
      if (flush) await this.finalFlush();
      else await this.flusher.idle();
      await this.wal.deleteSegmentsThrough(this.checkpointLsn).catch(() => {});
    }
    await this.maintenance;
    await this.flushWorker.terminate();
    this.lock.release();
    this.state = 'stopped';
    logger.info('storage stopped');
  }
}

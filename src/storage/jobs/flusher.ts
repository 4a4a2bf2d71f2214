/**
 * Flush: moves the head to parts. Freezing swaps in a new active generation (appends never
 * wait); the part worker encodes each frozen table × tenant head into one part per UTC
 * hour (temp file, fsynced); then one journaled publish renames the temp files into
 * place, writes the WAL checkpoint and — in a single synchronous step — adds the parts
 * and drops the frozen generation. A snapshot sees the rows in the frozen head before
 * that step and in the parts after it, never both. WAL segments are deleted afterwards.
 *
 * One flush runs at a time. If encoding fails the frozen generation stays (visible) and
 * the next flush retries it; if a publish fails after its op was journaled, the same op is
 * retried (never re-encoded), because start-up would roll that op forward anyway.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError } from '../../common/index.ts';
import type { HeadGeneration, TableHead } from '../head/index.ts';
import type { JournalOp, PartHandle, PartWorkerClient, WrittenPart } from '../parts/index.ts';
import type { StorageCore } from '../storage-core.ts';

const FLUSH_RETRY_BACKOFF_MS = 5000;

interface PendingPublish {
  readonly gen: HeadGeneration;
  readonly op: JournalOp;
  readonly opName: string;
  readonly handles: readonly PartHandle[];
}

export class Flusher {
  private running: Promise<void> | null = null;
  private pending: PendingPublish | null = null;
  /** Checkpoint each frozen generation will publish (the WAL's applied LSN at freeze time). */
  private readonly checkpointOf = new WeakMap<HeadGeneration, number>();
  /** After a failure, background flushes wait until then (explicit flush() does not). */
  private retryAfterMonoMs = -Infinity;

  constructor(
    private readonly core: StorageCore,
    private readonly worker: PartWorkerClient,
    /** Highest LSN such that every LSN at or below it was applied to some generation. */
    private readonly appliedLsn: () => number,
    /** Runs after each publish with the new checkpoint (WAL segment deletion). */
    private readonly onFlushed: (checkpointLsn: number) => Promise<void>,
    /** Asks the WAL to start a new segment with the next group. */
    private readonly rotateWal: () => void,
  ) {}

  /** True while a flush runs. */
  get busy(): boolean {
    return this.running !== null;
  }

  /**
   * Starts a flush in the background when the head is too big or too old (or `force`,
   * e.g. the WAL is over its cap) — unless one runs or the last one failed moments ago.
   */
  maybeFlush(force = false): void {
    if (this.running !== null) return;
    const { active } = this.core;
    const o = this.core.options;
    if (o.clock.monotonicMs() < this.retryAfterMonoMs) return;
    const tooBig = active.bytes >= o.headMaxBytes;
    const tooOld = active.firstAppendMonoMs !== null && o.clock.monotonicMs() - active.firstAppendMonoMs >= o.flushIntervalSeconds * 1000;
    if (force || tooBig || tooOld || this.core.frozen !== null) {
      this.flush().catch(() => {}); // logged and counted inside
    }
  }

  /** Resolves when the running flush (if any) ends, successful or not. */
  async idle(): Promise<void> {
    await this.running?.catch(() => {});
  }

  /** Flushes everything in the head now (waits for a running flush first). Rejects when it fails. */
  async flush(): Promise<void> {
    while (this.running !== null) await this.running.catch(() => {});
    const run = this.cycle();
    this.running = run;
    try {
      await run;
    } finally {
      this.running = null;
    }
  }

  private async cycle(): Promise<void> {
    const t0 = this.core.options.clock.monotonicMs();
    try {
      if (this.pending !== null) await this.commit(this.pending);
      let gen = this.core.frozen;
      if (gen === null) {
        const active = this.core.active;
        if (active.rows === 0 && active.lastLsn === 0) return;
        gen = this.core.freeze();
        this.checkpointOf.set(gen, this.appliedLsn());
        this.rotateWal();
      }
      const handles = await this.encode(gen);
      const checkpointLsn = this.checkpointOf.get(gen) ?? 0;
      const op: JournalOp = {
        version: 1,
        kind: 'flush',
        add: handles.map((h) => ({ tmp: `${h.relPath}.tmp`, final: h.relPath })),
        remove: [],
        checkpointLsn,
      };
      let opName: string;
      try {
        opName = await this.core.journal.begin(op);
      } catch (err) {
        await this.removeTmps(op);
        throw err;
      }
      await this.commit({ gen, op, opName, handles });
      const c = this.core.counters;
      c.flushes++;
      c.flushedRows += gen.rows;
      for (const h of handles) c.flushedBytes += h.fileBytes;
      c.lastFlushMs = this.core.options.clock.monotonicMs() - t0;
      this.core.logger.info('flushed head to parts', { rows: gen.rows, parts: handles.length, ms: Math.round(c.lastFlushMs) });
    } catch (err) {
      this.core.counters.flushFailures++;
      this.retryAfterMonoMs = this.core.options.clock.monotonicMs() + FLUSH_RETRY_BACKOFF_MS;
      this.core.logger.error('flush failed; the head stays in memory and will be retried', { error: describeError(err) });
      throw err;
    }
  }

  /** Renames, checkpoints and publishes; on failure remembers the op to retry it as is. */
  private async commit(p: PendingPublish): Promise<void> {
    this.pending = p;
    await this.core.journal.applyAdds(p.op);
    await this.core.journal.finish(p.opName, p.op);
    // The atomic step: parts in, frozen generation out.
    for (const h of p.handles) this.core.publish(h.table, [h], []);
    if (this.core.frozen === p.gen) this.core.frozen = null;
    this.pending = null;
    if (p.op.checkpointLsn !== null) await this.onFlushed(p.op.checkpointLsn);
  }

  private async encode(gen: HeadGeneration): Promise<PartHandle[]> {
    const written: { head: TableHead; part: WrittenPart }[] = [];
    try {
      for (const head of gen.allHeads()) {
        if (head.rows === 0) continue;
        const parts = await this.worker.run({
          kind: 'flush-head',
          table: head.table,
          tenant: head.tenant,
          dataDir: this.core.options.dataDir,
          chunks: head.chunks.map((c) => ({ columns: c.columns, length: c.length })),
          dicts: head.dicts.map((d) => d?.values ?? null),
          options: this.writeOptions(),
          nowMs: this.core.options.clock.nowMs(),
        });
        for (const part of parts) written.push({ head, part });
      }
    } catch (err) {
      await Promise.all(written.map(({ part }) => rm(join(this.core.options.dataDir, part.tmp), { force: true })));
      throw err;
    }
    return written.map(({ head, part }) => ({
      table: head.table,
      tenant: head.tenant,
      hourMs: part.hourMs,
      id: part.id,
      relPath: part.final,
      path: join(this.core.options.dataDir, part.final),
      rowCount: part.rowCount,
      minTimestampNs: part.minTimestampNs,
      maxTimestampNs: part.maxTimestampNs,
      fileBytes: part.fileBytes,
    }));
  }

  private writeOptions() {
    const o = this.core.options;
    return { compression: o.parquetCompression, zstdLevel: o.parquetZstdLevel, rowGroupRows: o.parquetRowGroupRows };
  }

  private async removeTmps(op: JournalOp): Promise<void> {
    await Promise.all(op.add.map((a) => rm(join(this.core.options.dataDir, a.tmp), { force: true })));
  }
}

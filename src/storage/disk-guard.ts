/**
 * The free-disk guard (SPEC §3 storage.min_free_disk_bytes): appends are refused with a
 * retryable StorageFullError while the data dir's file system has less free space than
 * the threshold, so the disk never fills under acknowledged data. The figure is
 * refreshed in the background at most every `intervalMs` (0: before every append).
 */
import { statfs } from 'node:fs/promises';
import type { Clock, Logger } from '../common/index.ts';
import { describeError } from '../common/index.ts';

export class DiskGuard {
  private freeBytes = Infinity;
  private checkedAtMs = -Infinity;
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly minFreeBytes: number,
    private readonly intervalMs: number,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly probe: (() => number | Promise<number>) | null,
  ) {}

  /** Last measured free bytes (Infinity before the first measurement). */
  get lastFreeBytes(): number {
    return this.freeBytes;
  }

  /** Whether appends must be refused now; refreshes the figure when due. */
  async isFull(): Promise<boolean> {
    if (this.minFreeBytes <= 0) return false;
    if (this.intervalMs === 0) await this.refresh();
    else if (this.clock.monotonicMs() - this.checkedAtMs >= this.intervalMs) void this.refresh();
    return this.freeBytes < this.minFreeBytes;
  }

  /** Measures free space now. */
  refresh(): Promise<void> {
    if (this.refreshing !== null) return this.refreshing;
    this.refreshing = (async () => {
      try {
        this.freeBytes = this.probe !== null ? await this.probe() : await statfsFree(this.dataDir);
        this.checkedAtMs = this.clock.monotonicMs();
      } catch (err) {
        this.logger.warn('could not measure free disk space', { error: describeError(err) });
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  /** A one-line reason for StorageFullError. */
  describe(): string {
    return `only ${this.freeBytes} bytes free on the data dir's file system, below storage.min_free_disk_bytes = ${this.minFreeBytes}`;
  }
}

async function statfsFree(dir: string): Promise<number> {
  const s = await statfs(dir);
  return Number(s.bavail) * Number(s.bsize);
}

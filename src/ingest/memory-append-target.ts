/**
 * An in-memory AppendTarget for tests and benchmarks: keeps every appended (entry, batch)
 * and can be stalled or made to fail, to exercise back-pressure and error mapping
 * without real storage.
 */
import { takeBatch, type Batch } from '../columnar/index.ts';
import type { AppendTarget, WalEntry } from '../storage/index.ts';

export interface AppendedRequest {
  readonly entry: WalEntry;
  readonly batch: Batch;
}

export class MemoryAppendTarget implements AppendTarget {
  readonly appended: AppendedRequest[] = [];
  /** When set, append() rejects with it. */
  failWith: Error | null = null;
  /** When false, nothing is kept (benchmarks: only the count). */
  keep = true;
  rows = 0;
  appends = 0;
  private stall: { promise: Promise<void>; release: () => void } | null = null;

  async append(entry: WalEntry, batch: Batch): Promise<void> {
    if (this.stall !== null) await this.stall.promise;
    if (this.failWith !== null) throw this.failWith;
    this.appends++;
    this.rows += batch.length;
    // The pipeline reuses a batch's memory once append() settles: keep a copy.
    if (this.keep) this.appended.push({ entry, batch: copyBatch(batch) });
  }

  /** Makes every append wait until `resume()` (a storage that stopped making progress). */
  pause(): void {
    if (this.stall !== null) return;
    let release = (): void => {};
    const promise = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.stall = { promise, release };
  }

  resume(): void {
    const stall = this.stall;
    this.stall = null;
    stall?.release();
  }
}

/** A copy of every column of `batch` (dictionaries are immutable and shared). */
function copyBatch(batch: Batch): Batch {
  const all = new Int32Array(batch.length);
  for (let i = 0; i < all.length; i++) all[i] = i;
  return takeBatch(batch, all);
}

/**
 * Keeps part files alive while snapshots may read them. Publishing bumps an epoch; a
 * snapshot pins the epoch it was taken at; the deletion of files retired at epoch R (by
 * compaction or retention) runs once no live pin is older than R. O(1) per snapshot,
 * whatever the number of parts. Pins can cross threads: a query worker releases by id
 * (Storage.releasePin). A pin held longer than `maxPinAgeMs` is dropped with a warning,
 * so a leaked snapshot cannot keep deleted files on disk forever.
 */
import { InternalError, type Clock, type Logger } from '../../common/index.ts';

interface Retired {
  readonly epoch: number;
  readonly files: number;
  readonly remove: () => void;
}

export class PinRegistry {
  private epoch = 0;
  private nextPinId = 1;
  private readonly pins = new Map<number, { readonly epoch: number; readonly sinceMs: number }>();
  private retired: Retired[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly maxPinAgeMs = 3_600_000,
  ) {}

  /** Pins the current epoch; returns the pin id. */
  pin(): number {
    const id = this.nextPinId++;
    this.pins.set(id, { epoch: this.epoch, sinceMs: this.clock.monotonicMs() });
    return id;
  }

  /** A second pin on the same epoch as `pinId` (for a snapshot handed to another thread). */
  duplicate(pinId: number): number {
    const p = this.pins.get(pinId);
    if (p === undefined) throw new InternalError(`pin ${pinId} is not held`);
    const id = this.nextPinId++;
    this.pins.set(id, { epoch: p.epoch, sinceMs: this.clock.monotonicMs() });
    return id;
  }

  /** Releases a pin (idempotent) and unlinks whatever it was the last to hold. */
  release(id: number): void {
    if (this.pins.delete(id)) this.sweep();
  }

  /**
   * Call in the same synchronous step that unpublishes `files` parts: snapshots taken from
   * now on cannot see them; `remove` (which deletes them) runs once no older pin is live.
   */
  retire(files: number, remove: () => void): void {
    this.epoch++;
    this.retired.push({ epoch: this.epoch, files, remove });
    this.sweep();
  }

  /** Live pins and the age of the oldest (ms). */
  stats(): { pins: number; oldestPinAgeMs: number; retiredWaiting: number } {
    const now = this.clock.monotonicMs();
    let oldest = 0;
    for (const p of this.pins.values()) oldest = Math.max(oldest, now - p.sinceMs);
    let waiting = 0;
    for (const r of this.retired) waiting += r.files;
    return { pins: this.pins.size, oldestPinAgeMs: oldest, retiredWaiting: waiting };
  }

  /** Drops pins older than maxPinAgeMs (called from a timer). */
  expireStale(): void {
    const now = this.clock.monotonicMs();
    let dropped = 0;
    for (const [id, p] of this.pins) {
      if (now - p.sinceMs > this.maxPinAgeMs) {
        this.pins.delete(id);
        dropped++;
      }
    }
    if (dropped > 0) {
      this.logger.warn('dropped snapshot pins that were never released', { pins: dropped, maxPinAgeMs: this.maxPinAgeMs });
      this.sweep();
    }
  }

  private sweep(): void {
    if (this.retired.length === 0) return;
    let minLive = Infinity;
    for (const p of this.pins.values()) if (p.epoch < minLive) minLive = p.epoch;
    const ready = this.retired.filter((r) => r.epoch <= minLive);
    if (ready.length === 0) return;
    this.retired = this.retired.filter((r) => r.epoch > minLive);
    for (const r of ready) r.remove();
  }
}

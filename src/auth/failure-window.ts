/**
 * A sliding-window failure counter per key: the shared core of login throttling (per
 * username, per address) and username-probe throttling (per tenant). Memory is bounded:
 * at most `maxFailures` timestamps per key and `maxKeys` keys.
 */

export interface FailureWindowOptions {
  readonly maxFailures: number;
  readonly windowMs: number;
  /** Bound on tracked keys, so a spray of keys cannot grow memory without end. */
  readonly maxKeys: number;
}

/** Failure timestamps per key within a sliding window. */
export class FailureWindow {
  private readonly times = new Map<string, number[]>();

  constructor(private readonly options: FailureWindowOptions) {}

  /** How long `key` must wait before it is under the limit again; 0 when it is under it now. */
  waitMs(key: string, now: number): number {
    const times = this.live(key, now);
    if (times.length < this.options.maxFailures) return 0;
    // Attempts resume when enough failures have aged out to go below the limit.
    return times[times.length - this.options.maxFailures] + this.options.windowMs - now;
  }

  /** Counts a failure for `key` at `now`. */
  record(key: string, now: number): void {
    const times = this.live(key, now);
    if (times.length === 0) {
      if (this.times.size >= this.options.maxKeys) this.evict(now);
      this.times.set(key, [now]);
      return;
    }
    times.push(now);
    // Only the newest maxFailures timestamps decide anything.
    if (times.length > this.options.maxFailures) times.splice(0, times.length - this.options.maxFailures);
  }

  /** Removes one failure counted at `atMs` (the newest such), if it is still tracked. */
  forgetOne(key: string, atMs: number): void {
    const times = this.times.get(key);
    if (times === undefined) return;
    const i = times.lastIndexOf(atMs);
    if (i < 0) return;
    times.splice(i, 1);
    if (times.length === 0) this.times.delete(key);
  }

  /** Forgets every failure of `key`. */
  clear(key: string): void {
    this.times.delete(key);
  }

  private live(key: string, now: number): number[] {
    const times = this.times.get(key);
    if (times === undefined) return [];
    const cutoff = now - this.options.windowMs;
    let drop = 0;
    while (drop < times.length && times[drop] <= cutoff) drop++;
    if (drop > 0) times.splice(0, drop);
    if (times.length === 0) this.times.delete(key);
    return times;
  }

  private evict(now: number): void {
    for (const key of [...this.times.keys()]) this.live(key, now);
    // Still full: forget the oldest-inserted keys (Map keeps insertion order).
    for (const key of this.times.keys()) {
      if (this.times.size < this.options.maxKeys) break;
      this.times.delete(key);
    }
  }
}

/**
 * Time sources, injectable so that tests can drive time. Production code takes a `Clock`
 * instead of calling `Date.now()` where the result matters for behaviour (retention,
 * timestamp windows, flush intervals).
 */
export interface Clock {
  /** Wall-clock milliseconds since the Unix epoch. */
  nowMs(): number;
  /** Monotonic milliseconds with sub-millisecond precision, for measuring durations. */
  monotonicMs(): number;
}

/** The real clock. */
export const systemClock: Clock = {
  nowMs: () => Date.now(),
  monotonicMs: () => performance.now(),
};

/** A clock that only moves when told to; for tests. */
export class ManualClock implements Clock {
  private wallMs: number;
  private monoMs = 0;

  constructor(startMs = Date.UTC(2026, 10, 30, 12, 0, 0)) {
    this.wallMs = startMs;
  }

  nowMs(): number {
    return this.wallMs;
  }

  monotonicMs(): number {
    return this.monoMs;
  }

  /** Moves both clocks forward. */
  advance(ms: number): void {
    this.wallMs += ms;
    this.monoMs += ms;
  }
}

/**
 * A fixed-bucket latency histogram (Prometheus-style cumulative buckets on export) plus a
 * ring of recent samples for quantiles in benchmarks and `stats()`.
 */
const DEFAULT_BOUNDS_MS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];
const RECENT_SAMPLES = 2048;

/** A snapshot of a histogram: `counts[i]` counts samples <= `boundsMs[i]` (not cumulative); the last slot is +Inf. */
export interface HistogramSnapshot {
  readonly boundsMs: readonly number[];
  readonly counts: readonly number[];
  readonly count: number;
  readonly sumMs: number;
  /** Quantiles over the most recent samples (null when none). */
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
}

export class LatencyHistogram {
  private readonly counts: number[];
  private count = 0;
  private sumMs = 0;
  private readonly recent = new Float64Array(RECENT_SAMPLES);
  private recentCount = 0;

  constructor(private readonly boundsMs: readonly number[] = DEFAULT_BOUNDS_MS) {
    this.counts = new Array<number>(boundsMs.length + 1).fill(0);
  }

  /** Records one sample in milliseconds. */
  observe(ms: number): void {
    let i = 0;
    while (i < this.boundsMs.length && ms > this.boundsMs[i]) i++;
    this.counts[i]++;
    this.count++;
    this.sumMs += ms;
    this.recent[this.recentCount++ % RECENT_SAMPLES] = ms;
  }

  /** Current counts and recent quantiles. */
  snapshot(): HistogramSnapshot {
    const n = Math.min(this.recentCount, RECENT_SAMPLES);
    const sorted = this.recent.slice(0, n).sort();
    const q = (p: number): number | null => (n === 0 ? null : sorted[Math.min(n - 1, Math.floor(p * n))]);
    return { boundsMs: this.boundsMs, counts: this.counts.slice(), count: this.count, sumMs: this.sumMs, p50Ms: q(0.5), p99Ms: q(0.99) };
  }
}

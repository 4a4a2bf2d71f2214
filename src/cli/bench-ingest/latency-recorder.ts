/** Per-request latencies of a load run: count, average and exact percentiles over all samples. */

export interface LatencySummary {
  readonly count: number;
  readonly avgMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export class LatencyRecorder {
  private samples = new Float64Array(1 << 16);
  private n = 0;
  private sum = 0;

  record(ms: number): void {
    if (this.n === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.n++] = ms;
    this.sum += ms;
  }

  /** Samples recorded since `from` (for the live progress line's window). */
  get count(): number {
    return this.n;
  }

  /** Summary of samples [from, count). */
  summary(from = 0): LatencySummary {
    const n = this.n - from;
    if (n <= 0) return { count: 0, avgMs: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 };
    const sorted = this.samples.slice(from, this.n).sort();
    let sum = 0;
    for (let i = 0; i < n; i++) sum += sorted[i];
    const at = (q: number) => sorted[Math.min(n - 1, Math.floor(q * n))];
    return { count: n, avgMs: sum / n, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted[n - 1] };
  }
}

/**
 * Pharlux's self-metrics: counters, gauges and histograms that components update, plus
 * collectors that read a value at scrape time (RSS, WAL bytes, ...). Rendered as
 * Prometheus text for `GET /metrics`, and as samples for self-observability (the
 * server writes them into its own `metrics` table).
 */

export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  readonly name: string;
  readonly labels: Labels;
  readonly value: number;
}

export type MetricKind = 'counter' | 'gauge' | 'histogram';

export interface MetricFamily {
  readonly name: string;
  readonly help: string;
  readonly kind: MetricKind;
  /** For histograms: `<name>_bucket` (with `le`), `<name>_sum` and `<name>_count` samples. */
  readonly samples: readonly Sample[];
}

/** Reads values at scrape time. */
export type MetricCollector = () => readonly MetricFamily[];

function labelKey(labels: Labels): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export class Counter {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = labelKey(labels);
    const entry = this.values.get(key);
    if (entry) entry.value += by;
    else this.values.set(key, { labels, value: by });
  }

  family(): MetricFamily {
    return { name: this.name, help: this.help, kind: 'counter', samples: [...this.values.values()].map((e) => ({ name: this.name, labels: e.labels, value: e.value })) };
  }
}

export class Histogram {
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    /** Upper bounds, ascending; +Inf is implied. */
    readonly buckets: readonly number[],
  ) {}

  observe(value: number, labels: Labels = {}): void {
    const key = labelKey(labels);
    let s = this.series.get(key);
    if (s === undefined) {
      s = { labels, counts: new Array<number>(this.buckets.length).fill(0), sum: 0, count: 0 };
      this.series.set(key, s);
    }
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]) s.counts[i]++;
    s.sum += value;
    s.count++;
  }

  family(): MetricFamily {
    const samples: Sample[] = [];
    for (const s of this.series.values()) {
      this.buckets.forEach((le, i) => samples.push({ name: `${this.name}_bucket`, labels: { ...s.labels, le: String(le) }, value: s.counts[i] }));
      samples.push({ name: `${this.name}_bucket`, labels: { ...s.labels, le: '+Inf' }, value: s.count });
      samples.push({ name: `${this.name}_sum`, labels: s.labels, value: s.sum });
      samples.push({ name: `${this.name}_count`, labels: s.labels, value: s.count });
    }
    return { name: this.name, help: this.help, kind: 'histogram', samples };
  }
}

/** Every metric of one server; built by server.ts and handed to components. */
export class MetricRegistry {
  private readonly owned: (Counter | Histogram)[] = [];
  private readonly collectors: MetricCollector[] = [];

  counter(name: string, help: string): Counter {
    const c = new Counter(name, help);
    this.owned.push(c);
    return c;
  }

  histogram(name: string, help: string, buckets: readonly number[]): Histogram {
    const h = new Histogram(name, help, buckets);
    this.owned.push(h);
    return h;
  }

  /** Adds a source of values read at each scrape (gauges owned by other components). */
  addCollector(collector: MetricCollector): void {
    this.collectors.push(collector);
  }

  /** Every family, owned ones first. */
  collect(): MetricFamily[] {
    return [...this.owned.map((m) => m.family()), ...this.collectors.flatMap((c) => c())];
  }
}

function escapeLabel(v: string): string {
  return v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** Prometheus text exposition format 0.0.4. */
export function renderPrometheusText(families: readonly MetricFamily[]): string {
  let out = '';
  for (const f of families) {
    out += `# HELP ${f.name} ${f.help.replaceAll('\\', '\\\\').replaceAll('\n', '\\n')}\n# TYPE ${f.name} ${f.kind}\n`;
    for (const s of f.samples) {
      const labels = Object.entries(s.labels);
      const labelText = labels.length === 0 ? '' : `{${labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
      out += `${s.name}${labelText} ${formatValue(s.value)}\n`;
    }
  }
  return out;
}

/**
 * Self-observability: every `telemetry.self_scrape_seconds` the server turns its own
 * metrics into an OTLP/JSON export request (resource `service.name = pharlux`) and sends
 * it through the normal ingest pipeline into tenant `default`, so a fresh install has
 * data to look at and Pharlux can be watched with Pharlux.
 */
import type { Logger } from '../../common/index.ts';
import type { Labels, MetricFamily, MetricRegistry, Sample } from './metric-registry.ts';

type OtlpAttribute = { key: string; value: { stringValue: string } };

function attributes(labels: Labels): OtlpAttribute[] {
  return Object.entries(labels).map(([key, value]) => ({ key, value: { stringValue: value } }));
}

function withoutLe(labels: Labels): Labels {
  const { le: _le, ...rest } = labels;
  return rest;
}

/** OTLP/JSON `Metric` objects for one family (histograms are rebuilt from their Prometheus samples). */
function otlpMetrics(family: MetricFamily, startNs: string, nowNs: string): unknown[] {
  const point = (s: Sample) => ({ attributes: attributes(s.labels), startTimeUnixNano: startNs, timeUnixNano: nowNs, asDouble: s.value });
  switch (family.kind) {
    case 'counter':
      if (family.samples.length === 0) return [];
      return [{ name: family.name, description: family.help, sum: { dataPoints: family.samples.map(point), aggregationTemporality: 2, isMonotonic: true } }];
    case 'gauge':
      if (family.samples.length === 0) return [];
      return [{ name: family.name, description: family.help, gauge: { dataPoints: family.samples.map((s) => ({ ...point(s), startTimeUnixNano: undefined })) } }];
    case 'histogram': {
      const series = new Map<string, { labels: Labels; bounds: number[]; cumulative: number[]; sum: number; count: number }>();
      for (const s of family.samples) {
        const base = s.name.endsWith('_bucket') ? withoutLe(s.labels) : s.labels;
        const key = JSON.stringify(base);
        let entry = series.get(key);
        if (entry === undefined) {
          entry = { labels: base, bounds: [], cumulative: [], sum: 0, count: 0 };
          series.set(key, entry);
        }
        if (s.name.endsWith('_bucket') && s.labels.le !== '+Inf') {
          entry.bounds.push(Number(s.labels.le));
          entry.cumulative.push(s.value);
        } else if (s.name.endsWith('_sum')) entry.sum = s.value;
        else if (s.name.endsWith('_count')) entry.count = s.value;
      }
      const dataPoints = [...series.values()].map((e) => {
        // OTLP wants per-bucket counts (with the overflow bucket last), Prometheus gives cumulative ones.
        const perBucket = e.cumulative.map((c, i) => c - (i === 0 ? 0 : e.cumulative[i - 1]));
        perBucket.push(e.count - (e.cumulative.at(-1) ?? 0));
        return {
          attributes: attributes(e.labels),
          startTimeUnixNano: startNs,
          timeUnixNano: nowNs,
          count: String(e.count),
          sum: e.sum,
          bucketCounts: perBucket.map(String),
          explicitBounds: e.bounds,
        };
      });
      if (dataPoints.length === 0) return [];
      return [{ name: family.name, description: family.help, histogram: { dataPoints, aggregationTemporality: 2 } }];
    }
  }
}

/** An OTLP/JSON ExportMetricsServiceRequest holding every family. */
export function selfMetricsRequest(families: readonly MetricFamily[], resource: { version: string; instance: string }, startMs: number, nowMs: number): string {
  const startNs = `${Math.floor(startMs)}000000`;
  const nowNs = `${Math.floor(nowMs)}000000`;
  return JSON.stringify({
    resourceMetrics: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: 'pharlux' } },
            { key: 'service.version', value: { stringValue: resource.version } },
            { key: 'service.instance.id', value: { stringValue: resource.instance } },
          ],
        },
        scopeMetrics: [{ scope: { name: 'pharlux.self', version: resource.version }, metrics: families.flatMap((f) => otlpMetrics(f, startNs, nowNs)) }],
      },
    ],
  });
}

export interface SelfScraperOptions {
  readonly registry: MetricRegistry;
  readonly intervalMs: number;
  /** Sends one OTLP/JSON metrics request into tenant `default` (the ingest pipeline). */
  readonly submit: (body: Uint8Array) => Promise<unknown>;
  readonly resource: { version: string; instance: string };
  readonly startedAtMs: number;
  readonly nowMs: () => number;
  readonly logger: Logger;
}

/** Records the server's own metrics on a timer. */
export class SelfScraper {
  private timer: ReturnType<typeof setInterval> | null = null;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly options: SelfScraperOptions) {}

  /** Scrapes now (a fresh install has a first sample at once) and then every interval. */
  start(): void {
    const tick = (): void => {
      // Skip a tick rather than pile up when the pipeline is slow.
      this.inFlight ??= this.scrapeOnce().finally(() => {
        this.inFlight = null;
      });
    };
    tick();
    this.timer = setInterval(tick, this.options.intervalMs);
    // A scrape timer must never keep the process alive on its own.
    this.timer.unref?.();
  }

  /** Records one sample of every metric now. */
  async scrapeOnce(): Promise<void> {
    const { registry, resource, startedAtMs, nowMs, submit, logger } = this.options;
    try {
      const body = selfMetricsRequest(registry.collect(), resource, startedAtMs, nowMs());
      await submit(new TextEncoder().encode(body));
    } catch (err) {
      logger.warn('self-metrics scrape failed', { error: err instanceof Error ? err.message : String(err) });
    }
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.inFlight;
  }
}

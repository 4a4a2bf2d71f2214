/**
 * Ingest self-metrics for `/metrics` (SPEC §8): rows accepted and rejected (by table and
 * reason), requests by protocol/table/status, queue depth, and request latency. The
 * pipeline and the receivers record; `formatPrometheus()` renders the text exposition
 * that the server's /metrics handler concatenates with the other modules' sections.
 */
import { TABLE_NAMES, type TableName } from '../columnar/index.ts';
import { REJECT_REASONS, type RejectReason } from './otlp/index.ts';

export type OtlpProtocol = 'http' | 'grpc';

/** Upper bounds (seconds) of the request latency histogram. */
const LATENCY_BOUNDS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

class LatencyBuckets {
  readonly counts = new Float64Array(LATENCY_BOUNDS_S.length + 1);
  count = 0;
  sum = 0;

  observe(seconds: number): void {
    let i = 0;
    while (i < LATENCY_BOUNDS_S.length && seconds > LATENCY_BOUNDS_S[i]) i++;
    this.counts[i]++;
    this.count++;
    this.sum += seconds;
  }
}

/** Queue depth as the pipeline reports it. */
export interface QueueDepth {
  readonly batches: number;
  readonly bytes: number;
  readonly waiting: number;
}

/** A request latency histogram: `counts[i]` counts requests <= `boundsSeconds[i]` (not cumulative); the last slot is +Inf. */
export interface LatencyHistogramSnapshot {
  readonly boundsSeconds: readonly number[];
  readonly counts: readonly number[];
  readonly count: number;
  readonly sumSeconds: number;
}

export interface IngestMetricsSnapshot {
  readonly accepted: Readonly<Record<TableName, number>>;
  readonly rejected: Readonly<Record<TableName, Partial<Record<RejectReason, number>>>>;
  /** Keyed `protocol table code`, e.g. `http metrics 200`. */
  readonly requests: Readonly<Record<string, number>>;
  readonly queue: QueueDepth;
  /** Request latency (receive → response) per protocol. */
  readonly latency: Readonly<Record<OtlpProtocol, LatencyHistogramSnapshot>>;
}

export class IngestMetrics {
  private readonly accepted: Record<TableName, number> = { metrics: 0, logs: 0, spans: 0 };
  private readonly rejected: Record<TableName, Float64Array> = {
    metrics: new Float64Array(REJECT_REASONS.length),
    logs: new Float64Array(REJECT_REASONS.length),
    spans: new Float64Array(REJECT_REASONS.length),
  };
  private readonly requests = new Map<string, number>();
  private readonly latency: Record<OtlpProtocol, LatencyBuckets> = { http: new LatencyBuckets(), grpc: new LatencyBuckets() };
  private queueDepth: () => QueueDepth = () => ({ batches: 0, bytes: 0, waiting: 0 });

  /** Lets the pipeline expose its queue. */
  setQueueSource(source: () => QueueDepth): void {
    this.queueDepth = source;
  }

  /** Rows stored for a request. */
  recordAccepted(table: TableName, rows: number): void {
    this.accepted[table] += rows;
  }

  /** Rows rejected by validation (counted whether or not the request then succeeded). */
  recordRejected(table: TableName, byReason: Partial<Record<RejectReason, number>>): void {
    const counts = this.rejected[table];
    REJECT_REASONS.forEach((reason, i) => {
      counts[i] += byReason[reason] ?? 0;
    });
  }

  /** A finished request: `code` is the HTTP status or gRPC status name. */
  recordRequest(protocol: OtlpProtocol, table: TableName, code: string, seconds: number): void {
    const key = `${protocol} ${table} ${code}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    this.latency[protocol].observe(seconds);
  }

  snapshot(): IngestMetricsSnapshot {
    const rejected = {} as Record<TableName, Partial<Record<RejectReason, number>>>;
    for (const table of TABLE_NAMES) {
      const byReason: Partial<Record<RejectReason, number>> = {};
      REJECT_REASONS.forEach((reason, i) => {
        if (this.rejected[table][i] > 0) byReason[reason] = this.rejected[table][i];
      });
      rejected[table] = byReason;
    }
    const latency = (h: LatencyBuckets): LatencyHistogramSnapshot => ({ boundsSeconds: LATENCY_BOUNDS_S, counts: [...h.counts], count: h.count, sumSeconds: h.sum });
    return {
      accepted: { ...this.accepted },
      rejected,
      requests: Object.fromEntries(this.requests),
      queue: this.queueDepth(),
      latency: { http: latency(this.latency.http), grpc: latency(this.latency.grpc) },
    };
  }

  /** Prometheus text exposition of every ingest metric. */
  formatPrometheus(): string {
    const lines: string[] = [];
    lines.push('# HELP pharlux_ingest_rows_accepted_total Points, log records and spans stored.');
    lines.push('# TYPE pharlux_ingest_rows_accepted_total counter');
    for (const table of TABLE_NAMES) lines.push(`pharlux_ingest_rows_accepted_total{table="${table}"} ${this.accepted[table]}`);
    lines.push('# HELP pharlux_ingest_rows_rejected_total Points, log records and spans rejected by validation.');
    lines.push('# TYPE pharlux_ingest_rows_rejected_total counter');
    for (const table of TABLE_NAMES) {
      REJECT_REASONS.forEach((reason, i) => {
        lines.push(`pharlux_ingest_rows_rejected_total{table="${table}",reason="${reason}"} ${this.rejected[table][i]}`);
      });
    }
    lines.push('# HELP pharlux_ingest_requests_total OTLP export requests by protocol, table and response status.');
    lines.push('# TYPE pharlux_ingest_requests_total counter');
    for (const [key, n] of [...this.requests].sort()) {
      const [protocol, table, code] = key.split(' ');
      lines.push(`pharlux_ingest_requests_total{protocol="${protocol}",table="${table}",code="${code}"} ${n}`);
    }
    const q = this.queueDepth();
    lines.push('# HELP pharlux_ingest_queue_requests Requests admitted to the ingest queue and not yet durable.');
    lines.push('# TYPE pharlux_ingest_queue_requests gauge');
    lines.push(`pharlux_ingest_queue_requests ${q.batches}`);
    lines.push('# HELP pharlux_ingest_queue_bytes Bytes held by admitted requests.');
    lines.push('# TYPE pharlux_ingest_queue_bytes gauge');
    lines.push(`pharlux_ingest_queue_bytes ${q.bytes}`);
    lines.push('# HELP pharlux_ingest_queue_waiting Requests waiting for room in the ingest queue.');
    lines.push('# TYPE pharlux_ingest_queue_waiting gauge');
    lines.push(`pharlux_ingest_queue_waiting ${q.waiting}`);
    lines.push('# HELP pharlux_ingest_request_duration_seconds OTLP export request latency, receive to response.');
    lines.push('# TYPE pharlux_ingest_request_duration_seconds histogram');
    for (const protocol of ['http', 'grpc'] as const) {
      const h = this.latency[protocol];
      let cumulative = 0;
      LATENCY_BOUNDS_S.forEach((bound, i) => {
        cumulative += h.counts[i];
        lines.push(`pharlux_ingest_request_duration_seconds_bucket{protocol="${protocol}",le="${bound}"} ${cumulative}`);
      });
      lines.push(`pharlux_ingest_request_duration_seconds_bucket{protocol="${protocol}",le="+Inf"} ${h.count}`);
      lines.push(`pharlux_ingest_request_duration_seconds_sum{protocol="${protocol}"} ${h.sum}`);
      lines.push(`pharlux_ingest_request_duration_seconds_count{protocol="${protocol}"} ${h.count}`);
    }
    return lines.join('\n') + '\n';
  }
}

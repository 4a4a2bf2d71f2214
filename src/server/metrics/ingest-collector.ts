/** Ingest self-metrics (rows accepted and rejected, requests by status, queue depth) from the pipeline's snapshot. */
import { TABLE_NAMES } from '../../columnar/index.ts';
import type { IngestMetricsSnapshot } from '../../ingest/index.ts';
import type { MetricCollector, MetricFamily, Sample } from './metric-registry.ts';

/** A collector over the ingest pipeline's counters. */
export function ingestMetricsCollector(snapshot: () => IngestMetricsSnapshot): MetricCollector {
  return () => {
    const s = snapshot();
    const rejected: Sample[] = [];
    for (const table of TABLE_NAMES) {
      for (const [reason, n] of Object.entries(s.rejected[table])) rejected.push({ name: 'pharlux_ingest_rows_rejected_total', labels: { table, reason }, value: n ?? 0 });
    }
    const requests: Sample[] = Object.entries(s.requests).map(([key, n]) => {
      const [protocol, table, code] = key.split(' ');
      return { name: 'pharlux_ingest_requests_total', labels: { protocol, table, code }, value: n };
    });
    const gauge = (name: string, help: string, value: number): MetricFamily => ({ name, help, kind: 'gauge', samples: [{ name, labels: {}, value }] });
    return [
      {
        name: 'pharlux_ingest_rows_accepted_total',
        help: 'points, log records and spans stored',
        kind: 'counter',
        samples: TABLE_NAMES.map((table) => ({ name: 'pharlux_ingest_rows_accepted_total', labels: { table }, value: s.accepted[table] })),
      },
      { name: 'pharlux_ingest_rows_rejected_total', help: 'rows rejected by validation', kind: 'counter', samples: rejected },
      { name: 'pharlux_ingest_requests_total', help: 'OTLP export requests by protocol, table and response status', kind: 'counter', samples: requests },
      gauge('pharlux_ingest_queue_requests', 'requests admitted to the ingest queue and not yet durable', s.queue.batches),
      gauge('pharlux_ingest_queue_bytes', 'bytes held by admitted requests', s.queue.bytes),
      gauge('pharlux_ingest_queue_waiting', 'requests waiting for room in the ingest queue', s.queue.waiting),
    ];
  };
}

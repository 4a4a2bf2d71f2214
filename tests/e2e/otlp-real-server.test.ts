/**
 * e2e through the integrated server: OTel SDK exporters (metrics over gRPC + gzip, logs
 * over HTTP protobuf + gzip, traces over HTTP JSON) send to the real `pharlux serve`
 * (WAL with group commit, head, Parquet flush on stop); after a clean stop DuckDB reads
 * the Parquet files and every point, record and span is there with the right values,
 * attributes, resource, scope and exact nanosecond timestamps.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const scratch = mkdtempSync(join(tmpdir(), 'pharlux-otlp-e2e-'));
const dataDir = join(scratch, 'data');
let server: ServerProcess;
let stopped = false;

beforeAll(async () => {
  server = await startServerProcess({ dataDir, env: { PHARLUX_STORAGE_WAL_SYNC: 'group', PHARLUX_TELEMETRY_SELF_SCRAPE_SECONDS: '0' } });
});
afterAll(async () => {
  if (!stopped) await server.stop({ keepDataDir: true });
  rmSync(scratch, { recursive: true, force: true });
});

const resource = resourceFromAttributes({ 'service.name': 'e2e-real', 'service.version': '9.9.9' });
const hrNs = (hr: [number, number]) => BigInt(hr[0]) * 1_000_000_000n + BigInt(hr[1]);
const gzip = 'gzip' as unknown as undefined; // the exporters' CompressionAlgorithm.GZIP value

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const reader = await conn.runAndReadAll(sql);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
  }
}
const parquet = (table: string) => `read_parquet('${join(dataDir, table)}/**/*.parquet', hive_partitioning = true, union_by_name = true)`;

test('metrics, logs and spans from the SDK land in Parquet exactly', async () => {
  // metrics over gRPC + gzip
  const metricExporter = new OTLPMetricExporter({ url: `http://127.0.0.1:${server.otlpGrpcPort}`, compression: gzip });
  const meterProvider = new MeterProvider({ resource, readers: [new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 })] });
  const meter = meterProvider.getMeter('real-meter', '1.0');
  meter.createCounter('real.requests').add(5, { route: '/x' });
  meter.createHistogram('real.latency', { unit: 'ms' }).record(42, { route: '/x' });
  await meterProvider.shutdown();

  // logs over HTTP protobuf + gzip
  const memoryLogs = new InMemoryLogRecordExporter();
  const loggerProvider = new LoggerProvider({
    resource,
    processors: [
      new SimpleLogRecordProcessor({ exporter: new OTLPLogExporter({ url: `http://127.0.0.1:${server.otlpHttpPort}/v1/logs`, compression: gzip }) }),
      new SimpleLogRecordProcessor({ exporter: memoryLogs }),
    ],
  });
  loggerProvider.getLogger('real-logger').emit({ severityNumber: SeverityNumber.ERROR, severityText: 'ERROR', body: 'disk on fire', attributes: { attempt: 3 } });
  await loggerProvider.forceFlush();
  const emitted = memoryLogs.getFinishedLogRecords().slice();
  await loggerProvider.shutdown();

  // traces over HTTP JSON
  const memorySpans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    resource,
    spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: `http://127.0.0.1:${server.otlpHttpPort}/v1/traces` })), new SimpleSpanProcessor(memorySpans)],
  });
  const tracer = tracerProvider.getTracer('real-tracer', '0.1');
  const parent = tracer.startSpan('GET /x', { kind: SpanKind.SERVER });
  const child = tracer.startSpan('db', { kind: SpanKind.CLIENT }, trace.setSpan(ROOT_CONTEXT, parent));
  child.addEvent('retry', { n: 1 });
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
  child.end();
  parent.end();
  await tracerProvider.forceFlush();
  const finished = memorySpans.getFinishedSpans().slice();
  await tracerProvider.shutdown();

  // A clean stop flushes the head to Parquet.
  expect(await server.stop({ keepDataDir: true })).toBe(0);
  stopped = true;

  const metrics = await query(
    `SELECT name, type, temporality, is_monotonic, value, count, sum, min, max, attributes, service_name, scope_name, scope_version, json_extract_string(resource, '$."service.version"') AS version
     FROM ${parquet('metrics')} WHERE service_name = 'e2e-real' ORDER BY name`,
  );
  expect(metrics).toHaveLength(2);
  expect(metrics[0]).toMatchObject({ name: 'real.latency', type: 'histogram', count: 1n, sum: 42, min: 42, max: 42, attributes: '{"route":"/x"}', scope_name: 'real-meter', version: '9.9.9' });
  expect(metrics[1]).toMatchObject({ name: 'real.requests', type: 'sum', temporality: 'cumulative', is_monotonic: true, value: 5, scope_version: '1.0' });

  const logs = await query(`SELECT epoch_ns("timestamp")::VARCHAR AS ts, severity_number, severity_text, body, attributes FROM ${parquet('logs')} WHERE service_name = 'e2e-real'`);
  expect(logs).toEqual([{ ts: String(hrNs(emitted[0].hrTime)), severity_number: 17n, severity_text: 'ERROR', body: 'disk on fire', attributes: '{"attempt":3}' }]);

  const spans = await query(
    `SELECT span_id, trace_id, parent_span_id, name, kind, status_code, status_message, epoch_ns("timestamp")::VARCHAR AS start_ns, duration_ns, events
     FROM ${parquet('spans')} WHERE service_name = 'e2e-real' ORDER BY name`,
  );
  expect(spans).toHaveLength(2);
  for (const s of finished) {
    const row = spans.find((r) => r.span_id === s.spanContext().spanId);
    expect(row).toMatchObject({ trace_id: s.spanContext().traceId, name: s.name, start_ns: String(hrNs(s.startTime)), duration_ns: hrNs(s.endTime) - hrNs(s.startTime) });
  }
  const db = spans.find((s) => s.name === 'db');
  expect(db).toMatchObject({ kind: 'CLIENT', status_code: 'ERROR', status_message: 'boom', parent_span_id: parent.spanContext().spanId });
  expect(JSON.parse(String(db?.events))[0]).toMatchObject({ name: 'retry', attributes: { n: 1 } });
  expect(spans.find((s) => s.name === 'GET /x')).toMatchObject({ kind: 'SERVER', parent_span_id: null, status_code: 'UNSET' });
}, 120_000);

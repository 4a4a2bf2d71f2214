/**
 * e2e with the real OpenTelemetry JS SDK: metrics, logs and traces exported over
 * OTLP/gRPC, OTLP/HTTP protobuf and OTLP/HTTP JSON, with and without gzip, to the real
 * receivers on random loopback ports. Every point/record/span must arrive with the right
 * values, attributes, resource, scope and types. (Storage is an in-memory AppendTarget
 * until the integrated server exists; the receivers, pipeline and decoders are real.)
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter as LogsGrpc } from '@opentelemetry/exporter-logs-otlp-grpc';
import { OTLPLogExporter as LogsHttpJson } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as LogsProto } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter as MetricsGrpc } from '@opentelemetry/exporter-metrics-otlp-grpc';
import { OTLPMetricExporter as MetricsHttpJson } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as MetricsProto } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter as TracesGrpc } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as TracesHttpJson } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as TracesProto } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { batchToRows } from '../../src/columnar/index.ts';
import { startReceiverHarness, type ReceiverHarness } from '../ingest/otlp-receiver-harness.ts';

type Transport = 'grpc' | 'http-protobuf' | 'http-json';
const TRANSPORTS: Transport[] = ['grpc', 'http-protobuf', 'http-json'];

let h: ReceiverHarness;
beforeAll(async () => {
  h = await startReceiverHarness();
});
afterAll(async () => {
  await h.stop();
});

/** Exporter options for a transport ('gzip' is the exporters' CompressionAlgorithm.GZIP value). */
function exporterConfig<T>(transport: Transport, signal: string, gzip: boolean): T {
  const url = transport === 'grpc' ? `http://127.0.0.1:${h.grpc.port}` : `${h.httpUrl}/v1/${signal}`;
  return { url, compression: gzip ? 'gzip' : 'none', timeoutMillis: 10_000 } as unknown as T;
}

function rowsFor(table: 'metrics' | 'logs' | 'spans', service: string) {
  return h.target.appended
    .filter((a) => a.entry.table === table)
    .flatMap((a) => batchToRows(a.batch))
    .filter((r) => r.service_name === service);
}

function hrNs(hr: [number, number]): bigint {
  return BigInt(hr[0]) * 1_000_000_000n + BigInt(hr[1]);
}

const resourceOf = (service: string) =>
  resourceFromAttributes({ 'service.name': service, 'service.version': '1.2.3', 'deployment.environment': 'e2e' });

describe('metrics from the OTel SDK', () => {
  for (const transport of TRANSPORTS) {
    for (const gzip of [false, true]) {
      test(`${transport}${gzip ? ' + gzip' : ''}`, async () => {
        const service = `e2e-metrics-${transport}-${gzip}`;
        const exporter =
          transport === 'grpc'
            ? new MetricsGrpc(exporterConfig(transport, 'metrics', gzip))
            : transport === 'http-protobuf'
              ? new MetricsProto(exporterConfig(transport, 'metrics', gzip))
              : new MetricsHttpJson(exporterConfig(transport, 'metrics', gzip));
        const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
        const provider = new MeterProvider({ resource: resourceOf(service), readers: [reader] });
        const meter = provider.getMeter('e2e-meter', '0.9.0');
        const counter = meter.createCounter('e2e.requests', { unit: '{request}' });
        counter.add(3, { route: '/a', ok: true });
        counter.add(2, { route: '/b', code: 500 });
        meter.createHistogram('e2e.latency', { unit: 'ms' }).record(5, { route: '/a' });
        meter.createHistogram('e2e.latency', { unit: 'ms' }).record(50, { route: '/a' });
        meter.createHistogram('e2e.latency', { unit: 'ms' }).record(500, { route: '/a' });
        const updown = meter.createUpDownCounter('e2e.inflight');
        updown.add(4);
        updown.add(-1);
        meter.createGauge('e2e.temperature', { unit: 'Cel' }).record(21.5, { room: 'lab' });
        meter.createObservableGauge('e2e.queue').addCallback((r) => r.observe(7, { queue: 'q1' }));
        // shutdown() collects and exports once (a forceFlush first would export the cumulative points twice).
        await provider.shutdown();

        const rows = rowsFor('metrics', service);
        const byName = (n: string) => rows.filter((r) => r.name === n);
        expect(rows).toHaveLength(6);
        for (const r of rows) {
          expect(r).toMatchObject({ tenant_id: 'default', scope_name: 'e2e-meter', scope_version: '0.9.0' });
          expect(JSON.parse(r.resource as string)).toMatchObject({ 'service.name': service, 'service.version': '1.2.3', 'deployment.environment': 'e2e' });
          expect(typeof r.timestamp).toBe('bigint');
        }
        const requests = byName('e2e.requests').sort((a, b) => String(a.attributes).localeCompare(String(b.attributes)));
        expect(requests.map((r) => [r.attributes, r.value])).toEqual([
          ['{"code":500,"route":"/b"}', 2],
          ['{"ok":true,"route":"/a"}', 3],
        ]);
        expect(requests[0]).toMatchObject({ type: 'sum', temporality: 'cumulative', is_monotonic: true, unit: '{request}', count: null, buckets: null });
        expect(requests[0].start_timestamp).not.toBeNull();
        const latency = byName('e2e.latency')[0];
        expect(latency).toMatchObject({ type: 'histogram', unit: 'ms', temporality: 'cumulative', count: 3, sum: 555, min: 5, max: 500, value: null, attributes: '{"route":"/a"}' });
        expect(JSON.parse(latency.buckets as string)).toEqual({
          bounds: [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000],
          counts: [0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
        });
        expect(byName('e2e.inflight')[0]).toMatchObject({ type: 'sum', is_monotonic: false, value: 3, attributes: '{}' });
        expect(byName('e2e.temperature')[0]).toMatchObject({ type: 'gauge', unit: 'Cel', value: 21.5, temporality: null, attributes: '{"room":"lab"}' });
        expect(byName('e2e.queue')[0]).toMatchObject({ type: 'gauge', value: 7, attributes: '{"queue":"q1"}' });
      });
    }
  }
});

describe('logs from the OTel SDK', () => {
  for (const transport of TRANSPORTS) {
    for (const gzip of [false, true]) {
      test(`${transport}${gzip ? ' + gzip' : ''}`, async () => {
        const service = `e2e-logs-${transport}-${gzip}`;
        const exporter =
          transport === 'grpc'
            ? new LogsGrpc(exporterConfig(transport, 'logs', gzip))
            : transport === 'http-protobuf'
              ? new LogsProto(exporterConfig(transport, 'logs', gzip))
              : new LogsHttpJson(exporterConfig(transport, 'logs', gzip));
        const memory = new InMemoryLogRecordExporter();
        const provider = new LoggerProvider({
          resource: resourceOf(service),
          processors: [new SimpleLogRecordProcessor({ exporter }), new SimpleLogRecordProcessor({ exporter: memory })],
        });
        const logger = provider.getLogger('e2e-logger', '2.0.0');
        const tracer = new BasicTracerProvider().getTracer('t');
        const span = tracer.startSpan('op');
        logger.emit({
          severityNumber: SeverityNumber.WARN,
          severityText: 'WARN',
          body: 'hello e2e',
          attributes: { 'user.id': 42, ratio: 0.25, ok: true, tags: ['a', 'b'] },
          context: trace.setSpan(ROOT_CONTEXT, span),
        });
        logger.emit({ severityNumber: SeverityNumber.ERROR, body: { structured: true, n: 1 }, eventName: 'e2e.event' });
        span.end();
        await provider.forceFlush();
        const expected = memory.getFinishedLogRecords().slice(); // shutdown() empties the in-memory exporter
        await provider.shutdown();

        // SimpleLogRecordProcessor exports each record in its own request; they may arrive in either order.
        const rows = rowsFor('logs', service).sort((a, b) => Number(a.severity_number) - Number(b.severity_number));
        expect(rows).toHaveLength(2);
        expect(rows[0]).toMatchObject({
          severity_number: 13,
          severity_text: 'WARN',
          body: 'hello e2e',
          attributes: '{"ok":true,"ratio":0.25,"tags":["a","b"],"user.id":42}',
          trace_id: span.spanContext().traceId,
          span_id: span.spanContext().spanId,
          flags: 1,
          scope_name: 'e2e-logger',
          scope_version: '2.0.0',
          event_name: null,
        });
        expect(rows[0].timestamp).toBe(hrNs(expected[0].hrTime));
        expect(rows[0].observed_timestamp).toBe(hrNs(expected[0].hrTimeObserved));
        expect(rows[1]).toMatchObject({ severity_number: 17, severity_text: null, body: '{"n":1,"structured":true}', trace_id: null, span_id: null, event_name: 'e2e.event' });
      });
    }
  }
});

describe('traces from the OTel SDK', () => {
  for (const transport of TRANSPORTS) {
    for (const gzip of [false, true]) {
      test(`${transport}${gzip ? ' + gzip' : ''}`, async () => {
        const service = `e2e-traces-${transport}-${gzip}`;
        const exporter =
          transport === 'grpc'
            ? new TracesGrpc(exporterConfig(transport, 'traces', gzip))
            : transport === 'http-protobuf'
              ? new TracesProto(exporterConfig(transport, 'traces', gzip))
              : new TracesHttpJson(exporterConfig(transport, 'traces', gzip));
        const memory = new InMemorySpanExporter();
        const provider = new BasicTracerProvider({
          resource: resourceOf(service),
          spanProcessors: [new SimpleSpanProcessor(exporter), new SimpleSpanProcessor(memory)],
        });
        const tracer = provider.getTracer('e2e-tracer', '3.1.0');
        const linked = tracer.startSpan('linked');
        linked.end();
        const parent = tracer.startSpan('GET /api/x', { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'GET', 'http.response.status_code': 200 } });
        const linkAttrs: Attributes = { why: 'retry' };
        const child = tracer.startSpan('db.query', { kind: SpanKind.CLIENT, links: [{ context: linked.spanContext(), attributes: linkAttrs }] }, trace.setSpan(ROOT_CONTEXT, parent));
        child.addEvent('rows', { count: 3 });
        child.setStatus({ code: SpanStatusCode.ERROR, message: 'timeout' });
        child.end();
        parent.setStatus({ code: SpanStatusCode.OK });
        parent.end();
        await provider.forceFlush();
        const finished = memory.getFinishedSpans().slice();
        await provider.shutdown();

        const rows = rowsFor('spans', service);
        expect(finished).toHaveLength(3);
        expect(rows).toHaveLength(3);
        for (const s of finished) {
          const row = rows.find((r) => r.span_id === s.spanContext().spanId);
          expect(row).toBeDefined();
          expect(row).toMatchObject({
            trace_id: s.spanContext().traceId,
            name: s.name,
            timestamp: hrNs(s.startTime),
            end_timestamp: hrNs(s.endTime),
            duration_ns: Number(hrNs(s.endTime) - hrNs(s.startTime)),
            scope_name: 'e2e-tracer',
            scope_version: '3.1.0',
            flags: expect.any(Number),
          });
        }
        const p = rows.find((r) => r.name === 'GET /api/x');
        const c = rows.find((r) => r.name === 'db.query');
        expect(p).toMatchObject({ kind: 'SERVER', status_code: 'OK', parent_span_id: null, attributes: '{"http.request.method":"GET","http.response.status_code":200}' });
        expect(c).toMatchObject({ kind: 'CLIENT', status_code: 'ERROR', status_message: 'timeout', parent_span_id: p?.span_id, trace_id: p?.trace_id });
        const events = JSON.parse(c?.events as string);
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ name: 'rows', attributes: { count: 3 } });
        expect(JSON.parse(c?.links as string)).toEqual([
          { trace_id: linked.spanContext().traceId, span_id: linked.spanContext().spanId, trace_state: null, attributes: { why: 'retry' }, flags: expect.any(Number) },
        ]);
      });
    }
  }
});

/**
 * Decoder acceptance against every recorded request in tests/fixtures/otlp (copied from
 * ../shared/fixtures): protobuf, OTLP/JSON, gzip and the gRPC wire bodies must decode to
 * exactly the rows the independent reference model derives from the same request.
 */
import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { batchToRows } from '../../src/columnar/index.ts';
import { createOtlpDecoders, DEFAULT_INGEST_LIMITS, makeDecodeContext } from '../../src/ingest/index.ts';
import {
  FIXTURE_DIR,
  FIXTURE_RECEIVE_MS,
  fixtureBytes,
  grpcFixtureMessage,
  grpcFixtures,
  httpFixtureBody,
  httpFixtures,
} from './otlp-fixture-helpers.ts';
import { loadCamelCaseProto, protobufjsObject, referenceRows } from './otlp-reference-rows.ts';

const root = loadCamelCaseProto();
const ctx = makeDecodeContext(FIXTURE_RECEIVE_MS, DEFAULT_INGEST_LIMITS);
const receiveNs = BigInt(FIXTURE_RECEIVE_MS) * 1_000_000n;

/** Drops proto3 default values (protobufjs versions differ on whether explicit zeros survive a decode). */
function withoutDefaults(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutDefaults);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const isDefault = x === 0 || x === '0' || x === false || x === '' || (typeof x === 'string' && /_(UNSPECIFIED|UNSET)$/.test(x));
    if (!isDefault) out[k] = withoutDefaults(x);
  }
  return out;
}

describe('proto/ files', () => {
  for (const name of ['metrics', 'logs', 'traces'] as const) {
    test(`protobufjs with proto/ decodes ${name}.otlp.pb to ${name}.otlp.pb.decoded.json`, () => {
      const expected = JSON.parse(readFileSync(`${FIXTURE_DIR}/${name}.otlp.pb.decoded.json`, 'utf8'));
      const table = name === 'traces' ? 'spans' : name;
      expect(withoutDefaults(protobufjsObject(root, table, fixtureBytes(`${name}.otlp.pb`)))).toEqual(withoutDefaults(expected));
    });
  }
});

describe('decoders on the recorded requests', () => {
  const decoders = createOtlpDecoders();

  for (const name of ['metrics', 'logs', 'traces'] as const) {
    test(`${name}.otlp.pb matches ${name}.otlp.pb.decoded.json`, () => {
      const table = name === 'traces' ? 'spans' : name;
      const expected = referenceRows(table, JSON.parse(readFileSync(`${FIXTURE_DIR}/${name}.otlp.pb.decoded.json`, 'utf8')), receiveNs);
      const result = decoders[table].decode('protobuf', fixtureBytes(`${name}.otlp.pb`), 'default', ctx);
      expect(result.rejected).toBe(0);
      expect(batchToRows(result.batch)).toEqual(expected);
    });
  }

  for (const f of httpFixtures()) {
    test(`${f.file} (${f.encoding}${f.headers['content-encoding'] ? ', ' + f.headers['content-encoding'] : ''})`, () => {
      const body = httpFixtureBody(f);
      const request = f.encoding === 'json' ? JSON.parse(new TextDecoder().decode(body)) : protobufjsObject(root, f.table, body);
      const expected = referenceRows(f.table, request, receiveNs);
      const result = decoders[f.table].decode(f.encoding, body, 'default', ctx);
      expect(result.rejected).toBe(0);
      expect(expected.length).toBeGreaterThan(0);
      expect(batchToRows(result.batch)).toEqual(expected);
    });
  }

  for (const f of grpcFixtures()) {
    test(`${f.file} (gRPC wire body)`, () => {
      const message = grpcFixtureMessage(f);
      const expected = referenceRows(f.table, protobufjsObject(root, f.table, message), receiveNs);
      const result = decoders[f.table].decode('protobuf', message, 'default', ctx);
      expect(batchToRows(result.batch)).toEqual(expected);
    });
  }

  test('the content the fixtures README describes is all there', () => {
    const metrics = batchToRows(decoders.metrics.decode('protobuf', fixtureBytes('metrics.otlp.pb'), 'default', ctx).batch);
    const byName = (n: string) => metrics.filter((r) => r.name === n);
    expect(byName('feas.requests')).toHaveLength(10);
    expect(byName('feas.requests')[0]).toMatchObject({ type: 'sum', temporality: 'cumulative', is_monotonic: true, unit: '{request}' });
    expect(byName('feas.requests')[0].attributes).toBe('{"code":200,"http.method":"POST","http.route":"/api/x","ok":false}');
    expect(byName('feas.bytes')[0]).toMatchObject({ type: 'sum', value: 45000 });
    expect(byName('feas.inflight')[0]).toMatchObject({ type: 'sum', is_monotonic: false });
    expect(byName('feas.latency')).toHaveLength(10);
    expect(byName('feas.latency')[0]).toMatchObject({ type: 'histogram', count: 1, sum: 0, min: 0, max: 0, value: null });
    const exp = byName('feas.exp_hist')[0];
    expect(exp.type).toBe('exponential_histogram');
    const buckets = JSON.parse(exp.buckets as string);
    expect(buckets.scale).toBe(4);
    expect(buckets.positive.offset).toBe(-160);
    expect(buckets.positive.counts).toHaveLength(107);
    expect(byName('feas.temperature')[0]).toMatchObject({ type: 'gauge', value: 20.9, unit: 'Cel', temporality: null, is_monotonic: null });
    expect(byName('feas.queue_depth')[0]).toMatchObject({ type: 'gauge', value: 7 });
    expect(new Set(metrics.map((r) => r.service_name))).toEqual(new Set(['feas-sender']));
    expect(new Set(metrics.map((r) => r.scope_name))).toEqual(new Set(['feas-meter']));

    const logs = batchToRows(decoders.logs.decode('protobuf', fixtureBytes('logs.otlp.pb'), 'default', ctx).batch);
    expect(logs.map((r) => [r.severity_number, r.severity_text, r.body])).toEqual([
      [9, 'INFO', 'hello from feas'],
      [17, 'ERROR', '{"msg":"boom","structured":true}'],
    ]);
    expect(logs[0].attributes).toBe('{"nested":{"k":"v"},"ratio":0.5,"tags":["a","b"],"user.id":42}');

    const spans = batchToRows(decoders.spans.decode('protobuf', fixtureBytes('traces.otlp.pb'), 'default', ctx).batch);
    const client = spans.find((s) => s.kind === 'CLIENT');
    const server = spans.find((s) => s.kind === 'SERVER');
    expect(client).toMatchObject({ name: 'db.query', status_code: 'ERROR', status_message: 'timeout', parent_span_id: server?.span_id });
    expect(server).toMatchObject({ name: 'GET /api/x', parent_span_id: null, status_code: 'UNSET' });
    expect(JSON.parse(client?.events as string)).toEqual([{ time: '2026-11-30T02:07:06.309124529Z', name: 'rows', attributes: { count: 3 } }]);
  });
});

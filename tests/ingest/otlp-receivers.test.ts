/**
 * The receivers end to end on loopback with an in-memory AppendTarget: the recorded HTTP
 * requests (with their original headers, sized and chunked) and gRPC wire bodies store
 * exactly the reference rows, and every status of the SPEC §4 contract comes back with
 * the right code, body and headers.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import * as http2 from 'node:http2';
import { batchToRows, type Batch } from '../../src/columnar/index.ts';
import { ApiKeyTenantResolver } from '../../src/ingest/index.ts';
import { StorageFullError, StorageUnavailableError } from '../../src/storage/index.ts';
import { FIXTURE_RECEIVE_MS, fixtureBytes, grpcFixtureMessage, grpcFixtures, httpFixtureBody, httpFixtures } from './otlp-fixture-helpers.ts';
import { startReceiverHarness, type ReceiverHarness } from './otlp-receiver-harness.ts';
import { loadCamelCaseProto, protobufjsObject, referenceRows } from './otlp-reference-rows.ts';
import { ManualClock } from '../../src/common/index.ts';

const root = loadCamelCaseProto();
const clock = new ManualClock(FIXTURE_RECEIVE_MS);
let h: ReceiverHarness;

beforeAll(async () => {
  h = await startReceiverHarness({ clock });
});
afterAll(async () => {
  await h.stop();
});

function rowsOf(batches: Batch[]) {
  return batches.flatMap((b) => batchToRows(b));
}

function post(path: string, body: BodyInit | Uint8Array, headers: Record<string, string>): Promise<Response> {
  return fetch(`${h.httpUrl}${path}`, { method: 'POST', body: body as BodyInit, headers });
}

/** A body sent with Transfer-Encoding: chunked (a stream, no Content-Length). */
function chunked(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      const half = Math.floor(bytes.length / 2);
      controller.enqueue(bytes.slice(0, half));
      controller.enqueue(bytes.slice(half));
      controller.close();
    },
  });
}

const PATH = { metrics: '/v1/metrics', logs: '/v1/logs', spans: '/v1/traces' } as const;

describe('recorded requests through OTLP/HTTP', () => {
  for (const f of httpFixtures()) {
    for (const mode of ['sized', 'chunked'] as const) {
      test(`${f.file} (${mode})`, async () => {
        const before = h.target.appended.length;
        const headers: Record<string, string> = { 'content-type': f.headers['content-type'], 'user-agent': f.headers['user-agent'] };
        if (f.headers['content-encoding']) headers['content-encoding'] = f.headers['content-encoding'];
        const raw = fixtureBytes(f.file);
        const res = await post(PATH[f.table], mode === 'sized' ? raw : (chunked(raw) as BodyInit), headers);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe(f.encoding === 'json' ? 'application/json' : 'application/x-protobuf');
        const text = await res.text();
        if (f.encoding === 'json') expect(text).toBe('{}');
        else expect(text).toBe('');
        const appended = h.target.appended.slice(before);
        expect(appended).toHaveLength(1);
        expect(appended[0].entry).toMatchObject({ table: f.table, tenant: 'default', encoding: f.encoding, receiveTimeMs: FIXTURE_RECEIVE_MS });
        const body = httpFixtureBody(f);
        expect(appended[0].entry.body).toEqual(body);
        const request = f.encoding === 'json' ? JSON.parse(new TextDecoder().decode(body)) : protobufjsObject(root, f.table, body);
        expect(rowsOf([appended[0].batch])).toEqual(referenceRows(f.table, request, BigInt(FIXTURE_RECEIVE_MS) * 1_000_000n));
      });
    }
  }

  test('zstd bodies are accepted', async () => {
    const before = h.target.rows;
    const res = await post('/v1/metrics', Bun.zstdCompressSync(fixtureBytes('metrics.otlp.pb')), {
      'content-type': 'application/x-protobuf',
      'content-encoding': 'zstd',
    });
    expect(res.status).toBe(200);
    expect(h.target.rows - before).toBe(25);
  });
});

/** Sends a raw gRPC request over HTTP/2 and returns the trailers and response body. */
function grpcRaw(port: number, path: string, headers: Record<string, string>, wire: Uint8Array): Promise<{ status: string; message: string; body: Buffer; trailers: http2.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const client = http2.connect(`http://127.0.0.1:${port}`);
    client.on('error', reject);
    const h2headers: http2.OutgoingHttpHeaders = { ':method': 'POST', ':path': path };
    for (const [k, v] of Object.entries(headers)) if (!k.startsWith(':')) h2headers[k] = v;
    const req = client.request(h2headers);
    const chunks: Buffer[] = [];
    let head: http2.IncomingHttpHeaders = {};
    req.on('response', (hs) => {
      head = hs;
    });
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('trailers', (trailers) => {
      head = { ...head, ...trailers };
    });
    req.on('end', () => {
      client.close();
      resolve({ status: String(head['grpc-status']), message: decodeURIComponent(String(head['grpc-message'] ?? '')), body: Buffer.concat(chunks), trailers: head });
    });
    req.on('error', reject);
    req.end(Buffer.from(wire));
  });
}

describe('recorded gRPC wire bodies through OTLP/gRPC', () => {
  for (const f of grpcFixtures()) {
    test(f.file, async () => {
      const before = h.target.appended.length;
      const res = await grpcRaw(h.grpc.port, f.headers[':path'], f.headers, fixtureBytes(f.file));
      expect(res.status).toBe('0');
      // Response: one uncompressed, empty ExportXServiceResponse message.
      expect([...res.body]).toEqual([0, 0, 0, 0, 0]);
      const appended = h.target.appended.slice(before);
      expect(appended).toHaveLength(1);
      const message = grpcFixtureMessage(f);
      expect(rowsOf([appended[0].batch])).toEqual(referenceRows(f.table, protobufjsObject(root, f.table, message), 0n));
    });
  }
});

describe('status contract over HTTP', () => {
  const pb = { 'content-type': 'application/x-protobuf' };
  const json = { 'content-type': 'application/json' };

  test('unknown path 404, wrong method 405, unknown content type / encoding 415', async () => {
    expect((await post('/v1/profiles', 'x', pb)).status).toBe(404);
    const get = await fetch(`${h.httpUrl}/v1/metrics`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    expect((await post('/v1/metrics', 'x', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post('/v1/metrics', 'x', { ...pb, 'content-encoding': 'br' })).status).toBe(415);
  });

  test('malformed protobuf → 400 with a google.rpc.Status body, nothing stored', async () => {
    const before = h.target.appended.length;
    const res = await post('/v1/metrics', new Uint8Array([0x0a, 0x05, 0x01]), pb);
    expect(res.status).toBe(400);
    expect(res.headers.get('retry-after')).toBeNull();
    const status = h.proto.status.toObject(h.proto.status.decode(new Uint8Array(await res.arrayBuffer())));
    expect(status.code).toBe(3);
    expect(status.message).toContain('malformed protobuf');
    expect(h.target.appended.length).toBe(before);
  });

  test('malformed JSON → 400 with a JSON Status; corrupt gzip → 400', async () => {
    const res = await post('/v1/logs', '{"resourceLogs": 5}', json);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 3 });
    const gz = await post('/v1/logs', new Uint8Array([0x1f, 0x8b, 1, 2, 3]), { ...json, 'content-encoding': 'gzip' });
    expect(gz.status).toBe(400);
  });

  test('partial success: counts and the first reason, in the request encoding', async () => {
    const request = protobufjsObject(root, 'spans', fixtureBytes('traces.otlp.pb'));
    const spans = (request as { resourceSpans: { scopeSpans: { spans: { traceId: string }[] }[] }[] }).resourceSpans[0].scopeSpans[0].spans;
    spans[0].traceId = Buffer.alloc(16).toString('base64');
    const type = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');
    const body = type.encode(type.fromObject(request)).finish();
    const res = await post('/v1/traces', body.slice(), pb);
    expect(res.status).toBe(200);
    const response = h.proto.services.spans.response;
    const decoded = response.toObject(response.decode(new Uint8Array(await res.arrayBuffer())), { longs: Number });
    expect(decoded.partial_success.rejected_spans).toBe(1);
    expect(decoded.partial_success.error_message).toContain('trace_id');

    const jsonBody = JSON.parse(new TextDecoder().decode(fixtureBytes('traces.otlp.json')));
    jsonBody.resourceSpans[0].scopeSpans[0].spans[1].startTimeUnixNano = '1000';
    const res2 = await post('/v1/traces', JSON.stringify(jsonBody), json);
    expect(res2.status).toBe(200);
    const partial = await res2.json();
    expect(partial.partialSuccess.rejectedSpans).toBe('1');
    expect(partial.partialSuccess.errorMessage).toContain('outside the accepted window');
  });

  test('413 for bodies over max_request_bytes, sized or chunked', async () => {
    const small = await startReceiverHarness({ limits: { maxRequestBytes: 1024, maxDecompressedBytes: 4096 } });
    try {
      const big: Uint8Array<ArrayBuffer> = new Uint8Array(5000);
      const url = `${small.httpUrl}/v1/metrics`;
      expect((await fetch(url, { method: 'POST', body: big, headers: pb })).status).toBe(413);
      expect((await fetch(url, { method: 'POST', body: chunked(big) as BodyInit, headers: pb })).status).toBe(413);
      // 1 KiB of gzip that inflates past max_decompressed_bytes
      const bomb: Uint8Array<ArrayBuffer> = Bun.gzipSync(new Uint8Array(100_000));
      expect(bomb.length).toBeLessThan(1024);
      expect((await fetch(url, { method: 'POST', body: bomb, headers: { ...pb, 'content-encoding': 'gzip' } })).status).toBe(413);
      expect(small.target.appended).toHaveLength(0);
    } finally {
      await small.stop();
    }
  });

  test('storage refusals are a retryable 503 with Retry-After (OTel clients do not retry 507)', async () => {
    h.target.failWith = new StorageFullError('disk nearly full');
    const full = await post('/v1/metrics', fixtureBytes('metrics.otlp.pb'), pb);
    h.target.failWith = new StorageUnavailableError('stopping');
    const unavailable = await post('/v1/metrics', fixtureBytes('metrics.otlp.pb'), pb);
    h.target.failWith = null;
    expect(full.status).toBe(503);
    expect(full.headers.get('retry-after')).not.toBeNull();
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).not.toBeNull();
  });

  test('CORS preflight and headers for browser exporters', async () => {
    const pre = await fetch(`${h.httpUrl}/v1/traces`, {
      method: 'OPTIONS',
      headers: { origin: 'http://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    const res = await post('/v1/logs', fixtureBytes('logs.otlp.json'), { ...json, origin: 'http://app.example' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  test('gzip response only for clients that accept it', async () => {
    const body = JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ timeUnixNano: '5' }] }] }] });
    const res = await fetch(`${h.httpUrl}/v1/logs`, { method: 'POST', body, headers: { ...json, 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect((await res.json()).partialSuccess.rejectedLogRecords).toBe('1');
    const plain = await fetch(`${h.httpUrl}/v1/logs`, { method: 'POST', body, headers: { ...json, 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect((await plain.json()).partialSuccess.rejectedLogRecords).toBe('1');
  });
});

describe('status contract over gRPC', () => {
  test('malformed → INVALID_ARGUMENT; storage full → RESOURCE_EXHAUSTED with RetryInfo', async () => {
    const path = '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export';
    const headers = { 'content-type': 'application/grpc', te: 'trailers' };
    const frame = (msg: Uint8Array) => {
      const out = new Uint8Array(5 + msg.length);
      new DataView(out.buffer).setUint32(1, msg.length);
      out.set(msg, 5);
      return out;
    };
    const bad = await grpcRaw(h.grpc.port, path, headers, frame(new Uint8Array([0x0a, 0x09, 0x00])));
    expect(bad.status).toBe('3');
    expect(bad.message).toContain('malformed protobuf');

    h.target.failWith = new StorageFullError('disk nearly full');
    const full = await grpcRaw(h.grpc.port, path, headers, frame(fixtureBytes('metrics.otlp.pb')));
    h.target.failWith = null;
    expect(full.status).toBe('8');
    const details = full.trailers['grpc-status-details-bin'];
    const status = h.proto.status.decode(Buffer.from(String(details), 'base64'));
    const obj = h.proto.status.toObject(status, { longs: Number });
    expect(obj.code).toBe(8);
    expect(obj.details[0].type_url).toBe('type.googleapis.com/google.rpc.RetryInfo');
    const retry = h.proto.retryInfo.toObject(h.proto.retryInfo.decode(obj.details[0].value), { longs: Number });
    expect(retry.retry_delay.seconds).toBeGreaterThan(0);
  });
});

describe('API keys', () => {
  test('require_api_key: Bearer or x-api-key selects the tenant; unknown or missing → 401 / UNAUTHENTICATED', async () => {
    const keys = new Map([['key-a', 'acme'], ['key-b', 'globex']]);
    const tenants = new ApiKeyTenantResolver({ resolveTenant: async (k) => keys.get(k) ?? null });
    const s = await startReceiverHarness({ tenants, clock });
    try {
      const url = `${s.httpUrl}/v1/logs`;
      const body = fixtureBytes('logs.otlp.json');
      const send = (headers: Record<string, string>) => fetch(url, { method: 'POST', body: body as BodyInit, headers: { 'content-type': 'application/json', ...headers } });
      expect((await send({})).status).toBe(401);
      expect((await send({ authorization: 'Bearer nope' })).status).toBe(401);
      expect((await send({ authorization: 'Bearer key-a' })).status).toBe(200);
      expect((await send({ 'x-api-key': 'key-b' })).status).toBe(200);
      expect(s.target.appended.map((a) => a.entry.tenant)).toEqual(['acme', 'globex']);
      expect(new Set(batchToRows(s.target.appended[0].batch).map((r) => r.tenant_id))).toEqual(new Set(['acme']));
      const grpcRes = await grpcRaw(s.grpc.port, '/opentelemetry.proto.collector.logs.v1.LogsService/Export', { 'content-type': 'application/grpc', te: 'trailers' }, new Uint8Array(5));
      expect(grpcRes.status).toBe('16');
    } finally {
      await s.stop();
    }
  });
});

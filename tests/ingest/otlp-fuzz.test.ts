/**
 * Fuzz: thousands of random and mutated protobuf / OTLP/JSON bodies. Every one must
 * either decode into a well-formed batch (codes in range, no nulls in non-nullable
 * columns, valid JSON in json columns) or be refused with IngestRejectedError — never
 * another exception. Through the HTTP receiver, only 200/400/413 come back, the server
 * stays up, and refused requests leave storage untouched.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { isNull, type Batch, type TableName } from '../../src/columnar/index.ts';
import { createOtlpDecoders, DEFAULT_INGEST_LIMITS, IngestRejectedError, makeDecodeContext } from '../../src/ingest/index.ts';
import type { WalEncoding } from '../../src/storage/index.ts';
import { FIXTURE_RECEIVE_MS, httpFixtureBody, httpFixtures } from './otlp-fixture-helpers.ts';
import { startReceiverHarness, type ReceiverHarness } from './otlp-receiver-harness.ts';
import { ManualClock } from '../../src/common/index.ts';

/** Deterministic PRNG (mulberry32), so a failure can be replayed from its case number. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Seed {
  readonly table: TableName;
  readonly encoding: WalEncoding;
  readonly body: Uint8Array;
}

const seeds: Seed[] = httpFixtures().map((f) => ({ table: f.table, encoding: f.encoding, body: httpFixtureBody(f) }));

function mutateBytes(body: Uint8Array, rand: () => number): Uint8Array {
  let out = body.slice();
  const edits = 1 + Math.floor(rand() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * Math.max(1, out.length));
    const kind = Math.floor(rand() * 6);
    if (kind === 0 && out.length > 0) out[at] = Math.floor(rand() * 256);
    else if (kind === 1 && out.length > 0) out[at] ^= 1 << Math.floor(rand() * 8);
    else if (kind === 2) out = out.slice(0, at);
    else if (kind === 3) {
      const n = 1 + Math.floor(rand() * 8);
      const ins = Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
      out = new Uint8Array([...out.subarray(0, at), ...ins, ...out.subarray(at)]);
    } else if (kind === 4) out = new Uint8Array([...out.subarray(0, at), ...out.subarray(Math.min(out.length, at + 1 + Math.floor(rand() * 16)))]);
    else {
      const from = Math.floor(rand() * out.length);
      const len = Math.floor(rand() * 32);
      out = new Uint8Array([...out.subarray(0, at), ...out.subarray(from, from + len), ...out.subarray(at)]);
    }
  }
  return out;
}

function randomJsonValue(rand: () => number, depth: number): unknown {
  const k = Math.floor(rand() * 10);
  if (depth > 3 || k < 3) return [null, true, 0, -1, 1.5, 1e300, '18446744073709551616', '', 'NaN', 'x'][Math.floor(rand() * 10)];
  if (k < 6) return Array.from({ length: Math.floor(rand() * 3) }, () => randomJsonValue(rand, depth + 1));
  const keys = ['stringValue', 'intValue', 'doubleValue', 'values', 'key', 'value', 'timeUnixNano', 'traceId', 'attributes', 'body'];
  return Object.fromEntries(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => [keys[Math.floor(rand() * keys.length)], randomJsonValue(rand, depth + 1)]));
}

/** Replaces one random value somewhere in a parsed document. */
function mutateJson(body: Uint8Array, rand: () => number): Uint8Array {
  const doc = JSON.parse(new TextDecoder().decode(body)) as unknown;
  const paths: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => (paths.push({ parent: v, key: i }), walk(x)));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths.push({ parent: v as Record<string, unknown>, key: k }), walk(x);
  };
  walk(doc);
  for (let e = 0; e < 1 + Math.floor(rand() * 3); e++) {
    const p = paths[Math.floor(rand() * paths.length)];
    (p.parent as Record<string | number, unknown>)[p.key] = randomJsonValue(rand, 0);
  }
  return new TextEncoder().encode(JSON.stringify(doc));
}

/** The invariants every decoded batch must hold. */
function checkBatch(batch: Batch): void {
  batch.schema.fields.forEach((field, c) => {
    const v = batch.columns[c];
    expect(v.length).toBe(batch.length);
    for (let i = 0; i < batch.length; i++) {
      if (!field.nullable && isNull(v, i)) throw new Error(`null in non-nullable column ${field.name}`);
      if (v.type === 'string' || v.type === 'json') {
        const code = v.codes[i];
        if (code < -1 || code >= v.dict.length) throw new Error(`code ${code} out of range in ${field.name}`);
        if (v.type === 'json' && code >= 0) JSON.parse(v.dict[code]);
      } else if (v.type === 'timestamp') {
        if (!(v.nanos[i] >= 0 && v.nanos[i] < 1_000_000) || !Number.isFinite(v.ms[i])) throw new Error(`bad timestamp in ${field.name}`);
      }
    }
  });
}

function decodeCase(decoders: ReturnType<typeof createOtlpDecoders>, seed: Seed, body: Uint8Array): 'ok' | 'rejected' {
  try {
    const result = decoders[seed.table].decode(seed.encoding, body, 'default', makeDecodeContext(FIXTURE_RECEIVE_MS, DEFAULT_INGEST_LIMITS));
    checkBatch(result.batch);
    return 'ok';
  } catch (err) {
    if (!(err instanceof IngestRejectedError)) throw err;
    expect(err.message).not.toContain('decoder error');
    return 'rejected';
  }
}

test('5000 mutated and random bodies: a valid batch or IngestRejectedError, nothing else', () => {
  const decoders = createOtlpDecoders();
  const rand = rng(20261130);
  const tally = { ok: 0, rejected: 0 };
  for (let i = 0; i < 5000; i++) {
    const seed = seeds[i % seeds.length];
    let body: Uint8Array;
    if (i % 10 === 9) body = Uint8Array.from({ length: Math.floor(rand() * 300) }, () => Math.floor(rand() * 256));
    else if (seed.encoding === 'json' && i % 3 !== 0) body = mutateJson(seed.body, rand);
    else body = mutateBytes(seed.body, rand);
    try {
      tally[decodeCase(decoders, seed, body)]++;
    } catch (err) {
      throw new Error(`fuzz case ${i} (${seed.table}/${seed.encoding}): ${err instanceof Error ? err.stack : String(err)}`);
    }
  }
  // Both outcomes must actually occur, or the fuzzer is not exercising anything.
  expect(tally.ok).toBeGreaterThan(200);
  expect(tally.rejected).toBeGreaterThan(500);
  // The caches survived all that: the originals still decode.
  for (const seed of seeds) expect(decodeCase(decoders, seed, seed.body)).toBe('ok');
}, 120_000);

let h: ReceiverHarness;
beforeAll(async () => {
  h = await startReceiverHarness({ clock: new ManualClock(FIXTURE_RECEIVE_MS) });
});
afterAll(async () => {
  await h.stop();
});

test('300 mutated bodies through OTLP/HTTP: only 200/400/413, refused requests store nothing, server stays up', async () => {
  const rand = rng(7);
  const paths = { metrics: '/v1/metrics', logs: '/v1/logs', spans: '/v1/traces' } as const;
  for (let i = 0; i < 300; i++) {
    const seed = seeds[i % seeds.length];
    const body = seed.encoding === 'json' && i % 2 === 0 ? mutateJson(seed.body, rand) : mutateBytes(seed.body, rand);
    const gzip = i % 5 === 0;
    const before = h.target.appended.length;
    const res = await fetch(`${h.httpUrl}${paths[seed.table]}`, {
      method: 'POST',
      body: (gzip ? Bun.gzipSync(body as Uint8Array<ArrayBuffer>) : body) as BodyInit,
      headers: { 'content-type': seed.encoding === 'json' ? 'application/json' : 'application/x-protobuf', ...(gzip ? { 'content-encoding': 'gzip' } : {}) },
    });
    expect([200, 400, 413]).toContain(res.status);
    await res.arrayBuffer();
    if (res.status !== 200) expect(h.target.appended.length).toBe(before);
    else if (h.target.appended.length > before) checkBatch(h.target.appended[before].batch);
  }
  const alive = await fetch(`${h.httpUrl}/v1/logs`, { method: 'POST', body: seeds.find((s) => s.encoding === 'json')?.body as BodyInit, headers: { 'content-type': 'application/json' } });
  expect(alive.status).toBe(200);
}, 120_000);

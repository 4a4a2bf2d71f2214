/**
 * Decoded batches view column memory that the decoder reuses once the pipeline releases
 * it (after the append settled). A target that reads a batch at any time before its
 * append settles — also while later requests are being decoded — must see exactly its
 * own rows; and released memory really is reused.
 */
import { expect, test } from 'bun:test';
import { batchToRows, type Batch } from '../../src/columnar/index.ts';
import { ManualClock, silentLogger } from '../../src/common/index.ts';
import { DEFAULT_INGEST_LIMITS, IngestPipeline, makeDecodeContext, OtlpDecoder } from '../../src/ingest/index.ts';
import type { AppendTarget, WalEntry } from '../../src/storage/index.ts';
import { encodeBoth, kv, metricsRequest, ns, RECEIVE_MS, str } from './otlp-request-builders.ts';
import { loadCamelCaseProto } from './otlp-reference-rows.ts';

const root = loadCamelCaseProto();

function requestWith(value: number, points: number): Uint8Array {
  const dataPoints = Array.from({ length: points }, (_, i) => ({ timeUnixNano: ns(-i), asDouble: value + i, attributes: [kv('k', str(`v${value}-${i % 3}`))] }));
  return encodeBoth(root, 'metrics', metricsRequest([{ name: `m${value}`, gauge: { dataPoints } }])).protobuf;
}

/** Reads each batch only after a delay (like a WAL group commit), then records its rows. */
class SlowReadingTarget implements AppendTarget {
  /** Rows read per request body (the same body objects are sent in every round). */
  readonly seen = new Map<Uint8Array, ReturnType<typeof batchToRows>[]>();
  async append(entry: WalEntry, batch: Batch): Promise<void> {
    await new Promise((r) => setTimeout(r, 5 + Math.random() * 10));
    const list = this.seen.get(entry.body) ?? [];
    list.push(batchToRows(batch));
    this.seen.set(entry.body, list);
  }
}

test('a batch stays intact until its append settles, with many requests in flight', async () => {
  const clock = new ManualClock(RECEIVE_MS);
  const target = new SlowReadingTarget();
  const pipeline = new IngestPipeline({ target, limits: DEFAULT_INGEST_LIMITS, logger: silentLogger(), clock });
  const reference = new OtlpDecoder('metrics');
  const expected = new Map<number, ReturnType<typeof batchToRows>>();
  const bodies = Array.from({ length: 40 }, (_, k) => requestWith(k * 100, 50 + (k % 7) * 30));
  bodies.forEach((b, k) => expected.set(k, batchToRows(reference.decode('protobuf', b, 't', makeDecodeContext(RECEIVE_MS, DEFAULT_INGEST_LIMITS)).batch)));
  for (let round = 0; round < 3; round++) {
    await Promise.all(bodies.map((body) => pipeline.ingest({ table: 'metrics', tenant: 't', encoding: 'protobuf', body })));
  }
  bodies.forEach((b, k) => {
    const want = expected.get(k) ?? [];
    expect(target.seen.get(b)).toEqual([want, want, want]);
  });
});

test('released column memory is reused by the next request; unreleased memory is not', () => {
  const decoder = new OtlpDecoder('metrics');
  const ctx = makeDecodeContext(RECEIVE_MS, DEFAULT_INGEST_LIMITS);
  const bufferOf = (b: Batch): ArrayBufferLike => {
    const ts = b.columns[1];
    if (ts.type !== 'timestamp') throw new Error('timestamp column expected');
    return ts.ms.buffer;
  };
  const a = decoder.decode('protobuf', requestWith(1, 10), 't', ctx);
  const b = decoder.decode('protobuf', requestWith(2, 10), 't', ctx);
  expect(bufferOf(b.batch)).not.toBe(bufferOf(a.batch)); // a was not released: b got other memory
  const rowsOfA = batchToRows(a.batch);
  a.release();
  a.release(); // idempotent
  const c = decoder.decode('protobuf', requestWith(3, 10), 't', ctx);
  expect(bufferOf(c.batch)).toBe(bufferOf(a.batch));
  expect(batchToRows(b.batch)[0].value).toBe(2); // b untouched by c
  expect(rowsOfA[0].value).toBe(1);
  // Sequential flow (decode, append, release, decode): the same memory every time.
  c.release();
  const d = decoder.decode('protobuf', requestWith(4, 10), 't', ctx);
  expect(bufferOf(d.batch)).toBe(bufferOf(c.batch));
});

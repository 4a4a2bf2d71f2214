/**
 * The pipeline: what reaches the AppendTarget (entry + batch), that WAL replay decoding
 * reproduces exactly the acknowledged rows, self-metrics, and shutdown.
 */
import { expect, test } from 'bun:test';
import { batchToRows } from '../../src/columnar/index.ts';
import { ManualClock, silentLogger } from '../../src/common/index.ts';
import {
  createWalDecoder,
  decodeWalEntry,
  DEFAULT_INGEST_LIMITS,
  IngestPipeline,
  IngestStoppedError,
  MemoryAppendTarget,
} from '../../src/ingest/index.ts';
import { encodeBoth, kv, metricsRequest, ns, RECEIVE_MS, str } from './otlp-request-builders.ts';
import { loadCamelCaseProto } from './otlp-reference-rows.ts';

const root = loadCamelCaseProto();

function setup() {
  const clock = new ManualClock(RECEIVE_MS);
  const target = new MemoryAppendTarget();
  const pipeline = new IngestPipeline({ target, limits: DEFAULT_INGEST_LIMITS, logger: silentLogger(), clock });
  return { clock, target, pipeline };
}

const request = metricsRequest([
  {
    name: 'm',
    gauge: {
      dataPoints: [
        { timeUnixNano: ns(0), asDouble: 1, attributes: [kv('a', str('x'))] },
        { timeUnixNano: ns(-2 * 86_400_000), asDouble: 2 },
        { timeUnixNano: ns(-1000), asDouble: 3 },
      ],
    },
  },
]);

test('appends the decompressed body with its receive time; replay reproduces the same rows later', async () => {
  const { clock, target, pipeline } = setup();
  const bodies = encodeBoth(root, 'metrics', request);
  for (const encoding of ['protobuf', 'json'] as const) {
    const result = await pipeline.ingest({ table: 'metrics', tenant: 't1', encoding, body: bodies[encoding] });
    expect(result).toEqual({ accepted: 2, rejected: 1, firstRejection: expect.stringContaining('outside the accepted window') });
  }
  expect(target.appended).toHaveLength(2);
  const { entry, batch } = target.appended[0];
  expect(entry).toEqual({ table: 'metrics', tenant: 't1', receiveTimeMs: RECEIVE_MS, encoding: 'protobuf', body: bodies.protobuf });
  expect(batchToRows(batch).every((r) => r.tenant_id === 't1')).toBe(true);

  // Days later (all points now "late"), replay still yields exactly what was acknowledged.
  clock.advance(5 * 86_400_000);
  const replay = createWalDecoder(DEFAULT_INGEST_LIMITS);
  for (const a of target.appended) {
    expect(batchToRows(replay(a.entry))).toEqual(batchToRows(a.batch));
    expect(batchToRows(decodeWalEntry(a.entry, DEFAULT_INGEST_LIMITS))).toEqual(batchToRows(a.batch));
  }
});

test('a request whose every row is rejected is answered without an append; metrics count both', async () => {
  const { target, pipeline } = setup();
  const allOld = metricsRequest([{ name: 'm', gauge: { dataPoints: [{ timeUnixNano: '1', asDouble: 1 }] } }]);
  const result = await pipeline.ingest({ table: 'metrics', tenant: 'default', encoding: 'protobuf', body: encodeBoth(root, 'metrics', allOld).protobuf });
  expect(result.accepted).toBe(0);
  expect(result.rejected).toBe(1);
  expect(target.appends).toBe(0);
  await pipeline.ingest({ table: 'metrics', tenant: 'default', encoding: 'protobuf', body: encodeBoth(root, 'metrics', request).protobuf });
  const snap = pipeline.metrics.snapshot();
  expect(snap.accepted.metrics).toBe(2);
  expect(snap.rejected.metrics).toEqual({ timestamp_out_of_window: 2 });
  const text = pipeline.metrics.formatPrometheus();
  expect(text).toContain('pharlux_ingest_rows_accepted_total{table="metrics"} 2');
  expect(text).toContain('pharlux_ingest_rows_rejected_total{table="metrics",reason="timestamp_out_of_window"} 2');
  expect(text).toContain('pharlux_ingest_queue_requests 0');
  pipeline.metrics.recordRequest('http', 'metrics', '200', 0.003);
  pipeline.metrics.recordRequest('http', 'metrics', '200', 20);
  const latency = pipeline.metrics.snapshot().latency.http;
  expect(latency.count).toBe(2);
  expect(latency.counts[latency.boundsSeconds.indexOf(0.005)]).toBe(1);
  expect(latency.counts[latency.counts.length - 1]).toBe(1);
  expect(latency.sumSeconds).toBeCloseTo(20.003);
  expect(pipeline.metrics.formatPrometheus()).toContain('pharlux_ingest_request_duration_seconds_bucket{protocol="http",le="+Inf"} 2');
});

test('stop() waits for admitted appends and refuses new requests', async () => {
  const { target, pipeline } = setup();
  target.pause();
  const body = encodeBoth(root, 'metrics', request).protobuf;
  const inFlight = pipeline.ingest({ table: 'metrics', tenant: 'default', encoding: 'protobuf', body });
  await Bun.sleep(5);
  let stopped = false;
  const stopping = pipeline.stop().then(() => {
    stopped = true;
  });
  await Bun.sleep(5);
  expect(stopped).toBe(false);
  target.resume();
  await inFlight;
  await stopping;
  expect(stopped).toBe(true);
  await expect(pipeline.ingest({ table: 'metrics', tenant: 'default', encoding: 'protobuf', body })).rejects.toBeInstanceOf(IngestStoppedError);
});

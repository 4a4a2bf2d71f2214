/**
 * Back-pressure: when storage stops making progress, the bounded queue fills, further
 * requests wait `send_timeout_ms` and are answered 429 / RESOURCE_EXHAUSTED (retryable),
 * the admitted work stays within queue_batches / queue_bytes, and everything recovers by
 * itself once storage moves again. (No wall-clock assertions: ordering only.)
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import * as grpc from '@grpc/grpc-js';
import { ManualClock } from '../../src/common/index.ts';
import { FIXTURE_RECEIVE_MS, fixtureBytes } from './otlp-fixture-helpers.ts';
import { startReceiverHarness, type ReceiverHarness } from './otlp-receiver-harness.ts';

const QUEUE_BATCHES = 4;
const QUEUE_BYTES = 64 * 1024 * 1024;
let h: ReceiverHarness;

beforeAll(async () => {
  h = await startReceiverHarness({
    clock: new ManualClock(FIXTURE_RECEIVE_MS),
    limits: { queueBatches: QUEUE_BATCHES, queueBytes: QUEUE_BYTES, sendTimeoutMs: 50 },
  });
});
afterAll(async () => {
  await h.stop();
});

const body = fixtureBytes('metrics.otlp.pb');
const send = () => fetch(`${h.httpUrl}/v1/metrics`, { method: 'POST', body, headers: { 'content-type': 'application/x-protobuf' } });

function grpcExport(client: grpc.Client): Promise<grpc.ServiceError | null> {
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export',
      (b: Buffer) => b,
      (b: Buffer) => b,
      Buffer.from(body),
      (err) => resolve(err),
    );
  });
}

test('stalled storage → 429 / RESOURCE_EXHAUSTED with retry hints, bounded queue, automatic recovery', async () => {
  h.target.pause();
  let stalledSettled = 0;
  const stalled = Array.from({ length: QUEUE_BATCHES }, () =>
    send().then((r) => {
      stalledSettled++;
      return r.status;
    }),
  );
  // Wait until all of them are admitted (they are held by the paused storage).
  while (h.pipeline.metrics.snapshot().queue.batches < QUEUE_BATCHES) await Bun.sleep(2);

  const refused = await Promise.all(Array.from({ length: 20 }, () => send()));
  for (const res of refused) {
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const status = h.proto.status.toObject(h.proto.status.decode(new Uint8Array(await res.arrayBuffer())));
    expect(status.code).toBe(8);
    expect(status.details[0].type_url).toBe('type.googleapis.com/google.rpc.RetryInfo');
  }

  const client = new grpc.Client(`127.0.0.1:${h.grpc.port}`, grpc.credentials.createInsecure());
  try {
    const err = await grpcExport(client);
    expect(err?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(err?.metadata.get('grpc-status-details-bin')).toHaveLength(1);

    // The 429s came back while the admitted requests were still held: nothing was acknowledged early.
    expect(stalledSettled).toBe(0);
    const queue = h.pipeline.metrics.snapshot().queue;
    expect(queue.batches).toBe(QUEUE_BATCHES);
    expect(queue.bytes).toBeLessThanOrEqual(QUEUE_BYTES);
    expect(queue.waiting).toBe(0);
    expect(h.target.appends).toBe(0);

    h.target.resume();
    expect(await Promise.all(stalled)).toEqual(Array(QUEUE_BATCHES).fill(200));
    expect(h.target.appends).toBe(QUEUE_BATCHES);
    expect((await send()).status).toBe(200);
    expect(await grpcExport(client)).toBeNull();
    expect(h.pipeline.metrics.snapshot().queue).toEqual({ batches: 0, bytes: 0, waiting: 0 });
  } finally {
    client.close();
  }
  const metrics = h.pipeline.metrics.formatPrometheus();
  expect(metrics).toContain('pharlux_ingest_requests_total{protocol="http",table="metrics",code="429"} 20');
  expect(metrics).toContain('pharlux_ingest_requests_total{protocol="grpc",table="metrics",code="RESOURCE_EXHAUSTED"} 1');
});

test('a request that waits and then finds room succeeds (waiting is not failing)', async () => {
  const patient = await startReceiverHarness({
    clock: new ManualClock(FIXTURE_RECEIVE_MS),
    limits: { queueBatches: QUEUE_BATCHES, queueBytes: QUEUE_BYTES, sendTimeoutMs: 30_000 },
  });
  try {
    const post = () => fetch(`${patient.httpUrl}/v1/metrics`, { method: 'POST', body, headers: { 'content-type': 'application/x-protobuf' } });
    patient.target.pause();
    const first = Array.from({ length: QUEUE_BATCHES }, () => post());
    while (patient.pipeline.metrics.snapshot().queue.batches < QUEUE_BATCHES) await Bun.sleep(2);
    const waiter = post();
    while (patient.pipeline.metrics.snapshot().queue.waiting < 1) await Bun.sleep(1);
    patient.target.resume();
    expect((await waiter).status).toBe(200);
    expect((await Promise.all(first)).map((r) => r.status)).toEqual(Array(QUEUE_BATCHES).fill(200));
  } finally {
    await patient.stop();
  }
});

/**
 * `pharlux bench ingest` against the real receivers: it reports what it sent, the rows
 * reach the pipeline without rejections, an unreachable rate or server exits 1, and bad
 * flags are usage errors.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { benchIngestCommand } from '../../src/cli/bench-ingest.ts';
import { encodeProtobuf, generateRequest, SIGNAL_TABLES, type Signal } from '../../src/cli/bench-ingest/index.ts';
import type { CliIo } from '../../src/cli/command.ts';
import { UsageError } from '../../src/common/index.ts';
import { createOtlpDecoders, DEFAULT_INGEST_LIMITS, loadOtlpProto, makeDecodeContext } from '../../src/ingest/index.ts';
import { startReceiverHarness, type ReceiverHarness } from './otlp-receiver-harness.ts';

let h: ReceiverHarness;
beforeAll(async () => {
  h = await startReceiverHarness();
  h.target.keep = false;
});
afterAll(async () => {
  await h.stop();
});

function captureIo(): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: async () => '', env: {}, stdoutBytes: () => {} },
    out: () => out,
    err: () => err,
  };
}

test('generated requests are realistic and fully valid', () => {
  const proto = loadOtlpProto({ camelCase: true });
  const decoders = createOtlpDecoders();
  const now = Date.now();
  for (const signal of ['metrics', 'logs', 'traces'] as Signal[]) {
    const request = generateRequest(signal, 3, 1000, now);
    const result = decoders[SIGNAL_TABLES[signal]].decode('protobuf', encodeProtobuf(proto, signal, request), 'default', makeDecodeContext(now, DEFAULT_INGEST_LIMITS));
    expect(result.rejected).toBe(0);
    expect(result.batch.length).toBe(1000);
  }
  const metrics = generateRequest('metrics', 0, 1000, now);
  const names = (metrics.object.resourceMetrics as { scopeMetrics: { metrics: { name: string }[] }[] }[])[0].scopeMetrics[0].metrics.map((m) => m.name);
  expect(new Set(names).size).toBe(8);
});

test('HTTP and gRPC runs report rows, requests and latency; every row reaches the pipeline', async () => {
  for (const protocol of ['http', 'grpc'] as const) {
    const before = h.target.rows;
    const c = captureIo();
    const target = protocol === 'http' ? h.httpUrl : `127.0.0.1:${h.grpc.port}`;
    const code = await benchIngestCommand.run(['--target', target, '--protocol', protocol, '--duration', '1', '--batch', '200', '--workers', '2', '--json'], c.io);
    expect(code).toBe(0);
    const report = JSON.parse(c.out());
    expect(report.errors).toBe(0);
    expect(report.requests).toBeGreaterThan(0);
    expect(report.rowsAcknowledged).toBe(report.requests * 200);
    expect(report.latency.p99Ms).toBeGreaterThanOrEqual(report.latency.p50Ms);
    expect(h.target.rows - before).toBe(report.rowsAcknowledged);
  }
  const text = captureIo();
  expect(await benchIngestCommand.run(['--target', h.httpUrl, '--signal', 'traces', '--duration', '1', '--batch', '50', '--workers', '1', '--gzip'], text.io)).toBe(0);
  expect(text.out()).toContain('rows acknowledged');
  expect(text.out()).toContain('latency');
}, 60_000);

test('exit 1 when the target rate is missed or nothing is listening', async () => {
  const slow = captureIo();
  expect(await benchIngestCommand.run(['--target', h.httpUrl, '--duration', '1', '--batch', '10', '--workers', '1', '--rate', '1000000000'], slow.io)).toBe(1);
  expect(slow.out()).toContain('MISSED');
  const closed = captureIo();
  expect(await benchIngestCommand.run(['--target', 'http://127.0.0.1:1', '--duration', '1', '--workers', '1'], closed.io)).toBe(1);
  expect(closed.err()).toContain('every request failed');
}, 60_000);

test('bad flags are usage errors', async () => {
  const c = captureIo();
  await expect(benchIngestCommand.run(['--protocol', 'udp'], c.io)).rejects.toBeInstanceOf(UsageError);
  await expect(benchIngestCommand.run(['--signal', 'profiles'], c.io)).rejects.toBeInstanceOf(UsageError);
  await expect(benchIngestCommand.run(['--workers', '0'], c.io)).rejects.toBeInstanceOf(UsageError);
});

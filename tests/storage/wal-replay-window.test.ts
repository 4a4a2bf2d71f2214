// Review finding 9: WAL replay must bring back exactly the acknowledged rows, whatever
// ingest.late_arrival_seconds / future_seconds are at the restart: narrowing the window
// must not drop acknowledged rows, and rows the window rejected at ack time stay out.
import { afterEach, expect, test } from 'bun:test';
import { ManualClock, silentLogger } from '../../src/common/index.ts';
import { createWalDecoder, DEFAULT_INGEST_LIMITS, IngestPipeline } from '../../src/ingest/index.ts';
import { openTestStorage, readAll, tempDataDir } from './storage-harness.ts';

const RECEIVE_MS = Date.UTC(2026, 10, 30, 12, 0, 0);
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function logsBody(offsetsMs: readonly number[]): Uint8Array {
  const logRecords = offsetsMs.map((off, i) => ({
    timeUnixNano: String(BigInt(RECEIVE_MS + off) * 1_000_000n),
    severityNumber: 9,
    body: { stringValue: `row ${i}` },
  }));
  return new TextEncoder().encode(JSON.stringify({ resourceLogs: [{ resource: {}, scopeLogs: [{ scope: {}, logRecords }] }] }));
}

test('acknowledged rows survive a restart with a narrower timestamp window; rejected rows stay out', async () => {
  const { dir, remove } = tempDataDir();
  cleanups.push(remove);
  const wide = { ...DEFAULT_INGEST_LIMITS, lateArrivalSeconds: 86_400, futureSeconds: 3600 };
  const storage = await openTestStorage(dir, { walDecoder: createWalDecoder(wide) });
  const pipeline = new IngestPipeline({ target: storage, limits: wide, logger: silentLogger(), clock: new ManualClock(RECEIVE_MS) });
  // now, 2 h late, 30 min ahead: accepted; 2 days late and 2 h ahead: rejected.
  const result = await pipeline.ingest({ table: 'logs', tenant: 'default', encoding: 'json', body: logsBody([0, -7_200_000, 1_800_000, -172_800_000, 7_200_000]) });
  expect(result.accepted).toBe(3);
  expect(result.rejected).toBe(2);
  await pipeline.stop();
  await storage.stop({ flush: false }); // like a crash: the rows are only in the WAL

  const narrow = { lateArrivalSeconds: 60, futureSeconds: 60 };
  const reopened = await openTestStorage(dir, { walDecoder: createWalDecoder(narrow) });
  try {
    const snap = reopened.table('logs').snapshot();
    const rows = await readAll(snap, 'logs', 'default');
    snap.release();
    expect(rows.map((r) => String(r.body)).sort()).toEqual(['row 0', 'row 1', 'row 2']);
  } finally {
    await reopened.stop();
  }
});

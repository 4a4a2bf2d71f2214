/**
 * Exactly-once visibility: appenders and scanners run concurrently with repeated flushes
 * (automatic, by head size, and explicit) and compactions. Every snapshot must hold
 * every row acknowledged before it was taken exactly once, and nothing that was never
 * appended (counts and checksums).
 */
import { afterEach, expect, test } from 'bun:test';
import type { TableName } from '../../src/columnar/index.ts';
import { sampleBatch, sampleEntry, sampleRows } from './sample-rows.ts';
import { openTestStorage, tempDataDir } from './storage-harness.ts';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const TABLE: TableName = 'metrics';
const TENANT = 'default';
const BATCH_ROWS = 20;
const APPEND_PAUSE_MS = 2;
const HOUR_NS = 3_600_000_000_000n;
const START_NS = 1_764_504_000_000_000_000n;

test('concurrent appends, scans, flushes and compactions: every acknowledged row exactly once', async () => {
  const { dir, remove } = tempDataDir();
  cleanups.push(remove);
  // Small head and compaction limits: many flushes and merges over a modest number of rows.
  const storage = await openTestStorage(dir, { headMaxBytes: 150_000, walSync: 'group', compactionMaxRows: 6000 });
  cleanups.push(() => storage.stop());

  const acknowledged = new Set<number>();
  const attempted = new Set<number>();
  let stop = false;
  let nextBatch = 0;
  const failures: string[] = [];

  const appender = async (): Promise<void> => {
    while (!stop) {
      const b = nextBatch++;
      // Rows spread over four hours so flushes write several partitions and compaction has work.
      const rows = sampleRows(TABLE, TENANT, BATCH_ROWS, { firstSeq: b * BATCH_ROWS, seed: b + 1, startNs: START_NS + BigInt(b % 4) * HOUR_NS });
      for (const r of rows) attempted.add(Number(r.flags));
      await storage.append(sampleEntry(TABLE, TENANT, rows), sampleBatch(TABLE, rows));
      for (const r of rows) acknowledged.add(Number(r.flags));
      await Bun.sleep(APPEND_PAUSE_MS); // bounded data: appends keep coming for the whole test, slowly
    }
  };

  let scans = 0;
  const scanner = async (): Promise<void> => {
    while (!stop) {
      const before = new Set(acknowledged);
      const snapshot = storage.table(TABLE).snapshot();
      const seen = new Map<number, number>();
      let checksum = 0;
      for await (const batch of snapshot.scan({ tenant: TENANT, columns: ['flags'], predicates: [] })) {
        const flags = batch.columns[0];
        if (flags.type !== 'int64') throw new Error('flags is not int64');
        for (let i = 0; i < batch.length; i++) {
          const seq = flags.values[i];
          seen.set(seq, (seen.get(seq) ?? 0) + 1);
          checksum += seq;
        }
      }
      const statsRows = snapshot.statistics(TENANT).rowCount;
      snapshot.release();
      let expectedSum = 0;
      for (const [seq, n] of seen) {
        if (n !== 1) failures.push(`row ${seq} seen ${n} times`);
        if (!attempted.has(seq)) failures.push(`row ${seq} was never appended`);
        expectedSum += seq;
      }
      for (const seq of before) if (!seen.has(seq)) failures.push(`acknowledged row ${seq} missing`);
      if (checksum !== expectedSum) failures.push('checksum mismatch');
      if (statsRows < seen.size) failures.push(`statistics say ${statsRows} rows, scan saw ${seen.size}`);
      if (failures.length > 0) stop = true;
      scans++;
      await Bun.sleep(40);
    }
  };

  let flushes = 0;
  let compactions = 0;
  const maintainer = async (): Promise<void> => {
    for (let round = 0; round < 8 && failures.length === 0; round++) {
      await Bun.sleep(10);
      await storage.flush();
      flushes++;
      await Bun.sleep(10);
      compactions += (await storage.compact()).groupsMerged;
    }
    stop = true;
  };

  const t0 = performance.now();
  await Promise.all([appender(), appender(), appender(), scanner(), scanner(), maintainer()]);
  expect(failures.slice(0, 5)).toEqual([]);
  expect(scans).toBeGreaterThan(10);
  expect(flushes).toBe(8);
  expect(compactions).toBeGreaterThan(0);
  // Flushes triggered by head size ran too, besides the explicit ones.
  expect(storage.stats().counters.flushes).toBeGreaterThan(8);

  // Finally: everything acknowledged is there exactly once, after one more flush and compaction.
  await storage.flush();
  await storage.compact();
  const snapshot = storage.table(TABLE).snapshot();
  const all: number[] = [];
  for await (const batch of snapshot.scan({ tenant: TENANT, columns: ['flags'], predicates: [] })) {
    const flags = batch.columns[0];
    if (flags.type === 'int64') all.push(...flags.values);
  }
  snapshot.release();
  expect(all.length).toBe(acknowledged.size);
  expect(new Set(all).size).toBe(all.length);
  const present = new Set(all);
  expect([...acknowledged].filter((seq) => !present.has(seq))).toEqual([]);
}, 60_000);

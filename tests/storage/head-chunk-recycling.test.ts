/**
 * Head chunk memory is recycled after a flush only for generations no snapshot saw. A
 * query's result batches may view head memory after its snapshot was released, so rows
 * read from a snapshot must stay intact through later flushes and appends.
 */
import { afterEach, expect, test } from 'bun:test';
import { batchToRows, TABLE_SCHEMAS, type Batch } from '../../src/columnar/index.ts';
import { sampleBatch, sampleEntry, sampleRows } from './sample-rows.ts';
import { openTestStorage, readAll, seqs, tempDataDir } from './storage-harness.ts';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

test('batches scanned from a released snapshot stay intact through flushes and new appends; every row stays readable', async () => {
  const { dir, remove } = tempDataDir();
  cleanups.push(remove);
  const storage = await openTestStorage(dir, { headMaxBytes: 4 * 1024 * 1024 });
  cleanups.push(() => storage.stop());
  let next = 0;
  const acknowledged: number[] = [];
  const append = async (n: number): Promise<void> => {
    const rows = sampleRows('logs', 'default', n, { firstSeq: next, seed: next + 11 });
    next += n;
    await storage.append(sampleEntry('logs', 'default', rows), sampleBatch('logs', rows));
    for (const r of rows) acknowledged.push(Number(r.flags));
  };
  const kept: { batches: Batch[]; rows: ReturnType<typeof batchToRows> }[] = [];
  for (let round = 0; round < 6; round++) {
    // Some generations are viewed by a snapshot, some are not (those get recycled).
    for (let i = 0; i < 5; i++) await append(2000);
    if (round % 2 === 0) {
      const snapshot = storage.table('logs').snapshot();
      const batches: Batch[] = [];
      for await (const b of snapshot.scan({ tenant: 'default', columns: TABLE_SCHEMAS.logs.fields.map((f) => f.name), predicates: [] })) batches.push(b);
      snapshot.release();
      kept.push({ batches, rows: batches.flatMap(batchToRows) });
    }
    await storage.flush();
  }
  await append(3000);
  for (const k of kept) expect(k.batches.flatMap(batchToRows)).toEqual(k.rows);
  expect(seqs(await readAll(storage.table('logs').snapshot(), 'logs', 'default'))).toEqual([...acknowledged].sort((a, b) => a - b));
}, 60_000);

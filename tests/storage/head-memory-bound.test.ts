/**
 * head_max_bytes bounds the head as a whole: a flush starts when the active generation
 * reaches half of it, and when flushing cannot keep up (publishes held back by a backup
 * lock) appends wait and then fail retryably instead of growing the head without bound —
 * with nothing acknowledged lost.
 */
import { afterEach, expect, test } from 'bun:test';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StorageFullError, type Storage } from '../../src/storage/index.ts';
import { sampleBatch, sampleEntry, sampleRows } from './sample-rows.ts';
import { openTestStorage, readAll, seqs, tempDataDir } from './storage-harness.ts';
import { dropBackupLock, takeBackupLock } from '../../src/storage/parts/index.ts';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const HEAD_MAX_BYTES = 2 * 1024 * 1024;

function appender(storage: () => Storage) {
  const acknowledged: number[] = [];
  let next = 0;
  return {
    acknowledged,
    async append(n = 500): Promise<void> {
      const rows = sampleRows('logs', 'default', n, { firstSeq: next, seed: next + 7 });
      next += n;
      await storage().append(sampleEntry('logs', 'default', rows), sampleBatch('logs', rows));
      for (const r of rows) acknowledged.push(Number(r.flags));
    },
  };
}

test('a flush starts once the active generation holds half of head_max_bytes', async () => {
  const { dir, remove } = tempDataDir();
  cleanups.push(remove);
  const storage = await openTestStorage(dir, { headMaxBytes: HEAD_MAX_BYTES });
  cleanups.push(() => storage.stop());
  const w = appender(() => storage);
  const batchBytes = 200 * 1024; // 500 sample log rows take well under this in the head
  while (storage.stats().counters.flushes === 0 && storage.stats().head.flushingBytes === 0) await w.append();
  // The generation being flushed was frozen at half the cap (plus the batch that crossed it).
  const frozen = storage.stats().head.flushingBytes;
  expect(frozen).toBeGreaterThanOrEqual(HEAD_MAX_BYTES / 2);
  expect(frozen).toBeLessThan(HEAD_MAX_BYTES / 2 + batchBytes);
  await storage.flush();
  expect(storage.stats().counters.flushes).toBeGreaterThan(0);
  expect(seqs(await readAll(storage.table('logs').snapshot(), 'logs', 'default'))).toEqual([...w.acknowledged].sort((a, b) => a - b));
});

test('when flushing falls behind, appends wait and then fail retryably at head_max_bytes; nothing acknowledged is lost', async () => {
  const { dir, remove } = tempDataDir();
  cleanups.push(remove);
  const options = { headMaxBytes: HEAD_MAX_BYTES, walBackpressureWaitMs: 200 };
  let storage = await openTestStorage(dir, options);
  cleanups.push(() => storage.stop());
  const w = appender(() => storage);
  // A backup lock (held by us, as `pharlux backup` holds it) stops every publish: the frozen generation stays.
  const backup = takeBackupLock(dir, Date.now());
  let rejected = 0;
  for (let i = 0; i < 400 && rejected < 2; i++) {
    try {
      await w.append();
    } catch (err) {
      expect(err).toBeInstanceOf(StorageFullError);
      expect((err as StorageFullError).retryable).toBe(true);
      rejected++;
    }
  }
  expect(rejected).toBe(2);
  expect(storage.stats().counters.appendsRejectedHeadFull).toBe(2);
  // The active generation stopped growing at the cap (plus at most the batch that crossed it).
  expect(storage.stats().head.bytes).toBeLessThan(HEAD_MAX_BYTES * 1.25);
  dropBackupLock(backup);
  await storage.flush();
  await w.append();
  await storage.stop({ flush: false });
  storage = await openTestStorage(dir, options);
  expect(seqs(await readAll(storage.table('logs').snapshot(), 'logs', 'default'))).toEqual([...w.acknowledged].sort((a, b) => a - b));
}, 30_000);

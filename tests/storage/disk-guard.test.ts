/**
 * Refusing writes safely: the free-disk guard (simulated full disk) and the WAL size cap
 * (flush held back by a backup lock) make appends fail retryably, and nothing that was
 * acknowledged is lost — also across a restart.
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

function appender(storage: () => Storage) {
  const acknowledged: number[] = [];
  let next = 0;
  return {
    acknowledged,
    async append(n = 20): Promise<void> {
      const rows = sampleRows('logs', 'default', n, { firstSeq: next, seed: next + 3 });
      next += n;
      await storage().append(sampleEntry('logs', 'default', rows), sampleBatch('logs', rows));
      for (const r of rows) acknowledged.push(Number(r.flags));
    },
  };
}

test('below min_free_disk_bytes appends fail retryably and acknowledged rows survive a restart', async () => {
  const { dir, remove } = tempDataDir();
  cleanups.push(remove);
  let freeBytes = 10_000_000_000;
  const options = { minFreeDiskBytes: 1_000_000_000, diskFreeBytes: () => freeBytes, diskCheckIntervalMs: 0 };
  let storage = await openTestStorage(dir, options);
  cleanups.push(() => storage.stop());
  const w = appender(() => storage);
  await w.append();
  await w.append();
  freeBytes = 500_000;
  for (let i = 0; i < 3; i++) {
    const err = await w.append().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StorageFullError);
    expect((err as StorageFullError).retryable).toBe(true);
  }
  expect(storage.stats().counters.appendsRejectedDiskFull).toBe(3);
  freeBytes = 10_000_000_000;
  await w.append();
  const before = seqs(await readAll(storage.table('logs').snapshot(), 'logs', 'default'));
  expect(before).toEqual([...w.acknowledged].sort((a, b) => a - b));
  // Stop without flushing: the next open must rebuild everything from the WAL.
  await storage.stop({ flush: false });
  storage = await openTestStorage(dir, options);
  const after = seqs(await readAll(storage.table('logs').snapshot(), 'logs', 'default'));
  expect(after).toEqual([...w.acknowledged].sort((a, b) => a - b));
});

test('above wal_max_bytes appends wait for a flush, then fail retryably if none comes', async () => {
  const { dir, remove } = tempDataDir();
  cleanups.push(remove);
  const options = { walMaxBytes: 20_000, walSegmentBytes: 4096, walBackpressureWaitMs: 300 };
  let storage = await openTestStorage(dir, options);
  cleanups.push(() => storage.stop());
  const w = appender(() => storage);
  // With flushes possible, the cap only makes appends wait: all succeed.
  for (let i = 0; i < 40; i++) await w.append();
  expect(storage.stats().wal.bytes).toBeLessThan(40 * 2000);

  // A backup lock (held by us, as `pharlux backup` holds it) stops every publish, so the WAL cannot shrink.
  const backup = takeBackupLock(dir, Date.now());
  let rejected = 0;
  for (let i = 0; i < 30 && rejected < 2; i++) {
    try {
      await w.append();
    } catch (err) {
      expect(err).toBeInstanceOf(StorageFullError);
      rejected++;
    }
  }
  expect(rejected).toBeGreaterThan(0);
  expect(storage.stats().counters.appendsRejectedWalFull).toBe(rejected);
  dropBackupLock(backup);
  await storage.flush();
  await w.append();
  await storage.stop({ flush: false });
  storage = await openTestStorage(dir, options);
  const after = seqs(await readAll(storage.table('logs').snapshot(), 'logs', 'default'));
  expect(after).toEqual([...w.acknowledged].sort((a, b) => a - b));
}, 30_000);

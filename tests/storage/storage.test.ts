import { afterEach, describe, expect, test } from 'bun:test';
import { appendFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TableName } from '../../src/columnar/index.ts';
import { ManualClock } from '../../src/common/index.ts';
import { dataDirOwner, StorageUnavailableError, type Storage } from '../../src/storage/index.ts';
import { sampleBatch, sampleEntry, sampleRows } from './sample-rows.ts';
import { openTestStorage, readAll, seqs, tempDataDir } from './storage-harness.ts';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function setup(overrides = {}): Promise<{ storage: Storage; dir: string }> {
  const { dir, remove } = tempDataDir();
  cleanups.push(remove);
  const storage = await openTestStorage(dir, overrides);
  cleanups.push(() => storage.stop());
  return { storage, dir };
}

async function appendRows(storage: Storage, table: TableName, tenant: string, n: number, firstSeq: number, startNs?: bigint): Promise<void> {
  const rows = sampleRows(table, tenant, n, { firstSeq, seed: firstSeq + 1, startNs });
  await storage.append(sampleEntry(table, tenant, rows), sampleBatch(table, rows));
}

describe('Storage', () => {
  test('appended rows are visible at once, per tenant', async () => {
    const { storage } = await setup();
    await appendRows(storage, 'logs', 'a', 10, 0);
    await appendRows(storage, 'logs', 'b', 5, 100);
    const snap = storage.table('logs').snapshot();
    expect(seqs(await readAll(snap, 'logs', 'a'))).toEqual([...Array(10).keys()]);
    expect((await readAll(snap, 'logs', 'b')).length).toBe(5);
    expect((await readAll(snap, 'logs', 'nobody')).length).toBe(0);
    snap.release();
  });

  test('flush moves rows to hour-partitioned parts and they read back the same', async () => {
    const { storage, dir } = await setup();
    const start = 1_764_504_000_000_000_000n;
    // 3000 rows one second apart span two UTC hours? No: 50 minutes. Use 2 s steps to cross an hour.
    const rows = sampleRows('metrics', 'default', 3000, { startNs: start, stepNs: 2_000_000_000n });
    await storage.append(sampleEntry('metrics', 'default', rows), sampleBatch('metrics', rows));
    const before = await readAll(storage.table('metrics').snapshot(), 'metrics', 'default');
    await storage.flush();
    const stats = storage.stats();
    expect(stats.head.rows).toBe(0);
    expect(stats.parts.metrics.count).toBe(2);
    expect(stats.parts.metrics.rows).toBe(3000);
    const hours = readdirSync(join(dir, 'metrics', 'tenant=default', 'date=2025-11-30'));
    expect(hours.sort()).toEqual(['hour=12', 'hour=13']);
    const snap = storage.table('metrics').snapshot();
    const after = await readAll(snap, 'metrics', 'default');
    const key = (r: Record<string, unknown>) => `${r.flags}`;
    expect(after.map(key).sort()).toEqual(before.map(key).sort());
    const byFlag = new Map(before.map((r) => [r.flags, r]));
    for (const r of after) expect(r).toEqual(byFlag.get(r.flags) as typeof r);
    expect(snap.statistics('default')).toMatchObject({ rowCount: 3000, partCount: 2, headRowCount: 0 });
    snap.release();
    // After a flush the WAL holds nothing that is not in parts.
    expect(stats.wal.checkpointLsn).toBe(1);
  });

  test('restart replays the WAL; a clean stop leaves an empty WAL', async () => {
    const { dir, remove } = tempDataDir();
    cleanups.push(remove);
    const first = await openTestStorage(dir);
    await appendRows(first, 'spans', 't', 100, 0);
    // Stop without flushing: the rows exist only in the WAL.
    await first.stop({ flush: false });
    const second = await openTestStorage(dir);
    expect(seqs(await readAll(second.table('spans').snapshot(), 'spans', 't'))).toEqual([...Array(100).keys()]);
    expect(second.stats().replay.records).toBe(1);
    await appendRows(second, 'spans', 't', 50, 100);
    await second.stop();
    expect(readdirSync(join(dir, 'wal')).filter((n) => n.endsWith('.wal'))).toEqual([]);
    const third = await openTestStorage(dir);
    cleanups.push(() => third.stop());
    expect(seqs(await readAll(third.table('spans').snapshot(), 'spans', 't'))).toEqual([...Array(150).keys()]);
    expect(third.stats().replay.records).toBe(0);
  });

  test('compaction merges the parts of a closed hour; old files go after the snapshot releases', async () => {
    const { storage, dir } = await setup();
    for (let i = 0; i < 4; i++) {
      await appendRows(storage, 'logs', 'default', 200, i * 1000);
      await storage.flush();
    }
    expect(storage.stats().parts.logs.count).toBe(4);
    const old = storage.table('logs').snapshot();
    const result = await storage.compact();
    expect(result.groupsMerged).toBe(1);
    expect(storage.stats().parts.logs.count).toBe(1);
    // The old snapshot still reads its (now retired) files.
    expect((await readAll(old, 'logs', 'default')).length).toBe(800);
    const partDir = join(dir, 'logs', 'tenant=default', 'date=2025-11-30', 'hour=12');
    expect(readdirSync(partDir).length).toBe(5);
    old.release();
    await Bun.sleep(50);
    expect(readdirSync(partDir).length).toBe(1);
    const fresh = storage.table('logs').snapshot();
    expect(seqs(await readAll(fresh, 'logs', 'default')).length).toBe(800);
    fresh.release();
    expect(existsSync(join(dir, 'ops'))).toBe(true);
    expect(readdirSync(join(dir, 'ops'))).toEqual([]);
  });

  test('retention drops partitions older than the retention', async () => {
    const { storage } = await setup({ retentionDays: { logs: 1 } });
    await appendRows(storage, 'logs', 'default', 10, 0, BigInt(Date.now() - 3 * 86_400_000) * 1_000_000n);
    await appendRows(storage, 'logs', 'default', 10, 10, BigInt(Date.now()) * 1_000_000n);
    await storage.flush();
    expect(storage.stats().parts.logs.count).toBe(2);
    const r = await storage.applyRetention();
    expect(r.partsDeleted).toBe(1);
    const snap = storage.table('logs').snapshot();
    expect(seqs(await readAll(snap, 'logs', 'default'))).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    snap.release();
  });

  test('the head is flushed once its oldest row is flush_interval_seconds old', async () => {
    const clock = new ManualClock(Date.now());
    const { storage } = await setup({ clock, flushIntervalSeconds: 60 });
    await appendRows(storage, 'logs', 'default', 10, 0);
    clock.advance(30_000);
    await Bun.sleep(1200); // one background tick
    expect(storage.stats().head.rows).toBe(10);
    clock.advance(31_000);
    for (let i = 0; i < 40 && storage.stats().parts.logs.rows === 0; i++) await Bun.sleep(100);
    expect(storage.stats().head.rows).toBe(0);
    expect(storage.stats().parts.logs.rows).toBe(10);
  });

  test('the size cap (max_disk_bytes) drops the oldest partitions', async () => {
    const { storage } = await setup({ maxDiskBytes: 1 });
    for (let h = 0; h < 3; h++) await appendRows(storage, 'logs', 'default', 10, h * 100, 1_764_504_000_000_000_000n + BigInt(h) * 3_600_000_000_000n);
    await storage.flush();
    expect(storage.stats().parts.logs.count).toBe(3);
    const r = await storage.applyRetention();
    expect(r.partsDeleted).toBe(3);
    expect(storage.stats().parts.logs.count).toBe(0);
  });

  test('a data dir held by an open Storage cannot be opened again until it stops', async () => {
    const { dir, remove } = tempDataDir();
    cleanups.push(remove);
    const first = await openTestStorage(dir);
    const err = await openTestStorage(dir).then(
      (s) => s.stop().then(() => null),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StorageUnavailableError);
    expect(dataDirOwner(dir)).toBe(process.pid);
    await first.stop();
    expect(dataDirOwner(dir)).toBeNull();
    const second = await openTestStorage(dir);
    await second.stop();
  });

  test('a lock file naming a live process that does not hold the lock is taken over (finding 7)', async () => {
    const { dir, remove } = tempDataDir();
    cleanups.push(remove);
    const bystander = Bun.spawn(['sleep', '30']);
    cleanups.push(() => {
      bystander.kill();
      return bystander.exited;
    });
    await Bun.write(join(dir, 'storage.lock'), JSON.stringify({ pid: bystander.pid }));
    expect(dataDirOwner(dir)).toBeNull();
    const storage = await openTestStorage(dir);
    await storage.stop();
  });

  test('time predicates skip partitions and files before any I/O', async () => {
    const { storage } = await setup();
    const start = 1_764_504_000_000_000_000n;
    for (let h = 0; h < 4; h++) await appendRows(storage, 'metrics', 'default', 50, h * 100, start + BigInt(h) * 3_600_000_000_000n);
    await storage.flush();
    const stats = { partitionsTotal: 0, partitionsRead: 0, filesTotal: 0, filesRead: 0, rowGroupsTotal: 0, rowGroupsRead: 0, pagesTotal: 0, pagesRead: 0, headChunksTotal: 0, headChunksRead: 0, rowsRead: 0, bytesRead: 0 };
    const snap = storage.table('metrics').snapshot();
    const rows = await readAll(snap, 'metrics', 'default', { predicates: [{ kind: 'compare', column: 'timestamp', op: '>=', value: start + 3n * 3_600_000_000_000n }], stats });
    snap.release();
    expect(rows.length).toBe(50);
    expect(stats.partitionsTotal).toBe(4);
    expect(stats.partitionsRead).toBe(1);
    expect(stats.filesRead).toBe(1);
  });

  test('a final flush over its budget is abandoned; the WAL still brings every row back', async () => {
    const { dir, remove } = tempDataDir();
    cleanups.push(remove);
    const first = await openTestStorage(dir, { stopFlushBudgetMs: 1 });
    for (let i = 0; i < 5; i++) await appendRows(first, 'metrics', 'default', 2000, i * 10_000);
    await first.stop();
    const second = await openTestStorage(dir);
    cleanups.push(() => second.stop());
    const rows = seqs(await readAll(second.table('metrics').snapshot(), 'metrics', 'default'));
    expect(second.stats().replay.records).toBe(5); // the flush was indeed abandoned
    expect(rows.length).toBe(10_000);
    expect(new Set(rows).size).toBe(10_000);
    expect(readdirSync(join(dir, 'ops'))).toEqual([]);
  });
});

describe('large dictionaries', () => {
  test('a head whose dictionaries span several transfer slices flushes intact', async () => {
    const { storage } = await setup();
    const rows = sampleRows('logs', 'default', 20_000, { seed: 5 }); // every body is unique
    await storage.append(sampleEntry('logs', 'default', rows), sampleBatch('logs', rows));
    const before = await readAll(storage.table('logs').snapshot(), 'logs', 'default');
    await storage.flush();
    expect(storage.stats().parts.logs.rows).toBe(20_000);
    const after = await readAll(storage.table('logs').snapshot(), 'logs', 'default');
    const bodies = (rs: typeof before) => rs.map((r) => `${r.flags}:${r.body}:${r.trace_id}`).sort();
    expect(bodies(after)).toEqual(bodies(before));
  });
});

describe('read-only mode', () => {
  test('sees parts and the WAL, changes no file, takes no appends', async () => {
    const { dir, remove } = tempDataDir();
    cleanups.push(remove);
    const writer = await openTestStorage(dir);
    await appendRows(writer, 'logs', 'default', 30, 0);
    await writer.flush();
    await appendRows(writer, 'logs', 'default', 20, 100);
    await writer.stop({ flush: false });
    // A torn tail that a serving open would truncate.
    const walDir = join(dir, 'wal');
    const seg = readdirSync(walDir).filter((n) => n.endsWith('.wal')).sort().at(-1) ?? '';
    appendFileSync(join(walDir, seg), new Uint8Array([9, 0, 0, 0, 1, 2]));
    const listing = () => listFiles(dir).map((f) => `${f}:${statSync(join(dir, f)).size}`);
    const before = listing();
    const reader = await openTestStorage(dir, { mode: 'read-only' });
    expect(seqs(await readAll(reader.table('logs').snapshot(), 'logs', 'default')).length).toBe(50);
    await expect(appendRows(reader, 'logs', 'default', 1, 999)).rejects.toThrow('read-only');
    await reader.stop();
    expect(listing()).toEqual(before);
  });
});

function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const child = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) out.push(...listFiles(dir, child));
    else if (e.name !== 'storage.lock') out.push(child);
  }
  return out.sort();
}

/**
 * The data-dir tools: `checkDataDir` (read-only verification) and `backupDataDir`
 * (consistent tar of a live data dir), checked with GNU tar and by restoring.
 */
import { afterEach, describe, expect, test } from 'bun:test';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../../src/common/index.ts';
import { backupDataDir, checkDataDir, TarWriter, type Storage } from '../../src/storage/index.ts';
import { sampleBatch, sampleEntry, sampleRows } from './sample-rows.ts';
import { openTestStorage, readAll, seqs, tempDataDir } from './storage-harness.ts';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function filled(): Promise<{ storage: Storage; dir: string; append: (n: number) => Promise<number[]> }> {
  const { dir, remove } = tempDataDir();
  cleanups.push(remove);
  const storage = await openTestStorage(dir, { walSegmentBytes: 8192 });
  cleanups.push(() => storage.stop());
  let next = 0;
  const append = async (n: number): Promise<number[]> => {
    const rows = sampleRows('logs', 'default', n, { firstSeq: next, seed: next + 1 });
    next += n;
    await storage.append(sampleEntry('logs', 'default', rows), sampleBatch('logs', rows));
    return rows.map((r) => Number(r.flags));
  };
  return { storage, dir, append };
}

describe('checkDataDir', () => {
  test('a healthy data dir has no problems', async () => {
    const { storage, dir, append } = await filled();
    for (let i = 0; i < 5; i++) await append(50);
    await storage.flush();
    for (let i = 0; i < 5; i++) await append(50);
    const report = await checkDataDir(dir, { deep: true });
    expect(report.problems).toEqual([]);
    expect(report.serverRunning).toBe(true);
    expect(report.parts).toBe(1);
    expect(report.partRows).toBe(250);
    expect(report.walRecords).toBeGreaterThanOrEqual(5);
  });

  test('reports a corrupt WAL record and a damaged part footer as errors, and changes nothing', async () => {
    const { storage, dir, append } = await filled();
    for (let i = 0; i < 3; i++) await append(50);
    await storage.flush();
    // Small records: several per 8 KiB segment, so damage to the first is mid-segment.
    for (let i = 0; i < 6; i++) await append(5);
    await storage.stop({ flush: false });
    const walName = readdirSync(join(dir, 'wal')).filter((n) => n.endsWith('.wal')).sort()[0];
    const wal = readFileSync(join(dir, 'wal', walName));
    wal[32 + 40] ^= 0xff; // inside the first record's payload
    writeFileSync(join(dir, 'wal', walName), wal);
    const partDir = join(dir, 'logs', 'tenant=default', 'date=2025-11-30', 'hour=12');
    const partName = readdirSync(partDir)[0];
    const part = readFileSync(join(partDir, partName));
    part[part.length - 20] ^= 0xff; // inside the Thrift footer
    writeFileSync(join(partDir, partName), part);
    const report = await checkDataDir(dir);
    expect(report.serverRunning).toBe(false);
    const errors = report.problems.filter((p) => p.severity === 'error').map((p) => p.path);
    expect(errors).toContain(`wal/${walName}`);
    expect(errors.some((p) => p.endsWith(partName))).toBe(true);
    expect(readFileSync(join(dir, 'wal', walName))).toEqual(wal);
  });
});

describe('backupDataDir', () => {
  test('a live backup restores to every row acknowledged before it, exactly once, without secrets', async () => {
    const { storage, dir, append } = await filled();
    writeFileSync(join(dir, 'jwt.secret'), 'x'.repeat(64));
    writeFileSync(join(dir, 'initial-admin-password'), 'hunter2hunter2');
    const acked: number[] = [];
    for (let i = 0; i < 4; i++) {
      acked.push(...(await append(100)));
      await storage.flush();
    }
    // Keep appending, flushing and compacting while the backup runs.
    let stop = false;
    const load = (async () => {
      for (let i = 0; !stop; i++) {
        acked.push(...(await append(30)));
        if (i % 5 === 0) await storage.flush();
        if (i % 7 === 0) await storage.compact();
      }
    })();
    await Bun.sleep(30);
    const ackedBefore = [...acked];
    const chunks: Uint8Array[] = [];
    const summary = await backupDataDir({ dataDir: dir, clock: systemClock, sink: (b) => void chunks.push(b.slice()) });
    stop = true;
    await load;
    expect(summary.parts).toBeGreaterThan(0);

    const restore = tempDataDir('pharlux-restore-');
    cleanups.push(restore.remove);
    const tarFile = join(restore.dir, '..', `${restore.dir.split('/').at(-1)}.tar`);
    writeFileSync(tarFile, Buffer.concat(chunks));
    cleanups.push(() => rmSync(tarFile, { force: true }));
    const listing = Bun.spawnSync(['tar', '-tf', tarFile]).stdout.toString().split('\n').filter(Boolean);
    expect(listing.some((n) => n.includes('secret') || n.includes('password') || n.endsWith('.lock') || n.startsWith('ops/'))).toBe(false);
    expect(Bun.spawnSync(['tar', '-xf', tarFile, '-C', restore.dir]).exitCode).toBe(0);

    const restored = await openTestStorage(restore.dir);
    cleanups.push(() => restored.stop());
    const got = seqs(await readAll(restored.table('logs').snapshot(), 'logs', 'default'));
    expect(new Set(got).size).toBe(got.length);
    const present = new Set(got);
    expect(ackedBefore.filter((s) => !present.has(s))).toEqual([]);
    const all = new Set(acked);
    expect(got.filter((s) => !all.has(s))).toEqual([]);
  });

  test('tar entries with long names use PAX headers that GNU tar reads', async () => {
    const { dir, remove } = tempDataDir('pharlux-tar-');
    cleanups.push(remove);
    const chunks: Uint8Array[] = [];
    const tar = new TarWriter((b) => void chunks.push(b.slice()));
    const long = `${'a'.repeat(120)}/${'b'.repeat(120)}/file.bin`;
    const content = new TextEncoder().encode('hello tar');
    async function* one() {
      yield content;
    }
    await tar.addFile('short.txt', content.length, Date.now(), 0o640, one());
    await tar.addFile(long, content.length, Date.now(), 0o640, one());
    await tar.finish();
    writeFileSync(join(dir, 'a.tar'), Buffer.concat(chunks));
    mkdirSync(join(dir, 'out'));
    expect(Bun.spawnSync(['tar', '-xf', join(dir, 'a.tar'), '-C', join(dir, 'out')]).exitCode).toBe(0);
    expect(readFileSync(join(dir, 'out', long), 'utf8')).toBe('hello tar');
    expect(readFileSync(join(dir, 'out', 'short.txt'), 'utf8')).toBe('hello tar');
  });
});

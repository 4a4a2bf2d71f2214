/**
 * The storage CLI commands end to end: `pharlux check`, `pharlux compact` (offline, and
 * against a running storage in another process) and `pharlux backup`.
 */
import { afterEach, expect, test } from 'bun:test';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backupCommand } from '../../src/cli/backup.ts';
import { checkCommand } from '../../src/cli/check.ts';
import type { CliIo } from '../../src/cli/command.ts';
import { compactCommand } from '../../src/cli/compact.ts';
import { sampleBatch, sampleEntry, sampleRows } from './sample-rows.ts';
import { openTestStorage, readAll, tempDataDir } from './storage-harness.ts';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

function fakeIo(): CliIo & { out: () => string; err: () => string; bytes: Uint8Array[] } {
  let out = '';
  let err = '';
  const bytes: Uint8Array[] = [];
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    stdoutBytes: (b) => void bytes.push(b.slice()),
    readStdin: async () => '',
    env: {},
    out: () => out,
    err: () => err,
    bytes,
  };
}

async function dataDirWithParts(): Promise<string> {
  const { dir, remove } = tempDataDir();
  cleanups.push(remove);
  const storage = await openTestStorage(dir);
  for (let i = 0; i < 3; i++) {
    const rows = sampleRows('spans', 'default', 100, { firstSeq: i * 100, seed: i + 1 });
    await storage.append(sampleEntry('spans', 'default', rows), sampleBatch('spans', rows));
    await storage.flush();
  }
  const rows = sampleRows('spans', 'default', 10, { firstSeq: 1000 });
  await storage.append(sampleEntry('spans', 'default', rows), sampleBatch('spans', rows));
  await storage.stop({ flush: false });
  return dir;
}

test('check reports OK on a healthy dir and exit 1 on a damaged part', async () => {
  const dir = await dataDirWithParts();
  let io = fakeIo();
  expect(await checkCommand.run(['--data-dir', dir, '--deep'], io)).toBe(0);
  expect(io.out()).toContain('3 parts, 300 rows');
  expect(io.out()).toContain('OK');
  const partDir = join(dir, 'spans', 'tenant=default', 'date=2025-11-30', 'hour=12');
  const victim = join(partDir, readdirSync(partDir)[0]);
  writeFileSync(victim, readFileSync(victim).subarray(0, 100));
  io = fakeIo();
  expect(await checkCommand.run(['--data-dir', dir, '--json'], io)).toBe(1);
  const report = JSON.parse(io.out()) as { problems: { severity: string; path: string }[] };
  expect(report.problems.some((p) => p.severity === 'error' && victim.endsWith(p.path))).toBe(true);
});

test('compact without a server merges the parts directly', async () => {
  const dir = await dataDirWithParts();
  const io = fakeIo();
  expect(await compactCommand.run(['--data-dir', dir], io)).toBe(0);
  expect(io.out()).toContain('merged 3 parts into 1');
  const storage = await openTestStorage(dir);
  cleanups.push(() => storage.stop());
  expect(storage.stats().parts.spans.count).toBe(1);
  expect((await readAll(storage.table('spans').snapshot(), 'spans', 'default')).length).toBe(310);
});

test('compact with a server running asks the server', async () => {
  const { dir, remove } = tempDataDir();
  cleanups.push(remove);
  const child = Bun.spawn([process.execPath, join(import.meta.dir, '..', 'crash', 'crash-child.ts'), dir, '0'], { stdout: 'pipe', stderr: 'inherit' });
  cleanups.push(() => {
    child.kill('SIGKILL');
    return child.exited;
  });
  const reader = child.stdout.getReader();
  let seen = '';
  while (!seen.includes('ack ')) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += new TextDecoder().decode(value);
  }
  void (async () => {
    for (;;) if ((await reader.read()).done) break;
  })();
  const io = fakeIo();
  expect(await compactCommand.run(['--data-dir', dir, '--timeout', '30'], io)).toBe(0);
  expect(io.err()).toContain('asking the running server');
  expect(io.out()).toMatch(/^merged \d+ parts into \d+/);
  expect(existsSync(join(dir, 'compact.request'))).toBe(false);
}, 40_000);

test('backup writes a tar that restores, to a file and to stdout', async () => {
  const dir = await dataDirWithParts();
  const out = join(dir, '..', `${dir.split('/').at(-1)}-backup.tar`);
  cleanups.push(() => Bun.file(out).delete().catch(() => {}));
  let io = fakeIo();
  expect(await backupCommand.run(['--data-dir', dir, '--output', out], io)).toBe(0);
  expect(io.err()).toContain('3 parts');
  const listing = Bun.spawnSync(['tar', '-tf', out]).stdout.toString();
  expect(listing).toContain('wal/checkpoint');
  expect(listing.split('\n').filter((n) => n.endsWith('.parquet')).length).toBe(3);
  io = fakeIo();
  expect(await backupCommand.run(['--data-dir', dir, '--output', '-'], io)).toBe(0);
  expect(Buffer.concat(io.bytes).length).toBe(Bun.file(out).size);
  const restore = tempDataDir('pharlux-restore-');
  cleanups.push(restore.remove);
  expect(Bun.spawnSync(['tar', '-xf', out, '-C', restore.dir]).exitCode).toBe(0);
  const storage = await openTestStorage(restore.dir);
  cleanups.push(() => storage.stop());
  expect((await readAll(storage.table('spans').snapshot(), 'spans', 'default')).length).toBe(310);
});

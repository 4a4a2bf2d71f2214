// The data-dir lock (review finding 7): storage.lock is an flock(2) on an open file, so a
// lock file left by a crash (or naming a PID some other process now has) never blocks a
// start, while a live server keeps every other one out, also when two start at once.
import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serverProcessEnv, startServerProcess } from '../support/server-process.ts';

const ROOT = resolve(import.meta.dir, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'pharlux-lock-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function freshDir(name: string): string {
  return mkdtempSync(join(scratch, name));
}

/** Runs `serve` until it is ready ('started') or exits ('exited', with its stderr). */
async function serveOutcome(dataDir: string): Promise<{ outcome: 'started' | 'exited'; stderr: string; stop: () => Promise<void> }> {
  const proc = Bun.spawn([process.execPath, join(ROOT, 'main.ts'), 'serve', '--data-dir', dataDir], {
    cwd: ROOT,
    env: serverProcessEnv(),
    stdin: 'ignore',
    stdout: 'ignore',
    stderr: 'pipe',
  });
  let stderr = '';
  const decoder = new TextDecoder();
  const started = (async () => {
    for await (const chunk of proc.stderr) {
      stderr += decoder.decode(chunk, { stream: true });
      if (stderr.includes('pharlux started')) return true;
    }
    return false;
  })();
  const ok = await Promise.race([started, proc.exited.then(() => false)]);
  const stop = async (): Promise<void> => {
    if (proc.exitCode === null) proc.kill('SIGTERM');
    await proc.exited;
  };
  if (!ok) {
    await proc.exited;
    await started;
  }
  return { outcome: ok ? 'started' : 'exited', stderr, stop };
}

test('a stale storage.lock naming a live PID (here pid 1) does not stop the server from starting', async () => {
  const dir = freshDir('stale-');
  writeFileSync(join(dir, 'storage.lock'), JSON.stringify({ pid: 1 }));
  const server = await startServerProcess({ dataDir: dir });
  expect(await server.stop()).toBe(0);
  // And again after a clean stop (the lock file stays; the lock itself is gone).
  const again = await startServerProcess({ dataDir: dir });
  expect(await again.stop()).toBe(0);
}, 60_000);

test('a second server on a data dir a live server holds is refused with a clear message', async () => {
  const dir = freshDir('live-');
  const first = await startServerProcess({ dataDir: dir });
  try {
    const second = await serveOutcome(dir);
    await second.stop();
    expect(second.outcome).toBe('exited');
    expect(second.stderr).toContain(`is in use by process ${first.proc.pid}`);
  } finally {
    expect(await first.stop()).toBe(0);
  }
}, 60_000);

test('processes racing for one data dir: exactly one takes it', async () => {
  const dir = freshDir('children-');
  const go = join(dir, 'go');
  const children = Array.from({ length: 4 }, () =>
    Bun.spawn([process.execPath, join(import.meta.dir, 'lock-child.ts'), dir, go], { stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' }),
  );
  try {
    await Bun.sleep(300); // let every child load and start polling for the go file
    writeFileSync(go, '');
    const said = await Promise.all(children.map((c) => new Response(c.stdout).text()));
    expect(said.map((s) => s.trim()).sort()).toEqual(['lost', 'lost', 'lost', 'won']);
  } finally {
    for (const c of children) c.kill();
    await Promise.all(children.map((c) => c.exited));
  }
}, 30_000);

test('two servers started at once on one data dir: exactly one wins', async () => {
  const dir = freshDir('race-');
  const outcomes = await Promise.all([serveOutcome(dir), serveOutcome(dir)]);
  try {
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['exited', 'started']);
    expect(outcomes.find((o) => o.outcome === 'exited')?.stderr).toContain('is in use by');
  } finally {
    for (const o of outcomes) await o.stop();
  }
}, 60_000);

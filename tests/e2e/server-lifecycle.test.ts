// The real server as a child process: health, JSON 404, graceful shutdown, and the
// start-up failures an operator meets first (port taken, unwritable data dir, bad config).
import { afterAll, describe, expect, test } from 'bun:test';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serverProcessEnv, startServerProcess } from '../support/server-process.ts';

const ROOT = resolve(import.meta.dir, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'pharlux-lifecycle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function runCli(args: string[], env: Record<string, string> = {}, prefix: string[] = []) {
  const proc = Bun.spawn([...prefix, process.execPath, join(ROOT, 'main.ts'), ...args], {
    cwd: scratch,
    env: { PATH: process.env.PATH ?? '', HOME: scratch, PHARLUX_SERVER_BIND_ADDRESS: '127.0.0.1', PHARLUX_SERVER_HTTP_PORT: '0', ...env },
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { stdout, stderr, code };
}

describe('serve', () => {
  test('answers health, JSON 404 for unknown /api paths, and stops with exit 0 on SIGTERM', async () => {
    const server = await startServerProcess();
    try {
      const health = await fetch(`${server.baseUrl}/api/v1/health`);
      expect(health.status).toBe(200);
      expect(health.headers.get('content-type')).toContain('application/json');
      const body = (await health.json()) as Record<string, unknown>;
      expect(body.status).toBe('ok');
      expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(typeof body.uptime_seconds).toBe('number');

      const missing = await fetch(`${server.baseUrl}/api/v1/no-such-thing`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'no such endpoint: GET /api/v1/no-such-thing' } });

      const wrongMethod = await fetch(`${server.baseUrl}/api/v1/health`, { method: 'DELETE' });
      expect(wrongMethod.status).toBe(405);
      expect(((await wrongMethod.json()) as { error: { code: string } }).error.code).toBe('method_not_allowed');
    } finally {
      const t0 = Date.now();
      const code = await server.stop();
      expect(code).toBe(0);
      expect(Date.now() - t0).toBeLessThan(10_000); // SPEC §6: exit 0 within 10 s
      expect(server.logs()).toContain('pharlux stopped');
    }
  });

  test('SIGINT stops it cleanly too', async () => {
    const server = await startServerProcess();
    expect(await server.stop({ signal: 'SIGINT' })).toBe(0);
  });

  test('creates a missing data directory', async () => {
    const dataDir = join(scratch, 'nested/deeper/data');
    const server = await startServerProcess({ dataDir });
    try {
      expect((await fetch(`${server.baseUrl}/api/v1/health`)).ok).toBe(true);
    } finally {
      await server.stop();
    }
  });

  test('a taken port is one clear line and exit 1', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const r = await runCli(['serve', '--data-dir', join(scratch, 'd1')], { PHARLUX_SERVER_HTTP_PORT: String(port) });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`pharlux serve: cannot listen for the API and UI on 127.0.0.1:${port}: address already in use`);
      expect(r.stderr).not.toContain('    at ');
    } finally {
      blocker.close();
    }
  });

  test('a second Pharlux on the same API port fails instead of sharing it', async () => {
    const first = await startServerProcess({ dataDir: join(scratch, 'first') });
    try {
      // Only the API port is taken; the OTLP ports are free (port 0).
      const second = Bun.spawn([process.execPath, join(ROOT, 'main.ts'), 'serve', '--data-dir', join(scratch, 'second')], {
        cwd: scratch,
        env: serverProcessEnv({ HOME: scratch, PHARLUX_SERVER_HTTP_PORT: String(first.httpPort) }),
        stdout: 'pipe',
        stderr: 'pipe',
      });
      // A second server that shared the port would keep running: stop it and fail.
      const guard = setTimeout(() => second.kill('SIGKILL'), 15_000);
      const [stderr, code] = await Promise.all([new Response(second.stderr).text(), second.exited]);
      clearTimeout(guard);
      expect(code).toBe(1);
      expect(stderr).toContain(`cannot listen for the API and UI on 127.0.0.1:${first.httpPort}: address already in use`);
    } finally {
      await first.stop();
    }
  });

  test('an unwritable data directory is one clear line and exit 1', async () => {
    const parent = join(scratch, 'locked');
    mkdirSync(parent);
    chmodSync(parent, 0o700);
    chmodSync(scratch, 0o755);
    // Root ignores permissions, so run the server as nobody when we are root.
    const asNobody = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    if (asNobody.length === 0) chmodSync(parent, 0o500);
    const r = await runCli(['serve', '--data-dir', join(parent, 'data')], {}, asNobody);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot use data directory ${join(parent, 'data')}: permission denied`);
  });

  test('a bad config file is one line naming key, line and type, exit 2', async () => {
    const cfg = join(scratch, 'bad.toml');
    writeFileSync(cfg, '[query]\nmemory_mb = "big"\n');
    const r = await runCli(['serve', '--config', cfg, '--data-dir', join(scratch, 'd2')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`pharlux serve: ${cfg}: line 2: query.memory_mb: expected integer between 16 and 1048576, got string "big"`);
  });
});

describe('command line', () => {
  test('--help works for the program and every command', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    const commands = [...top.stdout.matchAll(/^ {2}(\w+(?: \w+)?) {2,}/gm)].map((m) => m[1]);
    expect(commands).toEqual(expect.arrayContaining(['serve', 'install', 'user', 'query', 'compact', 'backup', 'check', 'bench ingest', 'version']));
    for (const c of commands) {
      const r = await runCli([...c.split(' '), '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: pharlux ${c}`);
    }
    // A command group's --help lists its commands; without a subcommand it is a usage error.
    const group = await runCli(['bench', '--help']);
    expect(group.code).toBe(0);
    expect(group.stdout).toContain('bench ingest');
    expect((await runCli(['bench'])).code).toBe(2);
  });
  test('version prints semver and commit', async () => {
    const r = await runCli(['version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^pharlux \d+\.\d+\.\d+ \([0-9a-f]+|unknown\)\n$/);
  });
  test('unknown command and unknown flag exit 2', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    const r = await runCli(['serve', '--no-such-flag']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pharlux serve: unknown flag --no-such-flag (see --help)\n');
  });
});

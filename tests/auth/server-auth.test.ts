// Auth at the level of the running server: the JWT secret file rules (created 0600,
// world-readable refused with the chmod to run) and the first-run admin bootstrap.
import { afterEach, describe, expect, test } from 'bun:test';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const ROOT = resolve(import.meta.dir, '../..');
const dirs: string[] = [];
let server: ServerProcess | null = null;

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'pharlux-auth-e2e-'));
  dirs.push(d);
  return d;
}

afterEach(async () => {
  await server?.stop({ keepDataDir: true });
  server = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function login(username: string, password: string): Promise<number> {
  const res = await fetch(`${server?.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return res.status;
}

describe('JWT secret file', () => {
  test('is created with mode 0600 on first start and reused afterwards', async () => {
    const dataDir = tempDir();
    server = await startServerProcess({ dataDir, env: { PHARLUX_ADMIN_PASSWORD: 'first-admin-pw' } });
    const secretPath = join(dataDir, 'jwt.secret');
    expect(statSync(secretPath).mode & 0o777).toBe(0o600);
    expect(statSync(secretPath).size).toBe(64);
    const res = await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'first-admin-pw' }) });
    const { token } = (await res.json()) as { token: string };
    const before = readFileSync(secretPath);
    await server.stop({ keepDataDir: true });
    server = await startServerProcess({ dataDir });
    expect(readFileSync(secretPath).equals(before)).toBe(true);
    // A token from before the restart is still valid: same secret.
    expect((await fetch(`${server.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  }, 60_000);

  test('a world-readable secret refuses to start with one line naming the chmod', async () => {
    const dataDir = tempDir();
    const secretPath = join(dataDir, 'jwt.secret');
    writeFileSync(secretPath, 'x'.repeat(64));
    chmodSync(secretPath, 0o644);
    const proc = Bun.spawn([process.execPath, join(ROOT, 'main.ts'), 'serve', '--data-dir', dataDir], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: dataDir, PHARLUX_SERVER_BIND_ADDRESS: '127.0.0.1', PHARLUX_SERVER_HTTP_PORT: '0', PHARLUX_SERVER_OTLP_HTTP_PORT: '0', PHARLUX_SERVER_OTLP_GRPC_PORT: '0', PHARLUX_STORAGE_MIN_FREE_DISK_BYTES: '0' },
      stdout: 'pipe',
      stderr: 'pipe',
    });
    const [stderr, code] = await Promise.all([new Response(proc.stderr).text(), proc.exited]);
    expect(code).toBe(2);
    const lines = stderr.trim().split('\n');
    expect(lines.at(-1)).toBe(`pharlux serve: JWT secret ${secretPath} is readable by every user (mode 0644); anyone who reads it can forge logins. Run: chmod 600 ${secretPath}`);
    expect(existsSync(join(dataDir, 'meta.sqlite'))).toBe(false);
  }, 30_000);
});

describe('first-run admin', () => {
  test('a random password is written 0600 to initial-admin-password and logs in as admin', async () => {
    const dataDir = tempDir();
    server = await startServerProcess({ dataDir });
    const file = join(dataDir, 'initial-admin-password');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const password = readFileSync(file, 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(server.logs()).toContain(file);
    expect(server.logs()).not.toContain(password);
    expect(await login('admin', password)).toBe(200);
    expect(await login('admin', 'not-the-password')).toBe(401);
  }, 30_000);

  test('PHARLUX_ADMIN_PASSWORD sets it instead, and no file is written', async () => {
    const dataDir = tempDir();
    server = await startServerProcess({ dataDir, env: { PHARLUX_ADMIN_PASSWORD: 'chosen-by-env' } });
    expect(existsSync(join(dataDir, 'initial-admin-password'))).toBe(false);
    expect(await login('admin', 'chosen-by-env')).toBe(200);
  }, 30_000);
});

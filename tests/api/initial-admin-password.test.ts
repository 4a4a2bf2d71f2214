// The first-run admin password file goes away when admin's password changes, by any path:
// POST /api/v1/auth/password, the admin reset (PUT /api/v1/admin/users/:id), and
// `pharlux user reset-password` (which writes the database directly). Real server, argon2id.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const ROOT = resolve(import.meta.dir, '../..');
let dataDir = '';
let server: ServerProcess | null = null;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'pharlux-initial-password-'));
});
afterAll(async () => {
  await server?.stop({ keepDataDir: true });
  rmSync(dataDir, { recursive: true, force: true });
});

function api(method: string, path: string, body: unknown, token?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return fetch(`${server?.baseUrl}${path}`, { method, headers, body: JSON.stringify(body) });
}

async function login(password: string): Promise<{ token: string; id: string }> {
  const res = await api('POST', '/api/v1/auth/login', { username: 'admin', password });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { token: string; user: { id: string } };
  return { token: body.token, id: body.user.id };
}

describe('initial-admin-password', () => {
  test('is removed by each path that changes the password of admin, and only by those', async () => {
    server = await startServerProcess({ dataDir });
    const file = join(dataDir, 'initial-admin-password');
    const first = readFileSync(file, 'utf8').trim();
    const admin = await login(first);

    // Creating and resetting another user leaves it alone.
    expect((await api('POST', '/api/v1/admin/users', { username: 'rita', password: 'rita-password-1', role: 'reader' }, admin.token)).status).toBe(201);
    const rita = await api('POST', '/api/v1/auth/login', { username: 'rita', password: 'rita-password-1' });
    const ritaToken = ((await rita.json()) as { token: string }).token;
    expect((await api('POST', '/api/v1/auth/password', { current_password: 'rita-password-1', new_password: 'rita-password-2' }, ritaToken)).status).toBe(200);
    expect(existsSync(file)).toBe(true);

    // 1. The own-password route.
    const changed = await api('POST', '/api/v1/auth/password', { current_password: first, new_password: 'admin-password-2' }, admin.token);
    expect(changed.status).toBe(200);
    expect(existsSync(file)).toBe(false);
    const token = ((await changed.json()) as { token: string }).token;

    // 2. The admin reset route, by a second admin (one's own password needs route 1; the
    // file is put back by hand to see it go again).
    expect((await api('POST', '/api/v1/admin/users', { username: 'root2', password: 'root2-password', role: 'admin' }, token)).status).toBe(201);
    const root2 = ((await (await api('POST', '/api/v1/auth/login', { username: 'root2', password: 'root2-password' })).json()) as { token: string }).token;
    writeFileSync(file, 'admin-password-2\n', { mode: 0o600 });
    expect((await api('PUT', `/api/v1/admin/users/${admin.id}`, { username: 'admin', role: 'admin', password: 'admin-password-3' }, token)).status).toBe(403);
    expect(existsSync(file)).toBe(true);
    expect((await api('PUT', `/api/v1/admin/users/${admin.id}`, { username: 'admin', role: 'admin', password: 'admin-password-3' }, root2)).status).toBe(200);
    expect(existsSync(file)).toBe(false);

    // 3. The CLI, writing the database while the server runs.
    writeFileSync(file, 'admin-password-3\n', { mode: 0o600 });
    const proc = Bun.spawn([process.execPath, join(ROOT, 'main.ts'), 'user', 'reset-password', '--username', 'admin', '--password-stdin', '--data-dir', dataDir], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' },
      stdin: new TextEncoder().encode('admin-password-4\n'),
      stdout: 'pipe',
      stderr: 'pipe',
    });
    const [stderr, code] = await Promise.all([new Response(proc.stderr).text(), proc.exited]);
    expect([code, stderr]).toEqual([0, '']);
    expect(existsSync(file)).toBe(false);
    await login('admin-password-4');
  }, 60_000);
});

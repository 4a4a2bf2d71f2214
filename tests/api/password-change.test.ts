// POST /api/v1/auth/password: one's own password, for any signed-in user (cookie or bearer).
import { afterEach, describe, expect, test } from 'bun:test';
import { startApiHarness, type ApiHarness } from './support/api-harness.ts';

let h: ApiHarness;
afterEach(async () => {
  await h.stop();
});

const change = (auth: { token?: string; cookie?: string }, body: unknown, headers: Record<string, string> = {}) =>
  h.call('POST', '/api/v1/auth/password', { token: auth.token, body, headers: auth.cookie === undefined ? headers : { ...headers, cookie: auth.cookie } });

async function loginCookie(username: string, password: string): Promise<string> {
  const res = await h.call('POST', '/api/v1/auth/login', { body: { username, password } });
  expect(res.status).toBe(200);
  return `pharlux_session=${((await res.json()) as { token: string }).token}`;
}

async function errorOf(res: Response): Promise<[number, string, string]> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return [res.status, body.error.code, body.error.message];
}

describe('POST /api/v1/auth/password', () => {
  test('with the session cookie: changes the password, keeps the caller signed in with a new cookie, ends the other sessions', async () => {
    h = await startApiHarness();
    await h.createUser('acme', 'rita', 'reader');
    const cookie = await loginCookie('rita', 'rita-password');
    const elsewhere = await h.login('rita', 'rita-password');
    const res = await change({ cookie }, { current_password: 'rita-password', new_password: 'rita-new-password' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; expires_at: string; user: Record<string, unknown> };
    expect(body.user).toMatchObject({ username: 'rita', role: 'reader', tenant: 'acme' });
    expect(JSON.stringify(body)).not.toContain('rita-new-password');
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toStartWith(`pharlux_session=${body.token};`);
    expect(setCookie).toContain('HttpOnly');
    expect((await h.call('GET', '/api/v1/auth/me', { headers: { cookie: `pharlux_session=${body.token}` } })).status).toBe(200);
    expect((await h.call('GET', '/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
    expect((await h.call('GET', '/api/v1/auth/me', { token: elsewhere })).status).toBe(401);
    expect((await h.call('POST', '/api/v1/auth/login', { body: { username: 'rita', password: 'rita-password' } })).status).toBe(401);
    expect((await h.call('POST', '/api/v1/auth/login', { body: { username: 'rita', password: 'rita-new-password' } })).status).toBe(200);
  });

  test('with a bearer token: the answer carries the new token', async () => {
    h = await startApiHarness();
    await h.createUser('default', 'ada', 'admin');
    const token = await h.login('ada', 'ada-password');
    const res = await change({ token }, { current_password: 'ada-password', new_password: 'ada-new-password' });
    expect(res.status).toBe(200);
    const next = ((await res.json()) as { token: string }).token;
    expect((await h.call('GET', '/api/v1/auth/me', { token: next })).status).toBe(200);
    expect((await h.call('GET', '/api/v1/auth/me', { token })).status).toBe(401);
  });

  test('400 for the password rules and missing fields, 403 for a wrong current password; nothing changes', async () => {
    h = await startApiHarness();
    await h.createUser('acme', 'rita', 'reader');
    const token = await h.login('rita', 'rita-password');
    expect(await errorOf(await change({ token }, { current_password: 'rita-password', new_password: 'short' }))).toEqual([400, 'invalid_argument', 'password must have at least 8 characters']);
    expect((await errorOf(await change({ token }, { current_password: 'rita-password', new_password: 'x'.repeat(1025) })))[0]).toBe(400);
    expect((await errorOf(await change({ token }, { new_password: 'long-enough-1' })))[0]).toBe(400);
    expect((await errorOf(await change({ token }, { current_password: 'rita-password', new_password: 12345678 })))[0]).toBe(400);
    expect(await errorOf(await change({ token }, { current_password: 'wrong-password', new_password: 'long-enough-1' }))).toEqual([403, 'forbidden', 'the current password is wrong']);
    // The session survived every refusal, and the password is unchanged.
    expect((await h.call('GET', '/api/v1/auth/me', { token })).status).toBe(200);
    expect((await h.call('POST', '/api/v1/auth/login', { body: { username: 'rita', password: 'rita-password' } })).status).toBe(200);
  });

  test('wrong current passwords are rate-limited like logins: 429 with Retry-After, also for login', async () => {
    h = await startApiHarness();
    await h.createUser('acme', 'rita', 'reader');
    const token = await h.login('rita', 'rita-password');
    for (let i = 0; i < 10; i++) expect((await change({ token }, { current_password: `guess-${i}-password`, new_password: 'long-enough-1' })).status).toBe(403);
    const limited = await change({ token }, { current_password: 'rita-password', new_password: 'long-enough-1' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await h.call('POST', '/api/v1/auth/login', { body: { username: 'rita', password: 'rita-password' } })).status).toBe(429);
    h.clock.advance(5 * 60_000);
    expect((await change({ token }, { current_password: 'rita-password', new_password: 'long-enough-1' })).status).toBe(200);
    const metrics = await (await h.call('GET', '/metrics')).text();
    // 10 wrong current passwords, the limited change and the limited login.
    expect(metrics).toMatch(/pharlux_login_failures_total 12\b/);
  });

  test('needs a session: 401 without one', async () => {
    h = await startApiHarness();
    expect((await change({}, { current_password: 'a', new_password: 'long-enough-1' })).status).toBe(401);
  });
});

describe('PUT /api/v1/admin/users/:id and one\'s own password', () => {
  test('an admin cannot set their own password without the current one; other users\' still can be reset', async () => {
    h = await startApiHarness();
    const ada = await h.createUser('default', 'ada', 'admin');
    const rita = await h.createUser('default', 'rita', 'reader');
    const token = await h.login('ada', 'ada-password');
    const own = await h.call('PUT', `/api/v1/admin/users/${ada.id}`, { token, body: { username: 'ada', role: 'admin', password: 'taken-over-1' } });
    expect(own.status).toBe(403);
    expect(((await own.json()) as { error: { message: string } }).error.message).toContain('POST /api/v1/auth/password');
    expect((await h.call('POST', '/api/v1/auth/login', { body: { username: 'ada', password: 'taken-over-1' } })).status).toBe(401);
    // Renaming oneself without a password still works; resetting someone else's too.
    expect((await h.call('PUT', `/api/v1/admin/users/${ada.id}`, { token, body: { username: 'ada2', role: 'admin' } })).status).toBe(200);
    expect((await h.call('PUT', `/api/v1/admin/users/${rita.id}`, { token, body: { username: 'rita', role: 'reader', password: 'rita-reset-1' } })).status).toBe(200);
    expect((await h.call('POST', '/api/v1/auth/login', { body: { username: 'rita', password: 'rita-reset-1' } })).status).toBe(200);
  });
});

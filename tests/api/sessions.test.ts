// Login, session cookie, logout, rate limiting, forwarded https, and the security and
// CORS headers on every response.
import { afterEach, describe, expect, test } from 'bun:test';
import { startApiHarness, type ApiHarness } from './support/api-harness.ts';

let h: ApiHarness;
afterEach(async () => {
  await h.stop();
});

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  h.call('POST', '/api/v1/auth/login', { body: { username, password }, headers });

describe('login and sessions', () => {
  test('login answers token, expires_at and user, and sets an HttpOnly SameSite=Strict cookie', async () => {
    h = await startApiHarness();
    const alice = await h.createUser('acme', 'alice', 'admin');
    const res = await login('alice', alice.password);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; expires_at: string; user: Record<string, unknown> };
    expect(body.user).toEqual({ id: alice.id, username: 'alice', role: 'admin', tenant: 'acme', created_at: expect.any(String), updated_at: expect.any(String) });
    expect(Date.parse(body.expires_at) - h.clock.nowMs()).toBeGreaterThan(3590_000);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toStartWith(`pharlux_session=${body.token};`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
    expect(JSON.stringify(body)).not.toContain('password');
  });

  test('the cookie authenticates like the bearer token; logout clears and revokes it', async () => {
    h = await startApiHarness();
    const alice = await h.createUser('acme', 'alice', 'reader');
    const res = await login('alice', alice.password);
    const token = ((await res.json()) as { token: string }).token;
    const cookie = `pharlux_session=${token}`;
    const me = await h.call('GET', '/api/v1/auth/me', { headers: { cookie: `theme=dark; ${cookie}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('alice');
    const out = await h.call('POST', '/api/v1/auth/logout', { headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await h.call('GET', '/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
    expect((await h.call('GET', '/api/v1/auth/me', { token })).status).toBe(401);
  });

  test('the cookie is Secure when a local proxy says the client used https', async () => {
    h = await startApiHarness();
    const alice = await h.createUser('acme', 'alice', 'reader');
    const res = await login('alice', alice.password, { 'x-forwarded-proto': 'https' });
    expect(res.headers.get('set-cookie')).toContain('; Secure');
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
  });

  test('unknown user and wrong password are indistinguishable', async () => {
    h = await startApiHarness();
    await h.createUser('acme', 'alice', 'reader');
    const a = await login('alice', 'wrong-password');
    const b = await login('mallory', 'alice-password');
    expect([a.status, b.status]).toEqual([401, 401]);
    expect(await a.text()).toBe(await b.text());
  });

  test('10 failed logins in 5 minutes give 429 with Retry-After, then it recovers', async () => {
    h = await startApiHarness();
    const alice = await h.createUser('acme', 'alice', 'reader');
    for (let i = 0; i < 10; i++) expect((await login('alice', `wrong-${i}`)).status).toBe(401);
    const limited = await login('alice', alice.password);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // Another user from the same address is limited too (per-address counter).
    const bob = await h.createUser('acme', 'bob', 'reader');
    expect((await login('bob', bob.password)).status).toBe(429);
    h.clock.advance(5 * 60_000 + 1000);
    expect((await login('alice', alice.password)).status).toBe(200);
    const metrics = await (await h.call('GET', '/metrics')).text();
    expect(metrics).toContain('pharlux_login_failures_total 12');
  });

  test('100 simultaneous wrong logins: 10 answered 401, the rest 429 (review finding 2)', async () => {
    h = await startApiHarness();
    await h.createUser('acme', 'admin', 'admin');
    const statuses = await Promise.all(Array.from({ length: 100 }, () => login('admin', 'wrong-password').then((r) => r.status)));
    expect(statuses.filter((s) => s === 401).length).toBe(10);
    expect(statuses.filter((s) => s === 429).length).toBe(90);
  });

  test('a client behind a local proxy cannot dodge the per-address limit by sending its own X-Forwarded-For (review finding 3)', async () => {
    h = await startApiHarness();
    // What nginx's $proxy_add_x_forwarded_for passes on: the client's header, then the real peer.
    const via = (i: number) => ({ 'x-forwarded-for': `203.0.113.${i}, 198.51.100.7` });
    for (let i = 0; i < 10; i++) expect((await login(`user${i}`, 'wrong-password', via(i))).status).toBe(401);
    expect((await login('someone', 'wrong-password', via(99))).status).toBe(429);
    expect((await login('someone', 'wrong-password', { 'x-forwarded-for': '198.51.100.8' })).status).toBe(401);
  });

  test('a password change ends existing sessions', async () => {
    h = await startApiHarness();
    const admin = await h.createUser('acme', 'root', 'admin');
    const alice = await h.createUser('acme', 'alice', 'reader');
    const adminToken = await h.login('root', admin.password);
    const aliceToken = await h.login('alice', alice.password);
    h.clock.advance(1000);
    const res = await h.call('PUT', `/api/v1/admin/users/${alice.id}`, { token: adminToken, body: { username: 'alice', role: 'reader', password: 'a-new-password' } });
    expect(res.status).toBe(200);
    expect((await h.call('GET', '/api/v1/auth/me', { token: aliceToken })).status).toBe(401);
    expect((await login('alice', 'a-new-password')).status).toBe(200);
  });

  test('a password change ends a session issued in the same instant (review finding 19)', async () => {
    h = await startApiHarness();
    const admin = await h.createUser('acme', 'root', 'admin');
    const alice = await h.createUser('acme', 'alice', 'reader');
    const adminToken = await h.login('root', admin.password);
    const aliceToken = await h.login('alice', alice.password);
    // The manual clock stands still: login, reset and the next login share one second.
    const res = await h.call('PUT', `/api/v1/admin/users/${alice.id}`, { token: adminToken, body: { username: 'alice', role: 'reader', password: 'a-new-password' } });
    expect(res.status).toBe(200);
    expect((await h.call('GET', '/api/v1/auth/me', { token: aliceToken })).status).toBe(401);
    const fresh = await h.login('alice', 'a-new-password');
    expect((await h.call('GET', '/api/v1/auth/me', { token: fresh })).status).toBe(200);
  });

  test('demotion and deletion take effect on the next request', async () => {
    h = await startApiHarness();
    const root = await h.createUser('acme', 'root', 'admin');
    const alice = await h.createUser('acme', 'alice', 'admin');
    const rootToken = await h.login('root', root.password);
    const aliceToken = await h.login('alice', alice.password);
    expect((await h.call('GET', '/api/v1/admin/users', { token: aliceToken })).status).toBe(200);
    await h.call('PUT', `/api/v1/admin/users/${alice.id}`, { token: rootToken, body: { username: 'alice', role: 'reader' } });
    expect((await h.call('GET', '/api/v1/admin/users', { token: aliceToken })).status).toBe(403);
    await h.call('DELETE', `/api/v1/admin/users/${alice.id}`, { token: rootToken });
    expect((await h.call('GET', '/api/v1/auth/me', { token: aliceToken })).status).toBe(401);
  });
});

describe('headers', () => {
  test('API responses, errors and 404s carry the security headers', async () => {
    h = await startApiHarness();
    for (const path of ['/api/v1/health', '/api/v1/nope', '/api/v1/schema']) {
      const res = await h.call('GET', path);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('content-type')).toStartWith('application/json');
    }
    expect((await h.call('GET', '/api/v1/nope')).status).toBe(404);
    expect((await h.call('DELETE', '/api/v1/health')).status).toBe(405);
  });

  test('CORS: allowed origins get headers and preflights; others get none', async () => {
    h = await startApiHarness({ settings: { corsAllowedOrigins: ['https://grafana.example'] } });
    const ok = await h.call('GET', '/api/v1/health', { headers: { origin: 'https://grafana.example' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://grafana.example');
    expect(ok.headers.get('vary')).toContain('Origin');
    const other = await h.call('GET', '/api/v1/health', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await h.call('OPTIONS', '/api/v1/query', { headers: { origin: 'https://grafana.example', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')).toContain('authorization');
    const denied = await h.call('OPTIONS', '/api/v1/query', { headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('/metrics is Prometheus text with API, process and build metrics', async () => {
    h = await startApiHarness();
    await h.call('GET', '/api/v1/health');
    const res = await h.call('GET', '/metrics');
    expect(res.headers.get('content-type')).toStartWith('text/plain; version=0.0.4');
    const text = await res.text();
    expect(text).toContain('# TYPE pharlux_http_requests_total counter');
    expect(text).toContain('pharlux_http_requests_total{route="/api/v1/health",method="GET",status="200"} 1');
    expect(text).toContain('pharlux_http_request_duration_seconds_bucket{route="/api/v1/health",le="+Inf"} 1');
  });
});

// Every route × {no token, malformed, wrong signature, alg none, expired, reader, admin,
// other tenant} gives the documented status (SPEC §8).
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { UnsecuredJWT } from 'jose';
import { TokenService } from '../../src/auth/index.ts';
import { ManualClock } from '../../src/common/index.ts';
import { ROUTES, type Route } from '../../src/server/http/routes.ts';
import { startApiHarness, TEST_JWT_SECRET, type ApiHarness } from './support/api-harness.ts';

type Case = 'none' | 'malformed' | 'basic' | 'wrong_signature' | 'alg_none' | 'expired' | 'reader' | 'admin' | 'other_tenant';
const CASES: Case[] = ['none', 'malformed', 'basic', 'wrong_signature', 'alg_none', 'expired', 'reader', 'admin', 'other_tenant'];

let h: ApiHarness;
let ids: { admin: string; reader: string };
const tokens = {} as Record<Case, string | undefined>;
let seq = 0;

beforeAll(async () => {
  h = await startApiHarness();
  const admin = await h.createUser('acme', 'acme-admin', 'admin');
  const reader = await h.createUser('acme', 'acme-reader', 'reader');
  await h.createUser('beta', 'beta-admin', 'admin');
  ids = { admin: admin.id, reader: reader.id };
  tokens.admin = await h.login('acme-admin', admin.password);
  tokens.reader = await h.login('acme-reader', reader.password);
  tokens.other_tenant = await h.login('beta-admin', 'beta-admin-password');
  tokens.malformed = 'not-a-jwt';
  tokens.wrong_signature = (await new TokenService(new Uint8Array(32).fill(1), 3600, h.clock).issue({ id: admin.id, tenant: 'acme', role: 'admin' })).token;
  tokens.alg_none = new UnsecuredJWT({ tenant: 'acme', role: 'admin' }).setSubject(admin.id).setIssuedAt().setExpirationTime('1h').encode();
  const past = new ManualClock(h.clock.nowMs() - 2 * 3600_000);
  tokens.expired = (await new TokenService(TEST_JWT_SECRET, 3600, past).issue({ id: admin.id, tenant: 'acme', role: 'admin' })).token;
});
afterAll(async () => {
  await h.stop();
});

/** A fresh object in tenant acme for routes with :id, owned by whoever the case needs. */
function fixtureId(route: Route, c: Case): string {
  const { stores } = h.services;
  const name = `obj-${++seq}`;
  if (route.path.startsWith('/api/v1/admin/users')) return stores.users.create({ tenant: 'acme', username: `user-${seq}`, passwordHash: 'x', role: 'reader' }).id;
  if (route.path.startsWith('/api/v1/admin/api-keys')) return stores.apiKeys.create({ tenant: 'acme', name, keyHash: `hash-${seq}`, prefix: 'phx_' }).id;
  if (route.path.startsWith('/api/v1/saved-queries')) return stores.savedQueries.create('acme', c === 'reader' ? ids.reader : ids.admin, { name, sql: 'SELECT 1' }).id;
  if (route.path.startsWith('/api/v1/dashboards')) return stores.dashboards.create('acme', ids.admin, { name }).id;
  if (route.path.startsWith('/api/v1/alerts')) return stores.alertRules.create('acme', { name, sql: 'SELECT 1' }).id;
  throw new Error(`no fixture for ${route.path}`);
}

function bodyFor(route: Route): unknown {
  const name = `new-${++seq}`;
  const key = `${route.method} ${route.path}`;
  switch (key) {
    case 'POST /api/v1/auth/login':
      return { username: 'acme-reader', password: 'acme-reader-password' };
    case 'POST /api/v1/query':
      return { sql: 'GENERATE 3' };
    case 'POST /api/v1/admin/users':
      return { username: name, password: 'long-enough-password', role: 'reader' };
    case 'PUT /api/v1/admin/users/:id':
      return { username: name, role: 'reader' };
    case 'POST /api/v1/admin/api-keys':
    case 'PUT /api/v1/admin/api-keys/:id':
      return { name };
    case 'POST /api/v1/saved-queries':
    case 'PUT /api/v1/saved-queries/:id':
      return { name, sql: 'SELECT 1' };
    case 'POST /api/v1/dashboards':
    case 'PUT /api/v1/dashboards/:id':
    case 'POST /api/v1/dashboards/import':
      return { name, description: '', layout_json: { panels: [] } };
    case 'POST /api/v1/alerts':
    case 'PUT /api/v1/alerts/:id':
      return { name, sql: 'SELECT 1' };
    default:
      return route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
  }
}

/** The documented status for a route and a caller. */
function expectedStatus(route: Route, c: Case): number {
  const creates = route.method === 'POST' && !['/api/v1/query', '/api/v1/auth/login', '/api/v1/auth/logout', '/api/v1/auth/password'].includes(route.path);
  const ok = creates ? 201 : route.method === 'DELETE' || route.path === '/api/v1/auth/logout' ? 204 : 200;
  if (route.access === 'public') return ok;
  if (['none', 'malformed', 'basic', 'wrong_signature', 'alg_none', 'expired'].includes(c)) return 401;
  if (c === 'reader' && route.access === 'admin') return 403;
  if (c === 'other_tenant' && route.path.includes(':id')) return 404;
  return ok;
}

describe('auth matrix', () => {
  for (const route of ROUTES) {
    for (const c of CASES) {
      test(`${route.method} ${route.path} as ${c}`, async () => {
        const path = route.path.includes(':id') ? route.path.replace(':id', fixtureId(route, c)) : route.path;
        const headers: Record<string, string> = {};
        if (c === 'basic') headers.authorization = 'Basic YWRtaW46YWRtaW4=';
        let token = c === 'none' || c === 'basic' ? undefined : tokens[c];
        // Logging out ends the session: use a throw-away one instead of the shared token.
        const isLogout = route.path === '/api/v1/auth/logout';
        if (isLogout && (c === 'reader' || c === 'admin' || c === 'other_tenant')) {
          const username = { reader: 'acme-reader', admin: 'acme-admin', other_tenant: 'beta-admin' }[c];
          token = await h.login(username, `${username}-password`);
        }
        // Changing a password ends all of that user's sessions: use a throw-away user of the case's tenant and role.
        const isPasswordChange = route.path === '/api/v1/auth/password';
        let body = bodyFor(route);
        if (isPasswordChange && (c === 'reader' || c === 'admin' || c === 'other_tenant')) {
          const user = await h.createUser(c === 'other_tenant' ? 'beta' : 'acme', `pw-${++seq}`, c === 'reader' ? 'reader' : 'admin');
          token = await h.login(`pw-${seq}`, user.password);
          body = { current_password: user.password, new_password: 'a-new-long-password' };
        }
        const res = await h.call(route.method, path, { token, body, headers });
        const text = await res.text();
        // Status and the start of the body together, so a failure shows why.
        expect(`${res.status} ${text.slice(0, 200)}`).toStartWith(`${expectedStatus(route, c)} `);
        if (res.status >= 400) expect(JSON.parse(text).error.code).toBeString();
        if (isLogout && token !== undefined && c !== 'malformed') expect((await h.call('GET', '/api/v1/auth/me', { token })).status).toBe(401);
      });
    }
  }

  test('lists never show another tenant’s objects', async () => {
    const { stores } = h.services;
    const lists: [string, (tenant: string) => { id: string }[]][] = [
      ['/api/v1/admin/users', (t) => stores.users.list(t)],
      ['/api/v1/admin/api-keys', (t) => stores.apiKeys.list(t)],
      ['/api/v1/saved-queries', (t) => stores.savedQueries.list(t, null)],
      ['/api/v1/dashboards', (t) => stores.dashboards.list(t)],
      ['/api/v1/alerts', (t) => stores.alertRules.list(t)],
    ];
    for (const [path, inTenant] of lists) {
      const res = await h.call('GET', path, { token: tokens.other_tenant });
      const ids = ((await res.json()) as { items: { id: string }[] }).items.map((i) => i.id).sort();
      expect(ids).toEqual(inTenant('beta').map((o) => o.id).sort());
      expect(inTenant('acme').length).toBeGreaterThan(0);
    }
  });

  test('a reader sees only their own saved queries; someone else’s is 404', async () => {
    const { stores } = h.services;
    const mine = stores.savedQueries.create('acme', ids.reader, { name: `mine-${++seq}`, sql: 'SELECT 1' });
    const admins = stores.savedQueries.create('acme', ids.admin, { name: `admins-${++seq}`, sql: 'SELECT 1' });
    const list = (await (await h.call('GET', '/api/v1/saved-queries', { token: tokens.reader })).json()) as { items: { id: string; owner_id: string }[] };
    expect(list.items.every((q) => q.owner_id === ids.reader)).toBe(true);
    expect(list.items.map((q) => q.id)).toContain(mine.id);
    expect((await h.call('GET', `/api/v1/saved-queries/${admins.id}`, { token: tokens.reader })).status).toBe(404);
    expect((await h.call('DELETE', `/api/v1/saved-queries/${admins.id}`, { token: tokens.reader })).status).toBe(404);
    const adminList = (await (await h.call('GET', '/api/v1/saved-queries', { token: tokens.admin })).json()) as { items: { id: string }[] };
    expect(adminList.items.map((q) => q.id)).toEqual(expect.arrayContaining([mine.id, admins.id]));
  });
});

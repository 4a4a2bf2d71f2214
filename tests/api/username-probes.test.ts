// Usernames are global (login carries no tenant), so an admin who creates or renames a
// user onto a name held in another tenant learns that the name exists (review finding 11).
// The API lets a tenant hear "already taken" at most 10 times in 5 minutes.
import { afterEach, describe, expect, test } from 'bun:test';
import { startApiHarness, type ApiHarness } from './support/api-harness.ts';

let h: ApiHarness;
afterEach(async () => {
  await h.stop();
});

describe('username probes across tenants', () => {
  test('after 10 "already taken" answers a tenant gets 429 for user creation and renames, whatever the name', async () => {
    h = await startApiHarness();
    for (let i = 0; i < 11; i++) await h.createUser('acme', `rita${i}`, 'reader');
    const root = await h.createUser('beta', 'root', 'admin');
    const token = await h.login('root', root.password);
    const create = (username: string) => h.call('POST', '/api/v1/admin/users', { token, body: { username, password: 'long-enough', role: 'reader' } });
    for (let i = 0; i < 10; i++) expect((await create(`rita${i}`)).status).toBe(409);
    const limited = await create('rita10');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // A free name is refused the same way: the 429 tells nothing about the name tried.
    expect((await create('free-name')).status).toBe(429);
    const rename = await h.call('PUT', `/api/v1/admin/users/${root.id}`, { token, body: { username: 'rita10', role: 'admin' } });
    expect(rename.status).toBe(429);
    // Another tenant is not affected; the window moves on.
    const acmeAdmin = await h.createUser('acme', 'boss', 'admin');
    const acmeToken = await h.login('boss', acmeAdmin.password);
    expect((await h.call('POST', '/api/v1/admin/users', { token: acmeToken, body: { username: 'newbie', password: 'long-enough' } })).status).toBe(201);
    h.clock.advance(5 * 60_000 + 1000);
    expect((await create('free-name')).status).toBe(201);
    expect((await create('rita10')).status).toBe(409);
  });
});

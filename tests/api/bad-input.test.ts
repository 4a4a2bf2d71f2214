// Malformed JSON, missing or mistyped fields, oversize bodies, wrong content types and
// invalid objects are JSON errors with the right status, and nothing changes in the
// metadata.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { startApiHarness, type ApiHarness } from './support/api-harness.ts';

let h: ApiHarness;
let token: string;
let ids: Record<string, string>;

beforeAll(async () => {
  h = await startApiHarness({ settings: { maxJsonBodyBytes: 64 * 1024 } });
  const admin = await h.createUser('acme', 'root', 'admin');
  token = await h.login('root', admin.password);
  const { stores } = h.services;
  ids = {
    users: admin.id,
    'api-keys': stores.apiKeys.create({ tenant: 'acme', name: 'k', keyHash: 'h', prefix: 'phx_' }).id,
    'saved-queries': stores.savedQueries.create('acme', admin.id, { name: 'q', sql: 'SELECT 1' }).id,
    dashboards: stores.dashboards.create('acme', admin.id, { name: 'taken' }).id,
    alerts: stores.alertRules.create('acme', { name: 'a', sql: 'SELECT 1' }).id,
  };
  stores.dashboards.create('acme', admin.id, { name: 'other' });
});
afterAll(async () => {
  await h.stop();
});

/** Every metadata row, to prove a failed request changed nothing. */
function snapshot(): string {
  const { db } = h.services.stores;
  return JSON.stringify(['users', 'api_keys', 'saved_queries', 'dashboards', 'alert_rules'].map((t) => db.all(`SELECT * FROM ${t} ORDER BY id`)));
}

const writes: [string, string][] = [
  ['POST', '/api/v1/auth/login'],
  ['POST', '/api/v1/admin/users'],
  ['PUT', '/api/v1/admin/users/{users}'],
  ['POST', '/api/v1/admin/api-keys'],
  ['PUT', '/api/v1/admin/api-keys/{api-keys}'],
  ['POST', '/api/v1/saved-queries'],
  ['PUT', '/api/v1/saved-queries/{saved-queries}'],
  ['POST', '/api/v1/dashboards'],
  ['POST', '/api/v1/dashboards/import'],
  ['PUT', '/api/v1/dashboards/{dashboards}'],
  ['POST', '/api/v1/alerts'],
  ['PUT', '/api/v1/alerts/{alerts}'],
];
const pathOf = (p: string) => p.replace(/\{([\w-]+)\}/, (_, k: string) => ids[k]);

async function expectError(res: Response, status: number, code?: string): Promise<void> {
  const text = await res.text();
  expect(`${res.status} ${text}`).toStartWith(`${status} `);
  const envelope = JSON.parse(text) as { error: { code: string; message: string } };
  if (code !== undefined) expect(envelope.error.code).toBe(code);
  expect(envelope.error.message).toBeString();
}

describe('bad input changes nothing', () => {
  for (const [method, path] of writes) {
    test(`${method} ${path}: malformed JSON, non-object, empty body, wrong type, oversize, missing fields`, async () => {
      const before = snapshot();
      const p = pathOf(path);
      await expectError(await h.call(method, p, { token, body: '{"name": "x",' }), 400, 'invalid_json');
      await expectError(await h.call(method, p, { token, body: '"just a string"' }), 400, 'invalid_argument');
      await expectError(await h.call(method, p, { token, body: '' }), 400, 'invalid_json');
      await expectError(await h.call(method, p, { token, body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'unsupported_media_type');
      await expectError(await h.call(method, p, { token, body: { name: 'x'.repeat(70 * 1024) } }), 413, 'payload_too_large');
      await expectError(await h.call(method, p, { token, body: {} }), 400);
      await expectError(await h.call(method, p, { token, body: { name: 12, username: 12, sql: 12, password: 12 } }), 400);
      expect(snapshot()).toBe(before);
    });
  }

  test('a body larger than the cap sent without Content-Length (chunked) is 413 too', async () => {
    const before = snapshot();
    const chunk = new TextEncoder().encode(' '.repeat(16 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ < 8) c.enqueue(chunk);
        else c.close();
      },
    });
    const res = await fetch(`${h.baseUrl}/api/v1/saved-queries`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
    await expectError(res, 413, 'payload_too_large');
    expect(snapshot()).toBe(before);
  });

  const invalid: [string, string, string, unknown, number][] = [
    ['user with a short password', 'POST', '/api/v1/admin/users', { username: 'eve', password: 'short', role: 'reader' }, 400],
    ['user with an unknown role', 'POST', '/api/v1/admin/users', { username: 'eve', password: 'long-enough', role: 'root' }, 400],
    ['user with a bad username', 'POST', '/api/v1/admin/users', { username: 'has space', password: 'long-enough', role: 'reader' }, 400],
    ['duplicate username', 'POST', '/api/v1/admin/users', { username: 'root', password: 'long-enough', role: 'reader' }, 409],
    ['demoting the last admin', 'PUT', '/api/v1/admin/users/{users}', { username: 'root', role: 'reader' }, 409],
    ['deleting the last admin', 'DELETE', '/api/v1/admin/users/{users}', undefined, 409],
    ['duplicate API key name', 'POST', '/api/v1/admin/api-keys', { name: 'k' }, 409],
    ['blank saved query name', 'POST', '/api/v1/saved-queries', { name: '  ', sql: 'SELECT 1' }, 400],
    ['duplicate saved query', 'POST', '/api/v1/saved-queries', { name: 'q', sql: 'SELECT 1' }, 409],
    ['dashboard renamed onto another', 'PUT', '/api/v1/dashboards/{dashboards}', { name: 'other' }, 409],
    ['dashboard panel off the grid', 'POST', '/api/v1/dashboards', { name: 'd2', layout_json: { panels: [{ id: 'a', type: 'stat', sql: 'SELECT 1', x: 10, y: 0, w: 4, h: 2 }] } }, 400],
    ['dashboard layout not JSON', 'POST', '/api/v1/dashboards', { name: 'd3', layout_json: '{oops' }, 400],
    ['import without a name', 'POST', '/api/v1/dashboards/import', { layout_json: {} }, 400],
    ['import of an existing name', 'POST', '/api/v1/dashboards/import', { name: 'taken' }, 409],
    ['alert with a non-object condition', 'POST', '/api/v1/alerts', { name: 'x', sql: 'SELECT 1', condition: 5 }, 400],
    ['alert with a string for_seconds', 'POST', '/api/v1/alerts', { name: 'x', sql: 'SELECT 1', for_seconds: '60' }, 400],
    ['unknown id', 'GET', '/api/v1/dashboards/00000000-0000-0000-0000-000000000000', undefined, 404],
    ['unknown id with odd characters', 'DELETE', '/api/v1/alerts/%27%3B%20DROP%20TABLE%20users', undefined, 404],
  ];
  for (const [what, method, path, body, status] of invalid) {
    test(`${what} → ${status}`, async () => {
      const before = snapshot();
      await expectError(await h.call(method, pathOf(path), { token, body }), status);
      expect(snapshot()).toBe(before);
    });
  }
});

describe('dashboards over HTTP', () => {
  test('export then import into another tenant gives the same document', async () => {
    const layout = { refresh: '1m', variables: [{ name: 'svc', type: 'text', default: 'api' }], panels: [{ id: 'p', title: 'T', type: 'timeseries', sql: 'SELECT 1', x: 0, y: 0, w: 12, h: 4 }] };
    const created = await h.call('POST', '/api/v1/dashboards', { token, body: { name: 'Exported', description: 'd', layout_json: JSON.stringify(layout) } });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    const exported = await h.call('GET', `/api/v1/dashboards/${id}/export`, { token });
    expect(exported.headers.get('content-disposition')).toContain('Exported.json');
    const doc = (await exported.json()) as Record<string, unknown>;
    expect(Object.keys(doc).sort()).toEqual(['description', 'layout_json', 'name']);
    const other = await h.createUser('beta', 'beta-root', 'admin');
    const betaToken = await h.login('beta-root', other.password);
    const imported = await h.call('POST', '/api/v1/dashboards/import', { token: betaToken, body: doc });
    expect(imported.status).toBe(201);
    const again = (await (await h.call('GET', `/api/v1/dashboards/${((await imported.json()) as { id: string }).id}/export`, { token: betaToken })).json()) as unknown;
    expect(again).toEqual(doc);
    const overwritten = await h.call('POST', '/api/v1/dashboards/import?overwrite=true', { token: betaToken, body: { ...doc, description: 'new' } });
    expect(overwritten.status).toBe(200);
  });

  test('a reader can read and export dashboards but not change them', async () => {
    const reader = await h.createUser('acme', 'viewer', 'reader');
    const readerToken = await h.login('viewer', reader.password);
    expect((await h.call('GET', '/api/v1/dashboards', { token: readerToken })).status).toBe(200);
    expect((await h.call('GET', `/api/v1/dashboards/${ids.dashboards}/export`, { token: readerToken })).status).toBe(200);
    expect((await h.call('PUT', `/api/v1/dashboards/${ids.dashboards}`, { token: readerToken, body: { name: 'mine' } })).status).toBe(403);
    expect((await h.call('POST', '/api/v1/dashboards/import', { token: readerToken, body: { name: 'mine' } })).status).toBe(403);
  });

  test('an API key is shown once and never listed', async () => {
    const res = await h.call('POST', '/api/v1/admin/api-keys', { token, body: { name: 'collector' } });
    const created = (await res.json()) as { id: string; key: string; prefix: string };
    expect(created.key).toMatch(/^phx_/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    const listed = await (await h.call('GET', '/api/v1/admin/api-keys', { token })).text();
    expect(listed).not.toContain(created.key);
    expect(await h.services.apiKeyResolver.resolveTenant(created.key)).toBe('acme');
  });
});

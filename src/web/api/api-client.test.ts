import { describe, expect, test } from 'bun:test';
import { ApiClient, normalizeSchema, unwrapList, type TokenStore } from './api-client.ts';
import { ApiRequestError } from './api-error.ts';

function memoryStore(): TokenStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

describe('API client', () => {
  test('login keeps the token and later requests send it', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const store = memoryStore();
    const api = new ApiClient({
      baseUrl: 'http://x',
      tokenStore: store,
      fetch: async (url, init) => {
        calls.push({ url, init });
        if (url.endsWith('/login')) return Response.json({ token: 'tok', expires_at: '', user: { username: 'a', role: 'admin' } });
        return Response.json({ columns: [], rows: [], row_count: 0, truncated: false, elapsed_ms: 1 });
      },
    });
    await api.login('a', 'p');
    await api.query('SELECT 1', { limit: 5 });
    expect(calls[1].url).toBe('http://x/api/v1/query');
    expect((calls[1].init.headers as Record<string, string>).authorization).toBe('Bearer tok');
    expect(JSON.parse(String(calls[1].init.body))).toEqual({ sql: 'SELECT 1', limit: 5 });
    expect(calls[1].init.credentials).toBe('same-origin');
  });
  test('error envelopes become ApiRequestError; 401 forgets the token and notifies once', async () => {
    const store = memoryStore();
    store.setItem('pharlux.token', 'old');
    let unauthorized = 0;
    const api = new ApiClient({
      tokenStore: store,
      onUnauthorized: () => unauthorized++,
      fetch: async (url) =>
        url.includes('query') ? Response.json({ error: { code: 'sql_syntax', message: 'bad at line 1, column 2' } }, { status: 400 }) : Response.json({ error: { code: 'unauthenticated', message: 'expired' } }, { status: 401 }),
    });
    const err = await api.query('x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect(err).toMatchObject({ code: 'sql_syntax', status: 400, message: 'bad at line 1, column 2' });
    await api.listDashboards().catch(() => {});
    expect(unauthorized).toBe(1);
    expect(store.data.has('pharlux.token')).toBe(false);
  });
  test('non-JSON errors and network failures are described', async () => {
    const api = new ApiClient({ fetch: async () => new Response('gateway down', { status: 502 }) });
    expect(await api.health().catch((e: unknown) => e)).toMatchObject({ code: 'http_502', message: 'gateway down' });
    const offline = new ApiClient({
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    expect(await offline.health().catch((e: unknown) => e)).toMatchObject({ code: 'network', status: 0 });
  });
  test('lists and schema in the shapes a server may answer', () => {
    expect(unwrapList([1])).toEqual([1]);
    expect(unwrapList({ dashboards: [2] })).toEqual([2]);
    expect(unwrapList(null)).toEqual([]);
    expect(normalizeSchema({ tables: [{ name: 'logs', columns: [{ name: 'body', type: 'string' }] }] })[0].columns[0].name).toBe('body');
    expect(normalizeSchema({ tables: { spans: [{ name: 'name', type: 'string' }] } })).toEqual([{ name: 'spans', columns: [{ name: 'name', type: 'string' }] }]);
  });
});

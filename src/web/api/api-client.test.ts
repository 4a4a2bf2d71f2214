import { describe, expect, test } from 'bun:test';
import { ApiClient, normalizeSchema, unwrapList } from './api-client.ts';
import { ApiRequestError } from './api-error.ts';

describe('API client', () => {
  test('the session cookie is the only credential: no Authorization header after login, same-origin credentials (review finding 16)', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const api = new ApiClient({
      baseUrl: 'http://x',
      fetch: async (url, init) => {
        calls.push({ url, init });
        if (url.endsWith('/login')) return Response.json({ token: 'tok', expires_at: '', user: { username: 'a', role: 'admin' } });
        return Response.json({ columns: [], rows: [], row_count: 0, truncated: false, elapsed_ms: 1 });
      },
    });
    await api.login('a', 'p');
    await api.query('SELECT 1', { limit: 5 });
    expect(calls[1].url).toBe('http://x/api/v1/query');
    expect(calls[1].init.headers).toEqual({ accept: 'application/json', 'content-type': 'application/json' });
    expect(JSON.stringify(calls[1].init)).not.toContain('tok');
    expect(JSON.parse(String(calls[1].init.body))).toEqual({ sql: 'SELECT 1', limit: 5 });
    expect(calls.every((c) => c.init.credentials === 'same-origin')).toBe(true);
  });
  test('logout asks the server (which clears the cookie)', async () => {
    const calls: string[] = [];
    const api = new ApiClient({ fetch: async (url, init) => (calls.push(`${init.method} ${url}`), new Response(null, { status: 204 })) });
    await api.logout();
    expect(calls).toEqual(['POST /api/v1/auth/logout']);
  });
  test('error envelopes become ApiRequestError; 401 notifies once per request', async () => {
    let unauthorized = 0;
    const api = new ApiClient({
      onUnauthorized: () => unauthorized++,
      fetch: async (url) =>
        url.includes('query') ? Response.json({ error: { code: 'sql_syntax', message: 'bad at line 1, column 2' } }, { status: 400 }) : Response.json({ error: { code: 'unauthenticated', message: 'expired' } }, { status: 401 }),
    });
    const err = await api.query('x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect(err).toMatchObject({ code: 'sql_syntax', status: 400, message: 'bad at line 1, column 2' });
    await api.listDashboards().catch(() => {});
    expect(unauthorized).toBe(1);
    expect(await api.me()).toBeNull(); // /auth/me's 401 means "signed out", not an error
    expect(unauthorized).toBe(1);
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

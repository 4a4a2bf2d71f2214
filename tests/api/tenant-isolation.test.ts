// Two tenants with API keys ingest the same metric names over OTLP; each sees only its
// own rows through SQL (joins, CTEs, UNION ALL, subqueries), in every output format and
// through `pharlux query`. Real server, real ingest, real engine.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { tableFromIPC } from 'apache-arrow';
import { join, resolve } from 'node:path';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const ROOT = resolve(import.meta.dir, '../..');
let server: ServerProcess;
const tokens: Record<string, string> = {};
const keys: Record<string, string> = {};

async function pharlux(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const proc = Bun.spawn([process.execPath, join(ROOT, 'main.ts'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env },
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, stdout, stderr };
}

async function api(method: string, path: string, token: string | undefined, body?: unknown, accept = 'application/json'): Promise<Response> {
  const headers: Record<string, string> = { accept };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(server.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** An OTLP/JSON gauge request: `points` points of metric `name` with value `value`. */
function gaugeRequest(name: string, value: number, points: number, service: string): string {
  const now = Date.now();
  return JSON.stringify({
    resourceMetrics: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeMetrics: [
          {
            scope: { name: 'isolation-test' },
            metrics: [
              {
                name,
                gauge: {
                  dataPoints: Array.from({ length: points }, (_, i) => ({
                    timeUnixNano: `${now - 60_000 + i * 1000}000000`,
                    asDouble: value,
                    attributes: [{ key: 'i', value: { intValue: String(i) } }],
                  })),
                },
              },
            ],
          },
        ],
      },
    ],
  });
}

function otlp(body: string, key?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== undefined) headers.authorization = `Bearer ${key}`;
  return fetch(`http://127.0.0.1:${server.otlpHttpPort}/v1/metrics`, { method: 'POST', headers, body });
}

async function sql(tenant: string, text: string): Promise<Record<string, unknown>[]> {
  const res = await api('POST', '/api/v1/query', tokens[tenant], { sql: text });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${res.status} ${body}`);
  return (JSON.parse(body) as { rows: Record<string, unknown>[] }).rows;
}

beforeAll(async () => {
  server = await startServerProcess({
    env: { PHARLUX_INGEST_REQUIRE_API_KEY: 'true', PHARLUX_ADMIN_PASSWORD: 'default-admin-pw', PHARLUX_TELEMETRY_SELF_SCRAPE_SECONDS: '0' },
  });
  for (const tenant of ['acme', 'beta']) {
    const added = await pharlux(['user', 'add', '--username', `${tenant}-admin`, '--password', `${tenant}-password`, '--admin', '--tenant', tenant, '--data-dir', server.dataDir]);
    expect(added.code).toBe(0);
    const login = await api('POST', '/api/v1/auth/login', undefined, { username: `${tenant}-admin`, password: `${tenant}-password` });
    tokens[tenant] = ((await login.json()) as { token: string }).token;
    const key = await api('POST', '/api/v1/admin/api-keys', tokens[tenant], { name: 'collector' });
    expect(key.status).toBe(201);
    keys[tenant] = ((await key.json()) as { key: string }).key;
  }
  // Same metric names in both tenants, different counts and values.
  expect((await otlp(gaugeRequest('http.requests', 1, 3, 'checkout'), keys.acme)).status).toBe(200);
  expect((await otlp(gaugeRequest('queue.depth', 10, 2, 'checkout'), keys.acme)).status).toBe(200);
  expect((await otlp(gaugeRequest('http.requests', 2, 5, 'checkout'), keys.beta)).status).toBe(200);
  expect((await otlp(gaugeRequest('queue.depth', 20, 4, 'payments'), keys.beta)).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await server.stop();
});

describe('tenant isolation through SQL', () => {
  test('OTLP without a key, or with an unknown key, is refused', async () => {
    expect((await otlp(gaugeRequest('x', 1, 1, 's'))).status).toBe(401);
    expect((await otlp(gaugeRequest('x', 1, 1, 's'), `phx_${'A'.repeat(43)}`)).status).toBe(401);
  });

  test('a deleted API key is refused on the very next request (review finding 15)', async () => {
    const created = await api('POST', '/api/v1/admin/api-keys', tokens.acme, { name: 'short-lived' });
    const { id, key } = (await created.json()) as { id: string; key: string };
    // An empty request: the key is checked and cached, and no rows are added.
    const empty = JSON.stringify({ resourceMetrics: [] });
    expect((await otlp(empty, key)).status).toBe(200);
    expect((await api('DELETE', `/api/v1/admin/api-keys/${id}`, tokens.acme)).status).toBe(204);
    expect((await otlp(empty, key)).status).toBe(401);
    expect((await otlp(empty, keys.acme)).status).toBe(200);
  });

  test('plain scans and aggregates see only the caller’s tenant', async () => {
    expect(await sql('acme', 'SELECT count(*) AS n, sum(value) AS s FROM metrics')).toEqual([{ n: 5, s: 23 }]);
    expect(await sql('beta', 'SELECT count(*) AS n, sum(value) AS s FROM metrics')).toEqual([{ n: 9, s: 90 }]);
    expect(await sql('acme', 'SELECT DISTINCT tenant_id FROM metrics')).toEqual([{ tenant_id: 'acme' }]);
    expect(await sql('acme', "SELECT count(*) AS n FROM metrics WHERE tenant_id = 'beta'")).toEqual([{ n: 0 }]);
  });

  test('joins, CTEs, UNION ALL and subqueries cannot reach the other tenant', async () => {
    expect(await sql('acme', 'SELECT count(*) AS n FROM metrics a JOIN metrics b ON a.name = b.name')).toEqual([{ n: 3 * 3 + 2 * 2 }]);
    expect(await sql('beta', 'SELECT count(*) AS n FROM metrics a LEFT JOIN metrics b ON a.name = b.name')).toEqual([{ n: 5 * 5 + 4 * 4 }]);
    expect(await sql('acme', 'WITH x AS (SELECT * FROM metrics) SELECT count(*) AS n, max(value) AS m FROM x')).toEqual([{ n: 5, m: 10 }]);
    expect(await sql('acme', 'SELECT count(*) AS n FROM (SELECT value FROM metrics UNION ALL SELECT value FROM metrics) u')).toEqual([{ n: 10 }]);
    expect(await sql('acme', "SELECT count(*) AS n FROM metrics WHERE name IN (SELECT name FROM metrics WHERE service_name = 'payments')")).toEqual([{ n: 0 }]);
    expect(await sql('beta', "SELECT count(*) AS n FROM metrics WHERE name IN (SELECT name FROM metrics WHERE service_name = 'payments')")).toEqual([{ n: 4 }]);
    expect(await sql('acme', 'SELECT count(*) AS n FROM traces')).toEqual([{ n: 0 }]);
  });

  test('the default tenant (first-run admin) sees none of it', async () => {
    const login = await api('POST', '/api/v1/auth/login', undefined, { username: 'admin', password: 'default-admin-pw' });
    tokens.default = ((await login.json()) as { token: string }).token;
    expect(await sql('default', 'SELECT count(*) AS n FROM metrics')).toEqual([{ n: 0 }]);
  });

  test('every format carries the same rows', async () => {
    const q = { sql: "SELECT name, value, timestamp FROM metrics WHERE name = 'http.requests' ORDER BY timestamp" };
    const json = (await (await api('POST', '/api/v1/query', tokens.beta, q)).json()) as { columns: { name: string; type: string }[]; rows: { name: string; value: number; timestamp: string }[] };
    expect(json.columns).toEqual([
      { name: 'name', type: 'text' },
      { name: 'value', type: 'double' },
      { name: 'timestamp', type: 'timestamp' },
    ]);
    expect(json.rows.map((r) => r.value)).toEqual([2, 2, 2, 2, 2]);
    expect(json.rows[0].timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    const csv = await (await api('POST', '/api/v1/query', tokens.beta, q, 'text/csv')).text();
    expect(csv.trimEnd().split('\r\n')).toEqual(['name,value,timestamp', ...json.rows.map((r) => `http.requests,2,${r.timestamp}`)]);
    const nd = await (await api('POST', '/api/v1/query', tokens.beta, q, 'application/x-ndjson')).text();
    expect(nd.trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual(json.rows);
    const arrow = tableFromIPC(new Uint8Array(await (await api('POST', '/api/v1/query', tokens.beta, q, 'application/vnd.apache.arrow.stream')).arrayBuffer()));
    expect(arrow.numRows).toBe(5);
    expect(arrow.getChild('value')?.toArray()).toEqual(new Float64Array([2, 2, 2, 2, 2]));
  });

  test('pharlux query against the server prints the expected table', async () => {
    const out = await pharlux(['query', 'SELECT name, count(*) AS points FROM metrics GROUP BY name ORDER BY name', '--url', server.baseUrl], { PHARLUX_TOKEN: tokens.acme });
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual(['name          | points', '--------------+-------', 'http.requests |      3', 'queue.depth   |      2']);
    expect(lines[4]).toMatch(/^\(2 rows, [\d.]+ ms\)$/);
  }, 30_000);
});

describe('pharlux query --data-dir', () => {
  test('refuses while the server runs, then reads the flushed data once it has stopped', async () => {
    const busy = await pharlux(['query', 'SELECT 1', '--data-dir', server.dataDir]);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain('a running server holds it, so query that server instead');
    expect(busy.stderr).not.toContain('stop that process first');
    expect(await server.stop({ keepDataDir: true })).toBe(0);
    const table = await pharlux(['query', 'SELECT name, sum(value) AS total FROM metrics GROUP BY name ORDER BY name', '--data-dir', server.dataDir, '--tenant', 'beta']);
    expect(table.stderr).toBe('');
    expect(table.stdout.split('\n').slice(0, 4)).toEqual(['name          | total', '--------------+------', 'http.requests |    10', 'queue.depth   |    80']);
    const csv = await pharlux(['query', 'SELECT count(*) AS n FROM metrics', '--data-dir', server.dataDir, '--format', 'csv']);
    expect(csv).toMatchObject({ code: 0, stdout: 'n\r\n0\r\n' });
    const nd = await pharlux(['query', 'SELECT count(*) AS n FROM metrics', '--data-dir', server.dataDir, '--tenant', 'acme', '--format', 'ndjson']);
    expect(nd).toMatchObject({ code: 0, stdout: '{"n":5}\n' });
    const bad = await pharlux(['query', 'SELECT nme FROM metrics', '--data-dir', server.dataDir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('column "nme" does not exist');
  }, 60_000);
});

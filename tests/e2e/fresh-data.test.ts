// "Queryable the instant it is acknowledged": through the real front doors (OTLP/HTTP in,
// POST /api/v1/query out, queries on worker threads), a record is returned by the very
// next query after its 200, every time, while the head is also being flushed to Parquet.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const PASSWORD = 'fresh-data-admin-password';
let server: ServerProcess;
let token = '';

beforeAll(async () => {
  // A tiny head forces frequent flushes, so some queries race a head → part publish.
  server = await startServerProcess({ env: { PHARLUX_ADMIN_PASSWORD: PASSWORD, PHARLUX_STORAGE_HEAD_MAX_BYTES: String(1024 * 1024), PHARLUX_TELEMETRY_SELF_SCRAPE_SECONDS: '0' } });
  const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  token = ((await login.json()) as { token: string }).token;
});
afterAll(async () => {
  await server.stop();
});

async function sql(query: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${server.baseUrl}/api/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ sql: query }),
  });
  const body = (await res.json()) as { rows?: Record<string, unknown>[]; error?: unknown };
  if (res.status !== 200) throw new Error(`query failed: ${res.status} ${JSON.stringify(body)}`);
  return body.rows ?? [];
}

function logRecord(marker: string, padding: number): string {
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'fresh' } }] },
        scopeLogs: [
          {
            logRecords: [
              { timeUnixNano: `${Date.now()}000000`, severityNumber: 9, body: { stringValue: `${marker} ${'x'.repeat(padding)}` } },
            ],
          },
        ],
      },
    ],
  });
}

describe('fresh data', () => {
  test('each acknowledged record is returned by the very next query (200 rounds)', async () => {
    for (let i = 0; i < 200; i++) {
      const marker = `fresh-${i}-${crypto.randomUUID()}`;
      const ack = await fetch(`http://127.0.0.1:${server.otlpHttpPort}/v1/logs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: logRecord(marker, 20_000),
      });
      expect(ack.status).toBe(200);
      await ack.arrayBuffer();
      const rows = await sql(`SELECT count(*) AS n FROM logs WHERE starts_with(body, '${marker} ')`);
      expect({ i, n: rows[0]?.n }).toEqual({ i, n: 1 });
    }
    // ~4 MB of bodies through a 1 MiB head: several flushes happened meanwhile, and no row is seen twice.
    const total = await sql(`SELECT count(*) AS n, count(DISTINCT body) AS d FROM logs WHERE body LIKE 'fresh-%'`);
    expect(total[0]).toEqual({ n: 200, d: 200 });
    expect(server.logs()).toContain('flushed head to parts');
  });
});

/**
 * Review finding 13 through the HTTP API: deeply nested SQL is a 400 sql_syntax error
 * with a clear message (it was "Maximum call stack size exceeded", reported as 500), and
 * an 80k-term OR chain runs.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createInProcessQueryService, type ManagedQueryService } from '../../src/server/engine-query-service.ts';
import { startApiHarness, type ApiHarness } from '../api/support/api-harness.ts';
import { fixtureTables } from '../sql/fixture-data.ts';

let h: ApiHarness;
let service: ManagedQueryService;
let token: string;

beforeAll(async () => {
  service = createInProcessQueryService(fixtureTables(), { memoryBytes: 256 * 1024 * 1024, timeoutMs: 30_000, maxConcurrent: 4 });
  h = await startApiHarness({ query: service, settings: { maxJsonBodyBytes: 4 * 1024 * 1024 } });
  const user = await h.createUser('acme', 'reader1', 'reader');
  token = await h.login('reader1', user.password);
});
afterAll(async () => {
  await h.stop();
  await service.close();
});

async function query(sql: string): Promise<{ status: number; body: { error?: { code: string; message: string }; rows?: Record<string, unknown>[] } }> {
  const res = await h.call('POST', '/api/v1/query', { token, body: { sql } });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
}

describe('deeply nested SQL over HTTP', () => {
  const deep: [string, string][] = [
    ['50k parentheses', `SELECT ${'('.repeat(50_000)}1${')'.repeat(50_000)}`],
    ['100k NOTs', `SELECT count(*) FROM spans WHERE ${'NOT '.repeat(100_000)}true`],
    ['a 20k-term sum', `SELECT ${Array(20_000).fill('duration_ns').join(' + ')} FROM spans`],
  ];
  for (const [name, sql] of deep) {
    test(`${name} → 400 sql_syntax naming the limit and the position`, async () => {
      const r = await query(sql);
      expect(r.status).toBe(400);
      expect(r.body.error?.code).toBe('sql_syntax');
      expect(r.body.error?.message).toMatch(/nested too deeply \(more than 256 levels\) at line 1, column \d+/);
    });
  }

  test('an 80k-term OR chain runs', async () => {
    const sql = `SELECT count(*) AS n FROM spans WHERE ${Array.from({ length: 80_000 }, (_, i) => `name = 'n${i}'`).join(' OR ')} OR name = 'render'`;
    const r = await query(sql);
    expect(r.status).toBe(200);
    expect(r.body.rows?.[0]?.n).toBe(4);
  });
});

/**
 * A statement too large for a recursive stage of the engine fails as the query's error
 * (program_limit_exceeded → HTTP 400), never as a stack overflow (500).
 */
import { expect, test } from 'bun:test';
import { AppError } from '../../src/common/index.ts';
import { runQuery } from '../../src/query/index.ts';

const context = { tenant: 'default', catalog: { tables: new Map() }, limits: { memoryBytes: 256 << 20, timeoutMs: 60_000, maxResultRows: 10 } };

test('100,000 UNION ALL branches: a clear query error, not a stack overflow', async () => {
  const sql = Array.from({ length: 100_000 }, () => 'SELECT 1 AS x').join(' UNION ALL ');
  const err = await runQuery(sql, context).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('program_limit_exceeded');
  expect((err as Error).message).toContain('too complex');
});

test('a few thousand UNION ALL branches still run', async () => {
  const sql = Array.from({ length: 3_000 }, (_, i) => `SELECT ${i} AS x`).join(' UNION ALL ');
  const r = await runQuery(`SELECT count(*) AS n, sum(x) AS s FROM (${sql}) t`, context);
  expect(r.rowCount).toBe(1);
});

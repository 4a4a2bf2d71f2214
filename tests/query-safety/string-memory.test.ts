/**
 * Review finding 1: strings built by expressions count against the query's memory
 * budget by their real size, and one string value is capped at 10 M characters.
 * Before the fix, the budget counted 16 bytes per value whatever its length, so
 * `concat(repeat('a', 10000000), …)` could take gigabytes.
 */
import { describe, expect, test } from 'bun:test';
import { makeBatch, MemoryTableSource, METRICS_SCHEMA, type TableSource, type Vector } from '../../src/columnar/index.ts';
import { runQuery, type QueryContext } from '../../src/query/index.ts';
import { FIXTURE_NOW_MS, FIXTURE_TENANT } from '../sql/fixture-data.ts';

const MIB = 1024 * 1024;

/** A metrics table of `rows` points; `value` is distinct per row (0, 1, 2, ...). */
function metricsTable(rows: number): Map<string, TableSource> {
  const table = new MemoryTableSource('metrics', METRICS_SCHEMA);
  const values = new Float64Array(rows);
  const ms = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    values[i] = i;
    ms[i] = FIXTURE_NOW_MS - 1000 - i;
  }
  const zerosI32 = new Int32Array(rows);
  const zerosF64 = new Float64Array(rows);
  const columns: Vector[] = METRICS_SCHEMA.fields.map((f): Vector => {
    switch (f.type) {
      case 'string':
      case 'json':
        return { type: f.type, length: rows, codes: zerosI32, dict: [f.name === 'tenant_id' ? FIXTURE_TENANT : f.type === 'json' ? '{}' : 'x'] };
      case 'timestamp':
        return { type: 'timestamp', length: rows, ms, nanos: zerosI32, validity: null };
      case 'float64':
        return { type: 'float64', length: rows, values: f.name === 'value' ? values : zerosF64, validity: null };
      case 'int64':
        return { type: 'int64', length: rows, values: zerosF64, validity: null };
      case 'boolean':
        return { type: 'boolean', length: rows, values: new Uint8Array(rows), validity: null };
    }
  });
  table.append(makeBatch(METRICS_SCHEMA, columns));
  return new Map<string, TableSource>([['metrics', table]]);
}

function context(tables: Map<string, TableSource>, memoryMb: number, batchRows?: number): QueryContext {
  return {
    tenant: FIXTURE_TENANT,
    catalog: { tables },
    limits: { memoryBytes: memoryMb * MIB, timeoutMs: 60_000, maxResultRows: 100_000 },
    nowMs: FIXTURE_NOW_MS,
    batchRows,
  };
}

async function errorCode(sql: string, ctx: QueryContext): Promise<string> {
  const err: unknown = await runQuery(sql, ctx).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  return (err as { code?: string }).code ?? String(err);
}

const noTables = new Map<string, TableSource>();

describe('string values count against the memory budget', () => {
  test("the reviewer's repro (concat of 100 × repeat('a', 10000000)) fails with the memory or length error", async () => {
    const args = Array.from({ length: 100 }, () => "repeat('a', 10000000)").join(', ');
    const code = await errorCode(`SELECT length(concat(${args}))`, context(noTables, 256));
    expect(['query_memory_exceeded', 'program_limit_exceeded']).toContain(code);
  });

  test('one string value longer than 10 M characters is refused (concat, ||, replace, regexp_replace, upper)', async () => {
    const ctx = context(noTables, 1024);
    const tooLong = [
      "SELECT length(concat(repeat('a', 6000000), repeat('b', 6000000)))",
      "SELECT length(repeat('a', 6000000) || repeat('b', 6000000))",
      "SELECT length(replace(repeat('a', 1000000), 'a', 'aaaaaaaaaaaaaaaaaaaa'))",
      "SELECT length(regexp_replace(repeat('a', 1000000), 'a', 'bbbbbbbbbbbbbbbbbbbbbb', 'g'))",
      "SELECT length(regexp_replace(repeat('a', 1000000), '(a+)', '\\1\\1\\1\\1\\1\\1\\1\\1\\1\\1\\1', 'g'))",
      "SELECT length(regexp_replace(repeat('a', 1000), '', repeat('b', 20000), 'g'))",
      "SELECT length(upper(repeat('ß', 6000000)))",
    ];
    for (const sql of tooLong) expect(`${sql} → ${await errorCode(sql, ctx)}`).toBe(`${sql} → program_limit_exceeded`);
    const err = await runQuery(tooLong[0], ctx).catch((e: unknown) => e);
    expect((err as Error).message).toContain('10000000');
  });

  test('strings just under the cap still work', async () => {
    const r = await runQuery("SELECT length(repeat('a', 5000000) || repeat('b', 5000000)) AS n", context(noTables, 256));
    expect(r.batches[0].columns[0]).toMatchObject({ values: Float64Array.of(10_000_000) });
  });

  test("regexp_replace follows PostgreSQL's replacement syntax (\\1, \\&, \\\\; $ is literal)", async () => {
    const r = await runQuery(
      "SELECT regexp_replace('abc-123-def', '(\\d+)', '<\\1|\\&|$1|\\\\>', 'g') AS a, regexp_replace('a1b2', '\\d', '$&') AS b, regexp_replace('x-12', '(y)?\\d+', '[\\1\\2]') AS c",
      context(noTables, 16),
    );
    const cols = r.batches[0].columns as readonly { codes: Int32Array; dict: readonly string[] }[];
    expect(cols.map((c) => c.dict[c.codes[0]])).toEqual(['abc-<123|123|$1|\\>-def', 'a$&b2', 'x-[]']);
  });

  test('a batch of long distinct strings fails with the budget error while it is built', async () => {
    // 200 rows × ~1 M characters each: ~400 MB by the 2-bytes-a-character estimate.
    const code = await errorCode("SELECT length(repeat(CAST(value AS text) || 'x', 200000)) FROM metrics", context(metricsTable(200), 32));
    expect(code).toBe('query_memory_exceeded');
  });

  test('result rows are charged by their string bytes', async () => {
    // Batches of 4 rows keep every evaluated vector small (4 × ~600 KB); the result
    // (300 rows × ~600 KB ≈ 180 MB by the estimate) is what crosses the budget.
    const code = await errorCode("SELECT repeat(CAST(value AS text) || 'x', 100000) AS s FROM metrics", context(metricsTable(300), 32, 4));
    expect(code).toBe('query_memory_exceeded');
  });

  test('a small query with strings still runs within a small budget', async () => {
    const r = await runQuery("SELECT repeat(CAST(value AS text), 10) AS s FROM metrics ORDER BY value LIMIT 3", context(metricsTable(1000), 4));
    expect(r.rowCount).toBe(3);
  });
});

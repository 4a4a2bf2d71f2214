/**
 * Resource control: the per-query memory budget (a GROUP BY with millions of distinct
 * keys fails with the SPEC's message while small queries keep working and RSS stays
 * bounded), timeouts, max result rows, snapshot release on every path, and fresh data.
 */
import { describe, expect, test } from 'bun:test';
import {
  batchFromRows,
  batchToRows,
  makeBatch,
  MemoryTableSource,
  METRICS_SCHEMA,
  type Batch,
  type TableSnapshot,
  type TableSource,
  type Vector,
} from '../../src/columnar/index.ts';
import { QueryCancelledError, QueryMemoryExceededError, QueryTimeoutError, runQuery, UnknownColumnError, type QueryContext } from '../../src/query/index.ts';
import { fixtureTables, FIXTURE_NOW_MS, FIXTURE_TENANT } from './fixture-data.ts';

const MIB = 1024 * 1024;

/**
 * A metrics table of `rows` points with distinct `value`s, built from typed arrays that
 * columns share where they can (so the test itself stays small in memory).
 */
function bigMetricsTable(rows: number, tenant: string): MemoryTableSource {
  const table = new MemoryTableSource('metrics', METRICS_SCHEMA);
  const chunk = 1 << 20;
  for (let start = 0; start < rows; start += chunk) {
    const n = Math.min(chunk, rows - start);
    const values = new Float64Array(n);
    const ms = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      values[i] = start + i;
      ms[i] = FIXTURE_NOW_MS - 1000 - ((start + i) % 3_000_000);
    }
    const zerosI32 = new Int32Array(n);
    const zerosF64 = new Float64Array(n);
    const columns: Vector[] = METRICS_SCHEMA.fields.map((f): Vector => {
      switch (f.type) {
        case 'string':
        case 'json':
          return { type: f.type, length: n, codes: zerosI32, dict: [f.name === 'tenant_id' ? tenant : f.type === 'json' ? '{}' : 'x'] };
        case 'timestamp':
          return { type: 'timestamp', length: n, ms, nanos: zerosI32, validity: null };
        case 'float64':
          return { type: 'float64', length: n, values: f.name === 'value' ? values : zerosF64, validity: null };
        case 'int64':
          return { type: 'int64', length: n, values: zerosF64, validity: null };
        case 'boolean':
          return { type: 'boolean', length: n, values: new Uint8Array(n), validity: null };
      }
    });
    table.append(makeBatch(METRICS_SCHEMA, columns));
  }
  return table;
}

function context(tables: Map<string, TableSource>, overrides: Partial<QueryContext['limits']> = {}): QueryContext {
  return {
    tenant: FIXTURE_TENANT,
    catalog: { tables },
    limits: { memoryBytes: 256 * MIB, timeoutMs: 60_000, maxResultRows: 100_000, ...overrides },
    nowMs: FIXTURE_NOW_MS,
  };
}

describe('memory budget', () => {
  test('a GROUP BY over millions of distinct keys fails with the budget error; small queries keep working', async () => {
    const big = bigMetricsTable(3_000_000, FIXTURE_TENANT);
    const tables = fixtureTables();
    tables.set('metrics', big);
    const heavy = runQuery('SELECT value, count(*) FROM metrics GROUP BY value', context(tables, { memoryBytes: 64 * MIB }));
    const small = Array.from({ length: 4 }, () => runQuery('SELECT service_name, count(*) FROM spans GROUP BY 1', context(tables, { memoryBytes: 64 * MIB })));
    const err = await heavy.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryMemoryExceededError);
    expect((err as Error).message).toBe('query exceeded its 64 MB memory budget (query.memory_mb); narrow the time range or add a LIMIT');
    expect((err as QueryMemoryExceededError).code).toBe('query_memory_exceeded');
    for (const r of await Promise.all(small)) expect(r.rowCount).toBe(4);
    // The same data with a LIMIT-friendly query still works under the same budget.
    const ok = await runQuery('SELECT count(*) AS n, max(value) AS m FROM metrics', context(tables, { memoryBytes: 64 * MIB }));
    expect(batchToRows(ok.batches[0])).toEqual([{ n: 3_000_000, m: 2_999_999 }]);
    expect(process.memoryUsage().rss).toBeLessThan(1024 * MIB);
  }, 60_000);

  test('the message names the configured budget', async () => {
    const tables = fixtureTables();
    const err = await runQuery('SELECT * FROM spans ORDER BY name', context(tables, { memoryBytes: 4096 })).catch((e: unknown) => e);
    expect((err as Error).message).toBe('query exceeded its 0 MB memory budget (query.memory_mb); narrow the time range or add a LIMIT');
  });
});

describe('timeouts and cancellation', () => {
  test('a long query times out with QueryTimeoutError', async () => {
    const err = await runQuery('SELECT count(*) FROM spans a, spans b, spans c, spans d, spans e', context(fixtureTables(), { timeoutMs: 50 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryTimeoutError);
    expect((err as QueryTimeoutError).code).toBe('query_timeout');
  });

  test('an aborted signal cancels the query', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 30);
    const err = await runQuery('SELECT count(*) FROM spans a, spans b, spans c, spans d, spans e', { ...context(fixtureTables()), signal: ac.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryCancelledError);
  });
});

describe('max result rows', () => {
  test('marks the result truncated past the limit', async () => {
    const r = await runQuery('SELECT span_id FROM spans ORDER BY span_id', context(fixtureTables(), { maxResultRows: 5 }));
    expect(r.rowCount).toBe(5);
    expect(r.truncated).toBe(true);
    expect(r.batches.flatMap(batchToRows).map((x) => x.span_id)).toEqual(['span01', 'span02', 'span03', 'span04', 'span05']);
    const exact = await runQuery('SELECT span_id FROM spans LIMIT 5', context(fixtureTables(), { maxResultRows: 5 }));
    expect(exact.truncated).toBe(false);
  });
});

/** A TableSource that counts open snapshots. */
function counting(source: TableSource, open: { n: number; taken: number }): TableSource {
  return {
    name: source.name,
    schema: source.schema,
    snapshot(): TableSnapshot {
      const s = source.snapshot();
      open.n++;
      open.taken++;
      let released = false;
      return {
        schema: s.schema,
        statistics: (t) => s.statistics(t),
        scan: (r) => s.scan(r),
        release: () => {
          if (!released) open.n--;
          released = true;
          s.release();
        },
      };
    },
  };
}

describe('snapshots', () => {
  test('one snapshot per table per query, released on success, error, timeout and cancellation', async () => {
    const open = { n: 0, taken: 0 };
    const tables = new Map([...fixtureTables()].map(([k, v]) => [k, counting(v, open)]));
    await runQuery('SELECT count(*) FROM spans a JOIN spans b ON a.trace_id = b.trace_id WHERE a.trace_id IN (SELECT trace_id FROM spans)', context(tables));
    expect(open).toEqual({ n: 0, taken: 1 });
    await runQuery('SELECT CAST(name AS bigint) FROM spans', context(tables)).catch(() => {});
    await runQuery('SELECT count(*) FROM spans a, spans b, spans c, spans d, spans e', context(tables, { timeoutMs: 20 })).catch(() => {});
    await runQuery('SELECT count(*) FROM logs l, spans b, spans c, spans d', { ...context(tables), signal: AbortSignal.abort() }).catch(() => {});
    expect(open.n).toBe(0);
    expect(open.taken).toBe(5); // the last query read two tables
    await expect(runQuery('SELECT nope FROM spans', context(tables))).rejects.toBeInstanceOf(UnknownColumnError);
    expect(open.taken).toBe(5); // binding failed before any snapshot
  });
});

describe('fresh data', () => {
  test('a row appended to a table is returned by the very next query', async () => {
    // Integration hook: with storage, the append is Storage.append(...) resolving (the
    // acknowledgement); the engine sees it because every query takes a new snapshot.
    const tables = fixtureTables();
    const logs = tables.get('logs') as MemoryTableSource;
    const before = await runQuery("SELECT count(*) AS n FROM logs WHERE body = 'fresh row'", context(tables));
    expect(batchToRows(before.batches[0])).toEqual([{ n: 0 }]);
    const row: Batch = batchFromRows(logs.schema, [
      { tenant_id: FIXTURE_TENANT, timestamp: BigInt(FIXTURE_NOW_MS) * 1_000_000n, severity_number: 9, body: 'fresh row', flags: 0, service_name: 'api', attributes: '{}', resource: '{}' },
    ]);
    logs.append(row);
    const after = await runQuery("SELECT count(*) AS n FROM logs WHERE body = 'fresh row'", context(tables));
    expect(batchToRows(after.batches[0])).toEqual([{ n: 1 }]);
  });
});

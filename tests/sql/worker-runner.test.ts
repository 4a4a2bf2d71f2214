/**
 * The worker-thread runner over in-memory catalogs: same answers as in-process, errors
 * keep their class, snapshots are released exactly once, cancellation works, and a
 * worker that stops answering is terminated and replaced.
 */
import { afterEach, describe, expect, test } from 'bun:test';
import { batchToRows, type Batch, type TableName } from '../../src/columnar/index.ts';
import { QueryCancelledError, QueryTimeoutError, runQuery, UnknownColumnError, WorkerQueryRunner } from '../../src/query/index.ts';
import { fixtureRows, fixtureTables, FIXTURE_NOW_MS, FIXTURE_TENANT } from './fixture-data.ts';
import type { MemoryCatalogDescription } from './support/memory-worker-entry.ts';
import { batchFromRows, LOGS_SCHEMA, METRICS_SCHEMA, SPANS_SCHEMA } from '../../src/columnar/index.ts';

const ENTRY = new URL('./support/memory-worker-entry.ts', import.meta.url);
const limits = { memoryBytes: 64 << 20, timeoutMs: 10_000, maxResultRows: 1000 };

function fixtureBatches(): { name: TableName; batches: Batch[] }[] {
  const rows = fixtureRows();
  return [
    { name: 'spans', batches: [batchFromRows(SPANS_SCHEMA, rows.spans)] },
    { name: 'logs', batches: [batchFromRows(LOGS_SCHEMA, rows.logs)] },
    { name: 'metrics', batches: [batchFromRows(METRICS_SCHEMA, rows.metrics)] },
  ];
}

let runner: WorkerQueryRunner<null> | null = null;
afterEach(async () => {
  await runner?.close();
  runner = null;
});

function makeRunner(spinFirst = false, killGraceMs = 2000) {
  const released: number[] = [];
  let described = 0;
  let spin = spinFirst;
  const tables = fixtureBatches();
  runner = new WorkerQueryRunner<null>({
    workerEntry: ENTRY,
    workers: 2,
    createPeer: () => null,
    killGraceMs,
    describeCatalog: () => {
      const n = ++described;
      const description: MemoryCatalogDescription = { tables, spin };
      spin = false;
      return { description, release: () => released.push(n) };
    },
  });
  return { runner, released, described: () => described };
}

describe('WorkerQueryRunner', () => {
  test('answers like the in-process engine, with transferred batches', async () => {
    const { runner, released } = makeRunner();
    const sql = "SELECT s.service_name, count(*) AS n, max(l.timestamp) AS last FROM spans s JOIN logs l ON s.trace_id = l.trace_id GROUP BY 1 ORDER BY 1";
    const remote = await runner.run(sql, { tenant: FIXTURE_TENANT, limits, nowMs: FIXTURE_NOW_MS });
    const local = await runQuery(sql, { tenant: FIXTURE_TENANT, catalog: { tables: fixtureTables() }, limits, nowMs: FIXTURE_NOW_MS });
    expect(remote.columns).toEqual(local.columns);
    expect(remote.batches.flatMap(batchToRows)).toEqual(local.batches.flatMap(batchToRows));
    expect(remote.batches[0].columns[0].type).toBe('string');
    expect(released).toEqual([1]);
  });

  test('runs queries concurrently on the pool', async () => {
    const { runner, released } = makeRunner();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => runner.run(`SELECT count(*) + ${i} AS n FROM logs`, { tenant: FIXTURE_TENANT, limits })),
    );
    expect(results.map((r) => batchToRows(r.batches[0])[0].n)).toEqual([30, 31, 32, 33, 34, 35]);
    expect(released.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test('rebuilds engine errors with their class and message', async () => {
    const { runner, released } = makeRunner();
    const err = await runner.run('SELECT nme FROM spans', { tenant: FIXTURE_TENANT, limits }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownColumnError);
    expect((err as UnknownColumnError).code).toBe('sql_unknown_column');
    expect((err as Error).message).toBe('column "nme" does not exist at line 1, column 8; did you mean "name"?');
    expect(released).toEqual([1]);
  });

  test('cancels a query when the caller aborts', async () => {
    const { runner } = makeRunner();
    const ac = new AbortController();
    const p = runner.run('SELECT count(*) FROM spans a, spans b, spans c, spans d, spans e', { tenant: FIXTURE_TENANT, limits, signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    await expect(p).rejects.toBeInstanceOf(QueryCancelledError);
  });

  test('terminates and replaces a worker that stops answering, then keeps serving', async () => {
    const spinning = makeRunner(true, 100);
    const p = spinning.runner.run('SELECT 1', { tenant: FIXTURE_TENANT, limits: { ...limits, timeoutMs: 100 } });
    await expect(p).rejects.toBeInstanceOf(QueryTimeoutError);
    expect(spinning.released).toEqual([1]);
    const after = await spinning.runner.run('SELECT count(*) AS n FROM spans', { tenant: FIXTURE_TENANT, limits });
    expect(batchToRows(after.batches[0])).toEqual([{ n: 24 }]);
  });
});

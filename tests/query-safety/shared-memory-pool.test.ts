/**
 * The memory all running queries share (2 × query.memory_mb on a server): a query whose
 * reservation would cross it fails with a retryable memory error, whatever its own budget
 * leaves; what a query held goes back when it ends, also from a worker thread.
 */
import { afterEach, expect, test } from 'bun:test';
import { batchFromRows, LOGS_SCHEMA, METRICS_SCHEMA, SPANS_SCHEMA, type Batch, type TableName } from '../../src/columnar/index.ts';
import { AppError } from '../../src/common/index.ts';
import { createMemoryPool, runQuery, WorkerQueryRunner } from '../../src/query/index.ts';
import { MemoryPool, releaseSlot } from '../../src/query/exec/index.ts';
import { fixtureRows, fixtureTables, FIXTURE_NOW_MS, FIXTURE_TENANT } from '../sql/fixture-data.ts';
import type { MemoryCatalogDescription } from '../sql/support/memory-worker-entry.ts';

const MIB = 1 << 20;
// Sorts every log row: more than 4 KiB of state, far less than the 64 MiB budget.
const HEAVY = 'SELECT body, timestamp, attributes FROM logs ORDER BY body, timestamp';

let runner: WorkerQueryRunner<null> | null = null;
afterEach(async () => {
  await runner?.close();
  runner = null;
});

test('a query that would cross the shared pool fails, retryably; the pool is empty again afterwards', async () => {
  const share = createMemoryPool(4 * 1024);
  const pool = new MemoryPool(share);
  const limits = { memoryBytes: 64 * MIB, timeoutMs: 10_000, maxResultRows: 1000, memoryPool: share };
  const err = await runQuery(HEAVY, { tenant: FIXTURE_TENANT, catalog: { tables: fixtureTables() }, limits, nowMs: FIXTURE_NOW_MS }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('query_memory_exceeded');
  expect((err as AppError).retryable).toBe(true);
  expect((err as Error).message).toContain('reached the 0 MB they may hold together');
  expect(pool.usedBytes).toBe(0);
  // Without the pool's limit in the way the same query runs, and gives back what it held.
  const roomy = createMemoryPool(256 * MIB);
  const ok = await runQuery(HEAVY, { tenant: FIXTURE_TENANT, catalog: { tables: fixtureTables() }, limits: { ...limits, memoryPool: roomy }, nowMs: FIXTURE_NOW_MS });
  expect(ok.rowCount).toBeGreaterThan(10);
  expect(new MemoryPool(roomy).usedBytes).toBe(0);
});

test('queries on worker threads draw from the same pool as the main thread sees it', async () => {
  const rows = fixtureRows();
  const tables: { name: TableName; batches: Batch[] }[] = [
    { name: 'spans', batches: [batchFromRows(SPANS_SCHEMA, rows.spans)] },
    { name: 'logs', batches: [batchFromRows(LOGS_SCHEMA, rows.logs)] },
    { name: 'metrics', batches: [batchFromRows(METRICS_SCHEMA, rows.metrics)] },
  ];
  runner = new WorkerQueryRunner<null>({
    workerEntry: new URL('../sql/support/memory-worker-entry.ts', import.meta.url),
    workers: 2,
    createPeer: () => null,
    describeCatalog: () => ({ description: { tables, spin: false } satisfies MemoryCatalogDescription, release: () => {} }),
  });
  const share = createMemoryPool(64 * 1024);
  const pool = new MemoryPool(share);
  // The main thread holds most of the pool: the worker's query cannot get its share.
  pool.reserve(60 * 1024, 64);
  const limits = { memoryBytes: 64 * MIB, timeoutMs: 10_000, maxResultRows: 1000, memoryPool: share };
  const err = await runner.run(HEAVY, { tenant: FIXTURE_TENANT, limits, nowMs: FIXTURE_NOW_MS }).catch((e: unknown) => e);
  expect((err as AppError).code).toBe('query_memory_exceeded');
  expect(pool.usedBytes).toBe(60 * 1024);
  pool.release(60 * 1024);
  const small = await runner.run('SELECT count(*) AS n FROM logs', { tenant: FIXTURE_TENANT, limits, nowMs: FIXTURE_NOW_MS });
  expect(small.rowCount).toBe(1);
  expect(pool.usedBytes).toBe(0);
});

test('slots: the pool is the sum of its threads; a terminated worker\'s slot is returned whole', async () => {
  const share = createMemoryPool(10_000);
  const main = new MemoryPool(share);
  const worker = new MemoryPool({ ...share, slot: 1 });
  worker.reserve(6_000, 1);
  main.reserve(3_000, 1);
  expect(main.usedBytes).toBe(9_000);
  expect(() => main.reserve(2_000, 1)).toThrow('reached the 0 MB they may hold together');
  releaseSlot(share, 1);
  expect(main.usedBytes).toBe(3_000);
  main.release(3_000);
  expect(worker.usedBytes).toBe(0);

  // The runner zeroes the slot of a worker it terminates (here: one stuck past its timeout).
  const rows = fixtureRows();
  let spin = true;
  runner = new WorkerQueryRunner<null>({
    workerEntry: new URL('../sql/support/memory-worker-entry.ts', import.meta.url),
    workers: 1,
    createPeer: () => null,
    killGraceMs: 50,
    describeCatalog: () => {
      const description: MemoryCatalogDescription = { tables: [{ name: 'logs', batches: [batchFromRows(LOGS_SCHEMA, rows.logs)] }], spin };
      spin = false;
      return { description, release: () => {} };
    },
  });
  // What the stuck worker "holds" (it never gets to release it).
  new MemoryPool({ ...share, slot: 1 }).reserve(5_000, 1);
  const limits = { memoryBytes: 64 * MIB, timeoutMs: 100, maxResultRows: 10, memoryPool: share };
  const stuck = await runner.run('SELECT count(*) FROM logs', { tenant: FIXTURE_TENANT, limits, nowMs: FIXTURE_NOW_MS }).catch((e: unknown) => e);
  expect((stuck as AppError).code).toBe('query_timeout');
  expect(main.usedBytes).toBe(0);
});

/**
 * The query worker's decoded-chunk cache over real storage (WorkerStorageCatalog driven
 * in this thread, exactly as query-worker-entry.ts drives it in a worker): a repeated
 * query reads no Parquet pages and answers the same; parts that compaction replaced are
 * dropped from the cache at the next query; dropCaches makes the next query cold;
 * through a real WorkerQueryRunner the second run of a query is served by the cache; and
 * with two workers a query returns to the worker that ran it (whose cache has its data).
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { batchToRows, TABLE_SCHEMAS, batchFromRows } from '../../src/columnar/index.ts';
import { workerEntry } from '../../src/common/index.ts';
import { runQuery, WorkerQueryRunner, type QueryLimits } from '../../src/query/index.ts';
import { describeStorageCatalog, QUERY_WORKERS, WorkerStorageCatalog } from '../../src/server/storage-catalog.ts';
import { DictionaryPeer, type Storage } from '../../src/storage/index.ts';
import { appendBatch, openScratchStorage } from './storage-dataset.ts';

const TENANT = 'cache';
const limits: QueryLimits = { memoryBytes: 64 << 20, timeoutMs: 30_000, maxResultRows: 10_000 };
// An hour long closed, so that compaction merges its parts.
const BASE_NS = BigInt(Date.UTC(2026, 0, 5, 10, 0, 0)) * 1_000_000n;
let storage: Storage;
let remove: () => Promise<void>;

function metricRows(from: number, n: number): Record<string, string | number | bigint | null>[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return {
      tenant_id: TENANT,
      timestamp: BASE_NS + BigInt(i) * 1_000_000_000n,
      name: `m${i % 5}`,
      type: 'gauge',
      value: (i * 7) % 101,
      flags: 0,
      service_name: `svc-${i % 3}`,
      attributes: '{}',
      resource: '{}',
    };
  });
}

beforeAll(async () => {
  const scratch = await openScratchStorage('pharlux-worker-cache-');
  storage = scratch.storage;
  remove = scratch.remove;
  // Two flushes of the same hour: two parts, which compaction later merges into one.
  await appendBatch(storage, 'metrics', TENANT, batchFromRows(TABLE_SCHEMAS.metrics, metricRows(0, 1500)));
  await storage.flush();
  await appendBatch(storage, 'metrics', TENANT, batchFromRows(TABLE_SCHEMAS.metrics, metricRows(1500, 1500)));
  await storage.flush();
}, 60_000);

afterAll(async () => {
  await remove?.();
});

/** Runs `sql` through a WorkerStorageCatalog opened in this thread, as a query worker would. */
async function once(catalog: WorkerStorageCatalog, sql: string): Promise<{ rows: Record<string, unknown>[]; plan: readonly string[] }> {
  const described = describeStorageCatalog(storage, TENANT, peer);
  try {
    const opened = catalog.open(described.description, { limits, workers: 1 });
    const result = await runQuery(sql, { tenant: TENANT, catalog: opened.catalog, limits });
    return { rows: result.batches.flatMap(batchToRows), plan: result.plan ?? [] };
  } finally {
    described.release();
  }
}

/** The query's rows, then the pages each scan read when it ran again under EXPLAIN ANALYZE. */
async function viaCatalog(catalog: WorkerStorageCatalog, sql: string): Promise<{ rows: unknown[]; pagesRead: number[] }> {
  const { rows } = await once(catalog, sql);
  const { plan } = await once(catalog, `EXPLAIN ANALYZE ${sql}`);
  const pagesRead = plan.flatMap((line) => [...line.matchAll(/pages=(\d+)\/\d+/g)].map((m) => Number(m[1])));
  expect(pagesRead.length).toBeGreaterThan(0);
  return { rows, pagesRead };
}

const peer = new DictionaryPeer();
const SQL = "SELECT name, count(*) AS n, avg(value) AS a, max(value) AS mx FROM metrics WHERE service_name = 'svc-1' GROUP BY name ORDER BY name";

test('a repeated query is answered from the cache; replaced parts are dropped; dropCaches makes it cold', async () => {
  const catalog = new WorkerStorageCatalog();
  const first = await viaCatalog(catalog, SQL);
  expect(first.rows.length).toBe(5);
  // EXPLAIN ANALYZE ran right after the query: every page it needed was cached.
  expect(first.pagesRead.every((p) => p === 0)).toBe(true);
  const stats = catalog.cacheStats();
  expect(stats.parts).toBe(2);
  expect(stats.maxBytes).toBe(limits.memoryBytes / QUERY_WORKERS);
  expect(stats.hits).toBeGreaterThan(0);

  const second = await viaCatalog(catalog, SQL);
  expect(second.rows).toEqual(first.rows);

  await storage.compact();
  const afterCompaction = await viaCatalog(catalog, SQL);
  expect(afterCompaction.rows).toEqual(first.rows);
  // Only the compacted part is cached now.
  expect(catalog.cacheStats().parts).toBe(1);

  catalog.dropCaches();
  expect(catalog.cacheStats().entries).toBe(0);
  const cold = await viaCatalog(catalog, SQL);
  expect(cold.rows).toEqual(first.rows);
  expect(catalog.cacheStats().parts).toBe(1);
});

test('through a worker: the second run reads no pages; dropCaches makes the next run read them again', async () => {
  const runner = new WorkerQueryRunner<DictionaryPeer>({
    workerEntry: workerEntry('src/server/query-worker-entry.ts'),
    workers: 1,
    createPeer: () => new DictionaryPeer(),
    describeCatalog: (tenant, p) => describeStorageCatalog(storage, tenant, p),
  });
  try {
    const pages = async (): Promise<number[]> => {
      const r = await runner.run(`EXPLAIN ANALYZE ${SQL}`, { tenant: TENANT, limits });
      const text = r.batches.flatMap(batchToRows).map((row) => String(row.plan)).join('\n');
      return [...text.matchAll(/pages=(\d+)\/\d+/g)].map((m) => Number(m[1]));
    };
    const cold = await pages();
    expect(cold.some((p) => p > 0)).toBe(true);
    expect((await pages()).every((p) => p === 0)).toBe(true);
    await runner.dropCaches();
    expect(await pages()).toEqual(cold);
    const answer = await runner.run(SQL, { tenant: TENANT, limits });
    expect(answer.batches.flatMap(batchToRows).length).toBe(5);
  } finally {
    await runner.close();
  }
}, 30_000);

test('with two workers, queries that arrive together spread out and each returns to its worker', async () => {
  const runner = new WorkerQueryRunner<DictionaryPeer>({
    workerEntry: workerEntry('src/server/query-worker-entry.ts'),
    workers: 2,
    createPeer: () => new DictionaryPeer(),
    describeCatalog: (tenant, p) => describeStorageCatalog(storage, tenant, p),
  });
  try {
    // Different columns, so one worker's cache cannot serve the other query.
    const q1 = 'SELECT sum(value) AS s FROM metrics';
    const q2 = 'SELECT max(timestamp) AS t, count(flags) AS f FROM metrics';
    await Promise.all([runner.run(q1, { tenant: TENANT, limits }), runner.run(q2, { tenant: TENANT, limits })]);
    const pages = async (sql: string): Promise<number[]> => {
      const r = await runner.run(`EXPLAIN ANALYZE ${sql}`, { tenant: TENANT, limits });
      const text = r.batches.flatMap(batchToRows).map((row) => String(row.plan)).join('\n');
      return [...text.matchAll(/pages=(\d+)\/\d+/g)].map((m) => Number(m[1]));
    };
    // Run one at a time, each would go to the first (idle) worker without affinity.
    expect((await pages(q2)).every((p) => p === 0)).toBe(true);
    expect((await pages(q1)).every((p) => p === 0)).toBe(true);
  } finally {
    await runner.close();
  }
}, 30_000);

/**
 * Differential tests over real Parquet parts: the random dataset is ingested into a
 * Storage (WAL → head → flushed and compacted parts), Pharlux queries the storage
 * snapshots, DuckDB reads the very same part files (Hive-partitioned, tenant `d`).
 * DIFF_PARQUET_QUERIES overrides the count (default 600).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { TABLE_NAMES, type TableSource } from '../../src/columnar/index.ts';
import type { QueryContext } from '../../src/query/index.ts';
import { runDifferential } from './differential-runner.ts';
import { DIFF_TENANT, generateDataset } from './random-data.ts';
import { duckParquetView, openScratchStorage, writeRows } from './storage-dataset.ts';

const QUERIES = Number(process.env.DIFF_PARQUET_QUERIES ?? 600);
const SEED = Number(process.env.DIFF_SEED ?? 20261130) + 7;

let conn: DuckDBConnection;
let ctx: QueryContext;
let remove: () => Promise<void> = async () => {};

beforeAll(async () => {
  const data = generateDataset(SEED);
  const scratch = await openScratchStorage('pharlux-sql-diff-');
  remove = scratch.remove;
  await writeRows(scratch.storage, data);
  const inst = await DuckDBInstance.create(':memory:', { threads: '1' });
  conn = await inst.connect();
  for (const t of TABLE_NAMES) await conn.run(duckParquetView(scratch.dir, t, DIFF_TENANT));
  ctx = {
    tenant: DIFF_TENANT,
    catalog: { tables: new Map<string, TableSource>(TABLE_NAMES.map((t) => [t, scratch.storage.table(t)])) },
    limits: { memoryBytes: 256 * 1024 * 1024, timeoutMs: 30_000, maxResultRows: 1_000_000 },
    batchRows: 1000,
  };
}, 60_000);

afterAll(async () => {
  conn?.closeSync();
  await remove();
});

test(`${QUERIES} random queries agree with DuckDB over the same Parquet parts`, async () => {
  const r = await runDifferential(ctx, conn, QUERIES, SEED + 1);
  process.stderr.write(`differential (parquet): pharlux ${r.oursMs.toFixed(0)} ms, duckdb ${r.theirsMs.toFixed(0)} ms\n`);
  expect(r.failures).toEqual([]);
}, 170_000);

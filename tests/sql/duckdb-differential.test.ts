/**
 * Differential tests over in-memory tables: seeded random queries (random-query.ts) run
 * on Pharlux (MemoryTableSource with tenant `d` plus invisible `x` rows) and on DuckDB
 * loaded with the same `d` rows; results must be equal. DIFF_QUERIES and DIFF_SEED
 * override the count (default 2000) and seed. The Parquet variant is
 * duckdb-parquet-differential.test.ts.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { batchFromRows, LOGS_SCHEMA, MemoryTableSource, METRICS_SCHEMA, SPANS_SCHEMA, type Schema, type TableName, type TableSource } from '../../src/columnar/index.ts';
import type { QueryContext } from '../../src/query/index.ts';
import { runDifferential } from './differential-runner.ts';
import { loadDuckTable } from './duckdb-fixture.ts';
import { DIFF_TENANT, generateDataset, type Row } from './random-data.ts';

const QUERIES = Number(process.env.DIFF_QUERIES ?? 2000);
const SEED = Number(process.env.DIFF_SEED ?? 20261130);

let conn: DuckDBConnection;
let ctx: QueryContext;

function memoryTable(name: TableName, schema: Schema, rows: Row[]): TableSource {
  const t = new MemoryTableSource(name, schema);
  // Several batches, so that multi-batch paths and dictionary merging are exercised.
  for (let i = 0; i < rows.length; i += 500) t.append(batchFromRows(schema, rows.slice(i, i + 500)));
  return t;
}

beforeAll(async () => {
  const data = generateDataset(SEED);
  const inst = await DuckDBInstance.create(':memory:', { threads: '1' });
  conn = await inst.connect();
  const mine = (rows: Row[]): Row[] => rows.filter((r) => r.tenant_id === DIFF_TENANT);
  await loadDuckTable(conn, 'spans', SPANS_SCHEMA, mine(data.spans));
  await loadDuckTable(conn, 'logs', LOGS_SCHEMA, mine(data.logs));
  await loadDuckTable(conn, 'metrics', METRICS_SCHEMA, mine(data.metrics));
  ctx = {
    tenant: DIFF_TENANT,
    catalog: {
      tables: new Map([
        ['spans', memoryTable('spans', SPANS_SCHEMA, data.spans)],
        ['logs', memoryTable('logs', LOGS_SCHEMA, data.logs)],
        ['metrics', memoryTable('metrics', METRICS_SCHEMA, data.metrics)],
      ]),
    },
    limits: { memoryBytes: 256 * 1024 * 1024, timeoutMs: 30_000, maxResultRows: 1_000_000 },
    batchRows: 700,
  };
});

afterAll(() => {
  conn?.closeSync();
});

test(`${QUERIES} random queries agree with DuckDB (in-memory tables)`, async () => {
  const r = await runDifferential(ctx, conn, QUERIES, SEED + 1);
  process.stderr.write(`differential (memory): pharlux ${r.oursMs.toFixed(0)} ms, duckdb ${r.theirsMs.toFixed(0)} ms\n`);
  expect(r.failures).toEqual([]);
}, 170_000);

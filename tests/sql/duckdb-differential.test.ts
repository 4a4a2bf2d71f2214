/**
 * Differential tests: thousands of seeded random queries (random-query.ts) run on
 * Pharlux (MemoryTableSource with tenant `d` plus invisible `x` rows) and on DuckDB
 * loaded with the same `d` rows; results must be equal (doubles to 1e-9 relative).
 * DIFF_QUERIES and DIFF_SEED override the count (default 2000) and seed.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { batchFromRows, batchToRows, LOGS_SCHEMA, MemoryTableSource, METRICS_SCHEMA, SPANS_SCHEMA, type Schema, type TableName, type TableSource } from '../../src/columnar/index.ts';
import { runQuery, type QueryContext } from '../../src/query/index.ts';
import { loadDuckTable, normaliseDuckValue } from './duckdb-fixture.ts';
import { createRandom, DIFF_TENANT, generateDataset, type Row } from './random-data.ts';
import { QueryGenerator } from './random-query.ts';

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
  const inst = await DuckDBInstance.create(':memory:');
  conn = await inst.connect();
  await conn.run('SET threads = 1');
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

type Value = null | boolean | number | string | bigint;

function canonical(v: Value): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(9);
  if (typeof v === 'bigint') return `ts:${v}`;
  return JSON.stringify(v);
}

function sameValue(a: Value, b: Value): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return true;
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return a === b;
}

function sameRows(ours: Value[][], theirs: Value[][], ordered: boolean): boolean {
  if (ours.length !== theirs.length) return false;
  const key = (r: Value[]): string => r.map(canonical).join('\u0001');
  const a = ordered ? ours : [...ours].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
  const b = ordered ? theirs : [...theirs].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
  return a.every((row, i) => row.length === b[i].length && row.every((v, j) => sameValue(v, b[i][j])));
}

test(`${QUERIES} random queries agree with DuckDB`, async () => {
  const gen = new QueryGenerator(createRandom(SEED + 1));
  const failures: string[] = [];
  let oursMs = 0;
  let theirsMs = 0;
  for (let i = 0; i < QUERIES; i++) {
    const q = gen.next();
    let ours: Value[][];
    const t0 = performance.now();
    try {
      const r = await runQuery(q.sql, ctx);
      ours = r.batches.flatMap((b) => batchToRows(b).map((row) => b.schema.fields.map((f) => row[f.name] as Value)));
    } catch (err) {
      failures.push(`#${i} pharlux error: ${(err as Error).message}\n  ${q.sql}`);
      continue;
    }
    const t1 = performance.now();
    oursMs += t1 - t0;
    let theirs: Value[][];
    try {
      const r = await conn.runAndReadAll(q.sql);
      theirs = r.getRows().map((row) => row.map((v) => normaliseDuckValue(v) as Value));
    } catch (err) {
      failures.push(`#${i} duckdb error: ${(err as Error).message.split('\n')[0]}\n  ${q.sql}`);
      continue;
    }
    theirsMs += performance.now() - t1;
    if (!sameRows(ours, theirs, q.ordered)) {
      failures.push(`#${i} results differ (${ours.length} vs ${theirs.length} rows)\n  ${q.sql}\n  pharlux: ${JSON.stringify(ours.slice(0, 5), (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}\n  duckdb:  ${JSON.stringify(theirs.slice(0, 5), (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`);
    }
    if (failures.length >= 10) break;
  }
  process.stderr.write(`differential: pharlux ${oursMs.toFixed(0)} ms, duckdb ${theirsMs.toFixed(0)} ms\n`);
  expect(failures).toEqual([]);
}, 170_000);

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchToRows, TABLE_NAMES, TABLE_SCHEMAS, type TableName } from '../../src/columnar/index.ts';
import { encodePart } from '../../src/storage/parquet/index.ts';
import { canonicalRows, randomBatch } from './part-fixtures.ts';

let dir = '';
let instance: DuckDBInstance;
let db: DuckDBConnection;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pharlux-duckdb-'));
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  db = await instance.connect();
});

afterAll(() => {
  db.closeSync();
  instance.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

/** SELECT list that brings every column back exactly: timestamps as epoch ns, json as text. */
function exactSelect(table: TableName): string {
  return TABLE_SCHEMAS[table].fields
    .map((f) => (f.type === 'timestamp' ? `epoch_ns("${f.name}") AS "${f.name}"` : f.type === 'json' ? `CAST("${f.name}" AS VARCHAR) AS "${f.name}"` : `"${f.name}"`))
    .join(', ');
}

function normalise(table: TableName, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of TABLE_SCHEMAS[table].fields) {
    const v = row[f.name];
    out[f.name] = v === undefined ? null : f.type === 'int64' && typeof v === 'bigint' ? Number(v) : v;
  }
  return out;
}

describe('DuckDB reads our parts', () => {
  for (const table of TABLE_NAMES) {
    test(`${table}: same rows, exact ns timestamps, statistics that prune correctly`, async () => {
      // DuckDB cannot evaluate time filters over ±infinity timestamps; extremes are checked below.
      const input = [randomBatch(table, 3000, 41, { extremeTimestamps: false }), randomBatch(table, 1000, 42, { distinctStrings: 3, extremeTimestamps: false })];
      const path = join(dir, `${table}.parquet`);
      writeFileSync(path, encodePart(table, input, { compression: 'zstd', zstdLevel: 3, rowGroupRows: 1500, pageRows: 200 }));
      const rows = input.flatMap((b) => batchToRows(b));
      const columns = TABLE_SCHEMAS[table].fields.map((f) => f.name);

      const read = await db.runAndReadAll(`SELECT ${exactSelect(table)} FROM read_parquet('${path}')`);
      const duck = read.getRowObjectsJS().map((r) => normalise(table, r));
      expect(duck.length).toBe(rows.length);
      expect(canonicalRows(duck, columns)).toEqual(canonicalRows(rows, columns));

      const type = await db.runAndReadAll(`SELECT typeof("timestamp") FROM read_parquet('${path}') LIMIT 1`);
      expect(type.getRows()[0][0]).toBe('TIMESTAMP_NS');

      const sumFlags = rows.reduce((s, r) => s + BigInt(r.flags as number), 0n);
      const agg = await db.runAndReadAll(`SELECT count(*), sum(flags)::HUGEINT, count(scope_name) FROM read_parquet('${path}')`);
      expect(agg.getRows()[0].map((v) => BigInt(v as bigint))).toEqual([BigInt(rows.length), sumFlags, BigInt(rows.filter((r) => r.scope_name !== null).length)]);

      // Filters DuckDB may answer from our statistics, page indexes and bloom filters.
      const times = rows.map((r) => r.timestamp as bigint).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (const q of [0.01, 0.3, 0.97]) {
        const t = times[Math.floor(q * times.length)];
        const want = times.filter((x) => x >= t).length;
        const got = await db.runAndReadAll(`SELECT count(*) FROM read_parquet('${path}') WHERE epoch_ns("timestamp") >= ${t} AND "timestamp" >= make_timestamp_ns(${t})`);
        expect(Number(got.getRows()[0][0])).toBe(want);
      }
      const service = rows[17].service_name as string;
      const svc = await db.runAndReadAll(`SELECT count(*) FROM read_parquet('${path}') WHERE service_name = $1`, [service]);
      expect(Number(svc.getRows()[0][0])).toBe(rows.filter((r) => r.service_name === service).length);
      if (table !== 'metrics') {
        const trace = rows.find((r) => r.trace_id !== null)?.trace_id as string;
        const tr = await db.runAndReadAll(`SELECT count(*) FROM read_parquet('${path}') WHERE trace_id = $1`, [trace]);
        expect(Number(tr.getRows()[0][0])).toBe(rows.filter((r) => r.trace_id === trace).length);
      }
    });
  }

  test('int64 extremes keep their exact value; DuckDB calls ±(2^63 - 1) infinity', async () => {
    const input = randomBatch('logs', 2000, 43, { edgeRate: 0.3 });
    const path = join(dir, 'extremes.parquet');
    writeFileSync(path, encodePart('logs', [input], { compression: 'zstd', zstdLevel: 3 }));
    const rows = batchToRows(input);
    const res = await db.runAndReadAll(`SELECT isinf("timestamp"), epoch_ns("timestamp") FROM read_parquet('${path}')`);
    const got = res.getRows();
    expect(got.map((r) => r[1] as bigint).sort()).toEqual(rows.map((r) => r.timestamp as bigint).sort());
    for (const [inf, ns] of got) expect(inf).toBe(ns === 9_223_372_036_854_775_807n || ns === -9_223_372_036_854_775_807n);
    expect(got.some((r) => r[0] === true)).toBe(true);
  });
});

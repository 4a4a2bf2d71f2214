/**
 * DuckDB reads every part storage writes (flushes through the worker, and compactions),
 * straight from the data dir with Hive partitioning, and agrees with our own scan on row
 * counts, sums of values and nanosecond timestamps — per table and per partition.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { TABLE_NAMES, type TableName } from '../../src/columnar/index.ts';
import type { Storage } from '../../src/storage/index.ts';
import { sampleBatch, sampleEntry, sampleRows, type SampleRow } from './sample-rows.ts';
import { openTestStorage, readAll, tempDataDir } from './storage-harness.ts';

const HOUR_NS = 3_600_000_000_000n;
const START_NS = 1_764_504_000_000_000_000n;
let storage: Storage;
let dir: string;
let cleanup: () => void;
let instance: DuckDBInstance;
let db: DuckDBConnection;
const ours = new Map<TableName, SampleRow[]>();

beforeAll(async () => {
  ({ dir, remove: cleanup } = tempDataDir('pharlux-duckdb-dir-'));
  storage = await openTestStorage(dir);
  for (const table of TABLE_NAMES) {
    for (const tenant of ['default', 'acme']) {
      for (let round = 0; round < 3; round++) {
        // 3 hours, with odd nanoseconds; each round is flushed to its own parts, then compacted.
        const rows = sampleRows(table, tenant, 700, { seed: round + 1, firstSeq: round * 10_000, startNs: START_NS + 123_456_789n, stepNs: 15_400_000_017n });
        await storage.append(sampleEntry(table, tenant, rows), sampleBatch(table, rows));
        await storage.flush();
      }
    }
  }
  await storage.compact();
  for (const table of TABLE_NAMES) {
    const snapshot = storage.table(table).snapshot();
    ours.set(table, [...(await readAll(snapshot, table, 'default')), ...(await readAll(snapshot, table, 'acme'))]);
    snapshot.release();
  }
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  db = await instance.connect();
});

afterAll(async () => {
  db?.closeSync();
  await storage?.stop();
  cleanup?.();
});

const glob = (table: TableName) => `read_parquet('${dir}/${table}/*/*/*/*.parquet', hive_partitioning = true)`;

describe('DuckDB over the data dir', () => {
  for (const table of TABLE_NAMES) {
    test(`${table}: counts, sums and ns timestamps agree, per tenant/date/hour partition`, async () => {
      const rows = ours.get(table) ?? [];
      expect(rows.length).toBe(2 * 3 * 700);
      const result = await db.runAndReadAll(
        `SELECT tenant, date::VARCHAR, hour::INTEGER, count(*), sum(flags)::HUGEINT, min(epoch_ns("timestamp"))::HUGEINT, max(epoch_ns("timestamp"))::HUGEINT, sum(epoch_ns("timestamp") % 1000000)::HUGEINT
         FROM ${glob(table)} GROUP BY ALL ORDER BY ALL`,
      );
      const expected = new Map<string, { n: number; flags: bigint; min: bigint; max: bigint; subMs: bigint }>();
      for (const r of rows) {
        const ts = r.timestamp as bigint;
        const d = new Date(Number(ts / 1_000_000n)).toISOString();
        const key = `${r.tenant_id}|${d.slice(0, 10)}|${Number(d.slice(11, 13))}`;
        const e = expected.get(key) ?? { n: 0, flags: 0n, min: ts, max: ts, subMs: 0n };
        e.n++;
        e.flags += BigInt(r.flags as number);
        if (ts < e.min) e.min = ts;
        if (ts > e.max) e.max = ts;
        e.subMs += ts % 1_000_000n;
        expected.set(key, e);
      }
      const got = result.getRows().map((r) => [`${r[0]}|${r[1]}|${r[2]}`, { n: Number(r[3]), flags: BigInt(r[4] as bigint), min: BigInt(r[5] as bigint), max: BigInt(r[6] as bigint), subMs: BigInt(r[7] as bigint) }] as const);
      expect(new Map(got) as Map<string, unknown>).toEqual(expected as Map<string, unknown>);
    });
  }

  test('metrics: sums of value, count and sum columns agree', async () => {
    const rows = ours.get('metrics') ?? [];
    const r = (await db.runAndReadAll(`SELECT sum(value), sum("count")::HUGEINT, sum("sum"), count(value), count(start_timestamp) FROM ${glob('metrics')}`)).getRows()[0];
    const num = (k: string) => rows.reduce((n, x) => n + (x[k] === null ? 0 : Number(x[k])), 0);
    expect(Number(r[0])).toBeCloseTo(num('value'), 6);
    expect(BigInt(r[1] as bigint)).toBe(BigInt(num('count')));
    expect(Number(r[2])).toBeCloseTo(num('sum'), 6);
    expect(Number(r[3])).toBe(rows.filter((x) => x.value !== null).length);
    expect(Number(r[4])).toBe(rows.filter((x) => x.start_timestamp !== null).length);
  });

  test('every part file DuckDB globs is a published part (no temp or orphan files)', async () => {
    const files = (await db.runAndReadAll(`SELECT count(DISTINCT filename) FROM read_parquet('${dir}/*/*/*/*/*.parquet', filename = true)`)).getRows()[0][0];
    const stats = storage.stats();
    expect(Number(files)).toBe(stats.parts.metrics.count + stats.parts.logs.count + stats.parts.spans.count);
  });
});

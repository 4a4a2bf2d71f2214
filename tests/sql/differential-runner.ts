/**
 * The comparison loop shared by the differential tests: generate queries, run each on
 * Pharlux and on DuckDB, compare results (in order when the query fixes the order,
 * as multisets otherwise; doubles to 1e-9 relative).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { batchToRows } from '../../src/columnar/index.ts';
import { runQuery, type QueryContext } from '../../src/query/index.ts';
import { normaliseDuckValue } from './duckdb-fixture.ts';
import { createRandom } from './random-data.ts';
import { QueryGenerator } from './random-query.ts';

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
  const sort = (rows: Value[][]): Value[][] => [...rows].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
  const a = ordered ? ours : sort(ours);
  const b = ordered ? theirs : sort(theirs);
  return a.every((row, i) => row.length === b[i].length && row.every((v, j) => sameValue(v, b[i][j])));
}

const show = (rows: Value[][]): string => JSON.stringify(rows.slice(0, 5), (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

/** Runs `count` generated queries on both engines; returns descriptions of disagreements (stops after 10). */
export async function runDifferential(ctx: QueryContext, conn: DuckDBConnection, count: number, seed: number): Promise<{ failures: string[]; oursMs: number; theirsMs: number }> {
  const gen = new QueryGenerator(createRandom(seed));
  const failures: string[] = [];
  let oursMs = 0;
  let theirsMs = 0;
  for (let i = 0; i < count && failures.length < 10; i++) {
    const q = gen.next();
    const t0 = performance.now();
    let ours: Value[][];
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
      failures.push(`#${i} results differ (${ours.length} vs ${theirs.length} rows)\n  ${q.sql}\n  pharlux: ${show(ours)}\n  duckdb:  ${show(theirs)}`);
    }
  }
  return { failures, oursMs, theirsMs };
}

/**
 * Development aid (not a test): runs the golden queries in DuckDB over the same fixture
 * rows and prints every record whose DuckDB result differs from the expected block, so
 * expectations can be reviewed against an independent engine. Differences are expected
 * where PostgreSQL and DuckDB semantics differ (integer division, interval text, ...).
 *   bun tests/sql/crosscheck-slt.ts tests/sql/filters.slt
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { LOGS_SCHEMA, METRICS_SCHEMA, SPANS_SCHEMA } from '../../src/columnar/index.ts';
import { fixtureRows, FIXTURE_TENANT } from './fixture-data.ts';
import { loadDuckTable, normaliseDuckValue } from './duckdb-fixture.ts';
import { formatSltValue, parseSlt } from './slt.ts';

const inst = await DuckDBInstance.create(':memory:');
const conn = await inst.connect();
const rows = fixtureRows();
const mine = <T extends { tenant_id?: unknown }>(r: T[]): T[] => r.filter((x) => x.tenant_id === FIXTURE_TENANT);
await loadDuckTable(conn, 'spans', SPANS_SCHEMA, mine(rows.spans));
await loadDuckTable(conn, 'logs', LOGS_SCHEMA, mine(rows.logs));
await loadDuckTable(conn, 'metrics', METRICS_SCHEMA, mine(rows.metrics));
await conn.run('CREATE VIEW traces AS SELECT * FROM spans');

const TYPE_NAMES: Record<string, string> = { I: 'bigint', R: 'double', T: 'text', B: 'boolean', D: 'timestamp' };
let differ = 0;
let same = 0;
for (const file of process.argv.slice(2)) {
  for (const rec of parseSlt(readFileSync(file, 'utf8'))) {
    if (rec.kind !== 'query') continue;
    const sql = rec.sql
      .replace(/now\(\)/gi, "TIMESTAMP_NS '2026-11-30 13:00:00'")
      .replace(/current_timestamp/gi, "TIMESTAMP_NS '2026-11-30 13:00:00'");
    let got: string[];
    try {
      const r = await conn.runAndReadAll(sql);
      got = r.getRows().map((row) => row.map((v, i) => formatSltValue(normaliseDuckValue(v), TYPE_NAMES[rec.types[i]] ?? 'text')).join('\t'));
      if (rec.sort === 'rowsort') got.sort();
    } catch (err) {
      got = [`DUCKDB ERROR: ${(err as Error).message.split('\n')[0]}`];
    }
    if (got.join('\n') === rec.expected.join('\n')) {
      same++;
      continue;
    }
    differ++;
    process.stdout.write(`\n${file}:${rec.line}\n${rec.sql}\n  expected: ${rec.expected.join(' | ')}\n  duckdb:   ${got.join(' | ')}\n`);
  }
}
process.stdout.write(`\n${same} agree, ${differ} differ\n`);

/**
 * Review finding 17: the Logs and Traces search boxes match their text literally. The
 * SQL the screens build (src/web/sql) runs here on the real query engine over rows whose
 * text holds %, _, a backslash and a quote; each search must find exactly the rows that
 * contain the text (case-insensitively), as a plain substring search would.
 */
import { describe, expect, test } from 'bun:test';
import { batchFromRows, LOGS_SCHEMA, MemoryTableSource, SPANS_SCHEMA, type TableSource } from '../../src/columnar/index.ts';
import { runQuery, type QueryContext } from '../../src/query/index.ts';
import { logRecordsSql } from '../../src/web/sql/log-query.ts';
import { traceSearchSql } from '../../src/web/sql/trace-query.ts';

const TENANT = 't1';
const NOW_MS = Date.UTC(2026, 10, 30, 12);
const range = { fromMs: NOW_MS - 3_600_000, toMs: NOW_MS };

const TEXTS = ['disk 50% full', 'disk 5000 full', 'a_b ready', 'axb ready', 'open C:\\temp\\x', 'open C:temp', "it's 100%_\\ done", 'its 100x done', 'plain'];

const common = { tenant_id: TENANT, service_name: 'svc', attributes: '{}', resource: '{}', scope_name: null, scope_version: null };

function tables(): Map<string, TableSource> {
  const logs = new MemoryTableSource('logs', LOGS_SCHEMA);
  logs.append(
    batchFromRows(
      LOGS_SCHEMA,
      TEXTS.map((body, i) => ({ ...common, timestamp: BigInt(NOW_MS - 60_000 - i) * 1_000_000n, severity_number: 9, body, flags: 0 })),
    ),
  );
  const spans = new MemoryTableSource('spans', SPANS_SCHEMA);
  spans.append(
    batchFromRows(
      SPANS_SCHEMA,
      TEXTS.map((name, i) => {
        const start = BigInt(NOW_MS - 60_000 - i) * 1_000_000n;
        return { ...common, timestamp: start, end_timestamp: start + 1000n, duration_ns: 1000, trace_id: `t${i}`, span_id: `s${i}`, name, kind: 'SERVER', status_code: 'UNSET', events: '[]', links: '[]', flags: 0 };
      }),
    ),
  );
  return new Map<string, TableSource>([
    ['logs', logs],
    ['spans', spans],
  ]);
}

const context: QueryContext = {
  tenant: TENANT,
  catalog: { tables: tables() },
  limits: { memoryBytes: 64 * 1024 * 1024, timeoutMs: 30_000, maxResultRows: 1000 },
  nowMs: NOW_MS,
};

async function column(sql: string, name: string): Promise<string[]> {
  const result = await runQuery(sql, context);
  const at = result.columns.findIndex((c) => c.name === name);
  expect(at).toBeGreaterThanOrEqual(0);
  const out: string[] = [];
  for (const batch of result.batches) {
    const v = batch.columns[at];
    if (v.type !== 'string' && v.type !== 'json') throw new Error(`${name} is ${v.type}`);
    for (let i = 0; i < v.length; i++) out.push(v.dict[v.codes[i]]);
  }
  return out.sort();
}

const SEARCHES = ['50%', 'a_b', 'C:\\temp', "it's 100%_\\", '%', '_', '\\', 'DISK 50%'];
const expected = (search: string) => TEXTS.filter((t) => t.toLowerCase().includes(search.toLowerCase())).sort();

describe('searches match their text literally on the real engine', () => {
  for (const search of SEARCHES) {
    test(`logs: ${JSON.stringify(search)}`, async () => {
      expect(await column(logRecordsSql({ range, search, service: '', severities: [] }), 'body')).toEqual(expected(search));
    });
    test(`traces: ${JSON.stringify(search)}`, async () => {
      const sql = traceSearchSql({ range, service: '', operation: search, minDurationMs: 0, status: '', rootsOnly: false });
      expect(await column(sql, 'name')).toEqual(expected(search));
    });
  }
});

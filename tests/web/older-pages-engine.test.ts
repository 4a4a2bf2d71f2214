/**
 * "Load older" on the real query engine: the SQL the Logs and Traces screens build
 * (src/web/sql) runs over in-memory tables, and the pages are stitched as the screens'
 * hook does (olderThan → page SQL → olderPage) until the list says nothing older is left.
 * Review findings: tied log records reordered by a flush between clicks; a trace list
 * ending early when traces have many spans; a filtered trace whose only matching span is
 * newer than the traces around it being skipped.
 */
import { describe, expect, test } from 'bun:test';
import { batchFromRows, batchToRows, formatRfc3339Nanos, LOGS_SCHEMA, MemoryTableSource, SPANS_SCHEMA, type BuilderValue, type Schema, type TableName, type TableSource } from '../../src/columnar/index.ts';
import { runQuery } from '../../src/query/index.ts';
import type { Cell, Row } from '../../src/web/api/types.ts';
import { logRecordsSql, type LogFilters } from '../../src/web/sql/log-query.ts';
import { olderPage, olderThan, shortPageIsLast, type OlderThan, type PagingRules } from '../../src/web/sql/older-page.ts';
import { traceListIsLast, traceListSql, type TraceFilters } from '../../src/web/sql/trace-query.ts';

const TENANT = 'acme';
const BASE = Date.UTC(2026, 10, 30, 12);
const range = { fromMs: BASE - 3_600_000, toMs: BASE + 3_600_000 };

function table(name: TableName, schema: Schema, rows: readonly Record<string, BuilderValue>[]): Map<string, TableSource> {
  const t = new MemoryTableSource(name, schema);
  t.append(batchFromRows(schema, rows));
  return new Map<string, TableSource>([[name, t]]);
}

/** Runs SQL and returns rows as the HTTP API sends them (timestamps as RFC 3339 text, int64 as numbers). */
async function query(tables: Map<string, TableSource>, sql: string): Promise<Row[]> {
  const res = await runQuery(sql, { tenant: TENANT, catalog: { tables }, limits: { memoryBytes: 64 << 20, timeoutMs: 30_000, maxResultRows: 10_000 }, nowMs: BASE });
  const tsColumns = new Set(res.columns.filter((c) => c.type === 'timestamp').map((c) => c.name));
  return res.batches.flatMap((b) =>
    batchToRows(b).map((raw) => {
      const row: Row = {};
      for (const [k, v] of Object.entries(raw)) {
        const cell: Cell = typeof v === 'bigint' ? (tsColumns.has(k) ? formatRfc3339Nanos(Number(v / 1_000_000n), Number(v % 1_000_000n)) : Number(v)) : (v as Cell);
        row[k] = cell;
      }
      return row;
    }),
  );
}

/** The first page, then Load older until the end (at most `maxClicks`), as useOlderPages does. */
async function loadAll(tablesAt: (click: number) => Map<string, TableSource>, firstSql: string, pageSql: (o: OlderThan) => string, rules: PagingRules, maxClicks = 100): Promise<{ rows: Row[]; clicks: number }> {
  const rows = await query(tablesAt(0), firstSql);
  if (rules.isLastPage(rows, null)) return { rows, clicks: 0 };
  for (let click = 1; click <= maxClicks; click++) {
    const older = olderThan(rows, rules.tsColumn);
    if (older === null) throw new Error('no keyset');
    const { added, end } = olderPage(await query(tablesAt(click), pageSql(older)), older, rules);
    rows.push(...added);
    if (end) return { rows, clicks: click };
  }
  throw new Error(`no end after ${maxClicks} clicks`);
}

describe('logs: Load older on the engine', () => {
  const T = BigInt(BASE) * 1_000_000n + 123_456_789n;
  const logs = Array.from({ length: 8 }, (_, i) => ({
    tenant_id: TENANT,
    timestamp: i < 6 ? T : T - BigInt(i) * 1_000_000_000n,
    severity_number: 9,
    severity_text: 'INFO',
    body: `rec-${i}-${i % 2 ? 'web' : 'api'}`,
    flags: 0,
    service_name: i % 2 ? 'web' : 'api',
    attributes: '{}',
    resource: '{}',
  }));
  // Arrival order in the head; a flush writes a part sorted by (service_name, timestamp).
  const head = table('logs', LOGS_SCHEMA, logs);
  const part = table('logs', LOGS_SCHEMA, [...logs].sort((a, b) => a.service_name.localeCompare(b.service_name) || Number(a.timestamp - b.timestamp)));
  const f: LogFilters = { range, search: '', service: '', severities: [] };
  const PAGE = 3;
  const rules: PagingRules = { tsColumn: 'timestamp', isLastPage: shortPageIsLast(PAGE) };
  for (const [label, later] of [
    ['no flush between clicks', head],
    ['the head flushed between clicks', part],
  ] as const) {
    test(`6 records at one instant, page size 3, ${label}: each record once`, async () => {
      const { rows } = await loadAll((click) => (click === 0 ? head : later), logRecordsSql(f, PAGE), (o) => logRecordsSql(f, PAGE, o), rules);
      expect(rows.map((r) => r.body).sort()).toEqual(logs.map((l) => l.body).sort());
    });
  }
});

const span = (trace: string, i: number, ms: number, extra: Record<string, BuilderValue> = {}): Record<string, BuilderValue> => {
  const ts = BigInt(ms) * 1_000_000n;
  return { tenant_id: TENANT, timestamp: ts, end_timestamp: ts + 1000n, duration_ns: 1000, trace_id: trace, span_id: `${trace}s${i}`, parent_span_id: i === 0 ? null : `${trace}s0`, name: 'op', kind: 'SERVER', status_code: 'UNSET', service_name: 'api', attributes: '{}', resource: '{}', events: '[]', links: '[]', flags: 0, ...extra };
};
const traceRules = (scan: number, page: number): PagingRules => ({ tsColumn: 'last_match', key: (r) => String(r.trace_id), isLastPage: (rows) => traceListIsLast(rows, scan, page) });
const noFilter: TraceFilters = { range, service: '', operation: '', minDurationMs: 0, status: '', rootsOnly: false };

describe('trace list: Load older on the engine', () => {
  test('400 traces of 10 spans: the first page is short of 200 traces but not the last; every trace is listed once', async () => {
    const rows = [];
    for (let t = 0; t < 400; t++) for (let s = 0; s < 10; s++) rows.push(span(`t${t}`, s, BASE + t * 5000 + s));
    const spans = table('spans', SPANS_SCHEMA, rows);
    const first = await query(spans, traceListSql(noFilter, 1000, 200));
    expect(first.length).toBe(100);
    expect(traceListIsLast(first, 1000, 200)).toBe(false);
    const { rows: listed, clicks } = await loadAll(() => spans, traceListSql(noFilter, 1000, 200), (o) => traceListSql(noFilter, 1000, 200, o), traceRules(1000, 200));
    expect(clicks).toBe(3);
    const ids = listed.map((r) => String(r.trace_id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(400);
    expect(listed[0].spans).toBe(10);
  });

  test('a list that fits one scan ends on its first page', async () => {
    const spans = table('spans', SPANS_SCHEMA, [span('a', 0, BASE), span('a', 1, BASE + 1), span('b', 0, BASE + 10)]);
    const first = await query(spans, traceListSql(noFilter, 1000, 200));
    expect(first.map((r) => r.trace_id)).toEqual(['b', 'a']);
    expect(traceListIsLast(first, 1000, 200)).toBe(true);
  });

  test('filtered: a long trace whose only matching span is recent, and a trace sharing spans across scans, are each listed once', async () => {
    const rows = [];
    // 60 short traces, one a second, each with 3 ERROR spans; a scan of 20 spans pages through them.
    for (let t = 0; t < 60; t++) for (let s = 0; s < 3; s++) rows.push(span(`t${t}`, s, BASE + t * 1000 + s, { status_code: 'ERROR' }));
    // A long trace starting before all of them, whose only ERROR span is near the newest end.
    rows.push(span('long', 0, BASE - 10_000), span('long', 1, BASE + 55_500, { status_code: 'ERROR' }));
    // A trace with ERROR spans spread across the whole hour (it is found once, by its newest).
    for (let s = 0; s < 30; s++) rows.push(span('spread', s, BASE + s * 2000 + 700, { status_code: 'ERROR' }));
    const spans = table('spans', SPANS_SCHEMA, rows);
    const f: TraceFilters = { ...noFilter, status: 'ERROR' };
    const { rows: listed } = await loadAll(() => spans, traceListSql(f, 20, 7), (o) => traceListSql(f, 20, 7, o), traceRules(20, 7));
    const ids = listed.map((r) => String(r.trace_id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([...Array.from({ length: 60 }, (_, t) => `t${t}`), 'long', 'spread'].sort());
    // Newest matching span first across every page.
    const keys = listed.map((r) => String(r.last_match));
    expect([...keys].sort().reverse()).toEqual(keys);
  });
});

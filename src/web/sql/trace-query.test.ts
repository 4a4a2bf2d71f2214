import { describe, expect, test } from 'bun:test';
import { traceListIsLast, traceListSql, traceLogsSql, traceSearchSql, traceSpansSql } from './trace-query.ts';

const range = { fromMs: Date.UTC(2026, 10, 30, 11), toMs: Date.UTC(2026, 10, 30, 12) };

describe('traces SQL', () => {
  test('search filters: service, operation, minimum duration, status, roots', () => {
    const sql = traceSearchSql({ range, service: 'checkout', operation: "Place'Order", minDurationMs: 12.5, status: 'ERROR', rootsOnly: true }, 50);
    expect(sql).toContain("service_name = 'checkout'");
    expect(sql).toContain("name ILIKE '%Place''Order%' ESCAPE '\\'");
    expect(sql).toContain('duration_ns >= 12500000');
    expect(sql).toContain("status_code = 'ERROR'");
    expect(sql).toContain('parent_span_id IS NULL');
    expect(sql).toMatch(/ORDER BY timestamp DESC, span_id DESC\nLIMIT 50$/);
  });
  test('the operation is matched literally: LIKE wildcards and the escape character are escaped', () => {
    const sql = (operation: string) => traceSearchSql({ range, service: '', operation, minDurationMs: 0, status: '', rootsOnly: false });
    expect(sql('GET /a_b 50%')).toContain("name ILIKE '%GET /a\\_b 50\\%%' ESCAPE '\\'");
    expect(sql('C:\\x')).toContain("name ILIKE '%C:\\\\x%' ESCAPE '\\'");
    expect(traceListSql({ range, service: '', operation: '1_0', minDurationMs: 0, status: '', rootsOnly: false })).toContain("AND name ILIKE '%1\\_0%' ESCAPE '\\' THEN span_id");
  });
  test('no optional filter when empty', () => {
    const sql = traceSearchSql({ range, service: '', operation: ' ', minDurationMs: 0, status: '', rootsOnly: false });
    expect(sql).not.toMatch(/service_name =|ILIKE|duration_ns >=|status_code =|IS NULL/);
  });
  test('one trace: its spans and its logs, quoted', () => {
    expect(traceSpansSql("ab'c")).toContain("trace_id = 'ab''c'");
    expect(traceLogsSql('abc')).toMatch(/FROM logs WHERE trace_id = 'abc' ORDER BY timestamp/);
  });
  test('trace list: one row per trace with a matching span, newest match first, the match also marking the span to open', () => {
    const f = { range, service: 'checkout', operation: '', minDurationMs: 0, status: 'ERROR', rootsOnly: false };
    const sql = traceListSql(f);
    const inRange = "timestamp >= TIMESTAMP '2026-11-30 11:00:00' AND timestamp < TIMESTAMP '2026-11-30 12:00:00'";
    expect(sql).toContain(`trace_id IN (SELECT trace_id FROM spans WHERE ${inRange} AND service_name = 'checkout' AND status_code = 'ERROR' ORDER BY timestamp DESC LIMIT 1000)`);
    // How many matching spans the scan could take, counting one past its limit (so a full scan is told from an exhausted one).
    expect(sql).toContain(`(SELECT count(*) FROM (SELECT trace_id FROM spans WHERE ${inRange} AND service_name = 'checkout' AND status_code = 'ERROR' ORDER BY timestamp DESC LIMIT 1001) AS scan) AS scanned`);
    expect(sql).toContain(`max(CASE WHEN ${inRange} AND service_name = 'checkout' AND status_code = 'ERROR' THEN span_id END) AS match_span`);
    expect(sql).toContain(`max(CASE WHEN ${inRange} AND service_name = 'checkout' AND status_code = 'ERROR' THEN timestamp END) AS last_match`);
    // The trace's other spans are looked for an hour either side of the range.
    expect(sql).toContain("WHERE timestamp >= TIMESTAMP '2026-11-30 10:00:00' AND timestamp < TIMESTAMP '2026-11-30 13:00:00'");
    expect(sql).toMatch(/GROUP BY trace_id\nORDER BY last_match DESC, trace_id DESC\nLIMIT 200$/);
    // An older page scans the matching spans at or before the oldest newest-match shown, leaving out the traces shown.
    const older = traceListSql(f, 1000, 200, { ts: '2026-11-30T11:30:00.5Z', tied: 2, shown: [{ trace_id: "a'b" }, { trace_id: 'c' }] });
    expect(older).toContain(
      `AND timestamp <= TIMESTAMP '2026-11-30T11:30:00.5Z' AND trace_id NOT IN ('a''b', 'c') AND trace_id NOT IN (SELECT trace_id FROM spans WHERE ${inRange} AND service_name = 'checkout' AND status_code = 'ERROR' AND timestamp > TIMESTAMP '2026-11-30T11:30:00.5Z') ORDER BY timestamp DESC LIMIT 1000)`,
    );
    expect(older).toMatch(/GROUP BY trace_id\nORDER BY last_match DESC, trace_id DESC\nLIMIT 200$/);
    expect(traceListSql({ ...f, service: '', status: '' })).toContain(`CASE WHEN ${inRange} THEN span_id`);
  });
  test('trace list: the last page is one holding every trace its scan found, from a scan that ran out', () => {
    const rows = (n: number, scanned: number) => Array.from({ length: n }, (_, i) => ({ trace_id: `t${i}`, scanned }));
    expect(traceListIsLast([], 1000, 200)).toBe(true);
    expect(traceListIsLast(rows(100, 1001), 1000, 200)).toBe(false);
    expect(traceListIsLast(rows(100, 1000), 1000, 200)).toBe(true);
    expect(traceListIsLast(rows(200, 300), 1000, 200)).toBe(false);
  });
});

import { describe, expect, test } from 'bun:test';
import { traceListSql, traceLogsSql, traceSearchSql, traceSpansSql } from './trace-query.ts';

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
    expect(traceListSql({ range, service: '', operation: '1_0', minDurationMs: 0, status: '', rootsOnly: false })).toContain("CASE WHEN name ILIKE '%1\\_0%' ESCAPE '\\' THEN span_id");
  });
  test('no optional filter when empty', () => {
    const sql = traceSearchSql({ range, service: '', operation: ' ', minDurationMs: 0, status: '', rootsOnly: false });
    expect(sql).not.toMatch(/service_name =|ILIKE|duration_ns >=|status_code =|IS NULL/);
  });
  test('one trace: its spans and its logs, quoted', () => {
    expect(traceSpansSql("ab'c")).toContain("trace_id = 'ab''c'");
    expect(traceLogsSql('abc')).toMatch(/FROM logs WHERE trace_id = 'abc' ORDER BY timestamp/);
  });
  test('trace list: one row per trace with a matching span, the match also marking the span to open', () => {
    const sql = traceListSql({ range, service: 'checkout', operation: '', minDurationMs: 0, status: 'ERROR', rootsOnly: false });
    expect(sql).toContain("trace_id IN (SELECT trace_id FROM spans WHERE timestamp >= TIMESTAMP '2026-11-30 11:00:00' AND timestamp < TIMESTAMP '2026-11-30 12:00:00' AND service_name = 'checkout' AND status_code = 'ERROR' ORDER BY timestamp DESC LIMIT 1000)");
    expect(sql).toContain("max(CASE WHEN service_name = 'checkout' AND status_code = 'ERROR' THEN span_id END) AS match_span");
    // The trace's other spans are looked for an hour either side of the range.
    expect(sql).toContain("WHERE timestamp >= TIMESTAMP '2026-11-30 10:00:00' AND timestamp < TIMESTAMP '2026-11-30 13:00:00'");
    expect(sql).toMatch(/GROUP BY trace_id\nORDER BY start DESC, trace_id DESC\nLIMIT 200$/);
    // An older page: traces starting at or before the oldest start shown, found among the matching spans at or before it.
    const older = traceListSql({ range, service: 'checkout', operation: '', minDurationMs: 0, status: 'ERROR', rootsOnly: false }, 1000, 200, { ts: '2026-11-30T11:30:00.5Z', tied: 2 });
    expect(older).toContain("status_code = 'ERROR' AND timestamp <= TIMESTAMP '2026-11-30T11:30:00.5Z' ORDER BY timestamp DESC LIMIT 1000)");
    expect(older).toMatch(/GROUP BY trace_id\nHAVING min\(timestamp\) <= TIMESTAMP '2026-11-30T11:30:00.5Z'\nORDER BY start DESC, trace_id DESC\nLIMIT 202$/);
    expect(traceListSql({ range, service: '', operation: '', minDurationMs: 0, status: '', rootsOnly: false })).toContain('CASE WHEN TRUE THEN span_id');
  });
});

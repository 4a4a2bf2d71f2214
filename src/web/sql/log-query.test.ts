import { describe, expect, test } from 'bun:test';
import { logHistogramSql, logRecordsSql, logWhere, severityOf, severityColor, stackBySeverity } from './log-query.ts';

const range = { fromMs: Date.UTC(2026, 10, 30, 11), toMs: Date.UTC(2026, 10, 30, 12) };

describe('logs SQL', () => {
  test('filters become one WHERE clause with quoted values', () => {
    expect(logWhere({ range, search: " it's down ", service: 'check"out', severities: ['warn', 'error'] })).toBe(
      [
        "timestamp >= TIMESTAMP '2026-11-30 11:00:00'",
        "timestamp < TIMESTAMP '2026-11-30 12:00:00'",
        `service_name = 'check"out'`,
        "body ILIKE '%it''s down%' ESCAPE '\\'",
        '(severity_number BETWEEN 13 AND 16 OR severity_number BETWEEN 17 AND 20)',
      ].join('\n  AND '),
    );
  });
  test('the search text is matched literally: LIKE wildcards and the escape character are escaped', () => {
    const where = (search: string) => logWhere({ range, search, service: '', severities: [] }).split('\n  AND ')[2];
    expect(where('50%')).toBe("body ILIKE '%50\\%%' ESCAPE '\\'");
    expect(where('a_b')).toBe("body ILIKE '%a\\_b%' ESCAPE '\\'");
    expect(where('C:\\temp')).toBe("body ILIKE '%C:\\\\temp%' ESCAPE '\\'");
    expect(where("it's 100%_\\")).toBe("body ILIKE '%it''s 100\\%\\_\\\\%' ESCAPE '\\'");
  });
  test('no severity filter when none or all are chosen', () => {
    expect(logWhere({ range, search: '', service: '', severities: [] })).not.toContain('severity');
    expect(logWhere({ range, search: '', service: '', severities: ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'unset'] })).not.toContain('severity');
  });
  test('records newest first with a limit; histogram buckets by severity class', () => {
    const f = { range, search: '', service: '', severities: [] };
    // Records at one instant in a fixed order, so a page boundary does not move between clicks.
    expect(logRecordsSql(f, 100)).toMatch(/ORDER BY timestamp DESC, service_name, observed_timestamp, body\nLIMIT 100$/);
    // The next older page: same filters, at or before the oldest shown, its tied rows again.
    expect(logRecordsSql(f, 100, { ts: '2026-11-30T11:59:00.000000007Z', tied: 3, shown: [] })).toMatch(/\n  AND timestamp <= TIMESTAMP '2026-11-30T11:59:00.000000007Z'\nORDER BY timestamp DESC, service_name, observed_timestamp, body\nLIMIT 103$/);
    const h = logHistogramSql(f, 120);
    expect(h).toContain("date_bin(INTERVAL '30 seconds', timestamp, TIMESTAMP '1970-01-01 00:00:00') AS t");
    expect(h).toContain("WHEN severity_number BETWEEN 17 AND 20 THEN 'error'");
    expect(h).toContain("ELSE 'unset' END AS severity");
  });
  test('severity classes by number, else by text', () => {
    expect(severityOf(9, null)).toBe('info');
    expect(severityOf(24, 'whatever')).toBe('fatal');
    expect(severityOf(0, 'Warning')).toBe('warn');
    expect(severityOf(null, 'ERROR')).toBe('error');
    expect(severityOf(0, null)).toBe('unset');
  });
  test('the histogram stacks fatal and error at the bottom, then warn, info and the quieter levels', () => {
    const set = { xs: [1], series: ['info', 'unset', 'error', 'debug', 'warn', 'fatal', 'trace'].map((label) => ({ label, values: [1] })) };
    expect(stackBySeverity(set).series.map((s) => s.label)).toEqual(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'unset']);
    const texts = { xs: [1], series: ['INFO', 'null', 'WARNING', 'ERROR'].map((label) => ({ label, values: [1] })) };
    expect(stackBySeverity(texts).series.map((s) => s.label)).toEqual(['ERROR', 'WARNING', 'INFO', 'null']);
  });
  test('series named like levels get the level colours', () => {
    expect(severityColor('ERROR')).toBe(severityColor('error'));
    expect(severityColor('WARNING')).toBe(severityColor('warn'));
    expect(severityColor('checkout')).toBeUndefined();
    expect(severityColor('null')).toBeUndefined();
  });
});

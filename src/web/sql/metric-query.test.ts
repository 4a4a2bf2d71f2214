import { describe, expect, test } from 'bun:test';
import { groupExpr, isCounter, metricChartSql, metricRowsToSeries, type MetricInfo } from './metric-query.ts';

const range = { fromMs: Date.UTC(2026, 10, 30, 11), toMs: Date.UTC(2026, 10, 30, 12) };
const counter: MetricInfo = { name: 'http.requests', type: 'sum', unit: '1', temporality: 'cumulative', monotonic: true };
const gauge: MetricInfo = { name: 'mem', type: 'gauge', unit: 'By', temporality: '', monotonic: false };
const t = (min: number): string => new Date(Date.UTC(2026, 10, 30, 11, min)).toISOString();

describe('metrics SQL and rates', () => {
  test('which metrics are counters', () => {
    expect(isCounter(counter)).toBe(true);
    expect(isCounter(gauge)).toBe(false);
    expect(isCounter({ ...counter, temporality: 'delta' })).toBe(false);
    expect(isCounter({ ...counter, monotonic: false })).toBe(false);
  });
  test('group-by expressions', () => {
    expect(groupExpr('')).toBe("''");
    expect(groupExpr('service_name')).toBe('service_name');
    expect(groupExpr("http.route's")).toBe("attributes['http.route''s']");
  });
  test('a counter rate fetches raw values per series; a gauge is averaged', () => {
    expect(metricChartSql(counter, range, 60, 'service_name', true)).toContain('GROUP BY 1, 2, 3, 4, 5');
    expect(metricChartSql(counter, range, 60, '', true)).toContain('max(value) AS v');
    expect(metricChartSql(gauge, range, 60, '', false)).toContain('avg(value) AS v');
    expect(metricChartSql({ ...counter, temporality: 'delta' }, range, 60, '', true)).toContain('sum(value) / 60 AS v');
  });
  test('rates per series handle counter resets and are summed per group', () => {
    const rows = [
      { t: t(0), g: 'a', s_service: 'x', s_resource: '{}', s_attributes: '{"i":1}', v: 100 },
      { t: t(1), g: 'a', s_service: 'x', s_resource: '{}', s_attributes: '{"i":1}', v: 160 },
      { t: t(2), g: 'a', s_service: 'x', s_resource: '{}', s_attributes: '{"i":1}', v: 30 },
      { t: t(0), g: 'a', s_service: 'x', s_resource: '{}', s_attributes: '{"i":2}', v: 0 },
      { t: t(1), g: 'a', s_service: 'x', s_resource: '{}', s_attributes: '{"i":2}', v: 60 },
    ];
    const s = metricRowsToSeries(rows, true);
    expect(s.series).toHaveLength(1);
    expect(s.series[0].label).toBe('a');
    // t1: (160-100)/60 + (60-0)/60 = 2; t2: reset → 30/60 = 0.5.
    expect(s.series[0].values).toEqual([null, 2, 0.5]);
  });
  test('without rates, rows are summed per group and bucket', () => {
    const s = metricRowsToSeries([{ t: t(0), g: null, v: 3 }, { t: t(0), g: 'b', v: 1 }], false);
    expect(s.series.map((x) => [x.label, x.values])).toEqual([
      ['value', [3]],
      ['b', [1]],
    ]);
  });
});

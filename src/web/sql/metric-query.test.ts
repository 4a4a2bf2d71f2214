import { describe, expect, test } from 'bun:test';
import type { Row } from '../api/types.ts';
import { chartMode, chartUnit, defaultRate, groupExpr, isCounter, metricChartSql, metricRowsToSeries, type MetricInfo } from './metric-query.ts';

const range = { fromMs: Date.UTC(2026, 10, 30, 11), toMs: Date.UTC(2026, 10, 30, 12) };
const counter: MetricInfo = { name: 'http.requests', type: 'sum', unit: '1', description: '', temporality: 'cumulative', monotonic: true };
const gauge: MetricInfo = { name: 'mem', type: 'gauge', unit: 'By', description: '', temporality: '', monotonic: false };
const t = (min: number, sec = 0): string => new Date(Date.UTC(2026, 10, 30, 11, min, sec)).toISOString();
const histogram: MetricInfo = { name: 'http.duration', type: 'histogram', unit: 'ms', description: '', temporality: 'cumulative', monotonic: false };

describe('metrics SQL and rates', () => {
  test('which metrics are counters', () => {
    expect(isCounter(counter)).toBe(true);
    expect(isCounter(gauge)).toBe(false);
    expect(isCounter({ ...counter, temporality: 'delta' })).toBe(false);
    expect(isCounter({ ...counter, monotonic: false })).toBe(false);
    // A latency histogram opens on its mean, a counter on its rate.
    expect(defaultRate(counter)).toBe(true);
    expect(defaultRate(histogram)).toBe(false);
  });
  test('group-by expressions', () => {
    expect(groupExpr('')).toBe("''");
    expect(groupExpr('service_name')).toBe('service_name');
    expect(groupExpr("http.route's")).toBe("attributes['http.route''s']");
  });
  test('a counter rate fetches raw values per series; a gauge is averaged', () => {
    expect(metricChartSql(counter, range, 60, 'service_name', true)).toContain('GROUP BY 1, 2, 3, 4, 5');
    expect(metricChartSql(counter, range, 60, '', true)).toContain('last_value(value) AS v');
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
  test('a rate uses the time between the points, so a partial last bucket is not a drop', () => {
    const row = (min: number, v: number, ts: string): Row => ({ t: t(min), g: 'a', s_service: 'x', s_resource: '{}', s_attributes: '{}', v, ts });
    // 1/s throughout; the last bucket holds a point 15 s after the previous one.
    const s = metricRowsToSeries([row(0, 0, t(0)), row(1, 60, t(1)), row(2, 75, t(1, 15))], 'rate');
    expect(s.series[0].values).toEqual([null, 1, 1]);
    expect(metricChartSql(counter, range, 60, '', true)).toContain('max(timestamp) AS ts');
  });
  test('a cumulative histogram charts the mean of each bucket from sum and count increases', () => {
    const row = (min: number, attrs: string, sum: number, count: number): Row => ({ t: t(min), g: '', s_service: 'x', s_resource: '{}', s_attributes: attrs, v: sum, c: count, ts: t(min) });
    const rows = [row(0, 'a', 0, 0), row(1, 'a', 100, 10), row(2, 'a', 300, 20), row(0, 'b', 50, 5), row(1, 'b', 80, 8), row(2, 'b', 10, 1)];
    // t1: (100 + 30) / (10 + 3) = 10; t2: (200 + 10 after a reset) / (10 + 1).
    const s = metricRowsToSeries(rows, 'mean');
    expect(s.series[0].values[0]).toBeNull();
    expect(s.series[0].values[1]).toBe(10);
    expect(s.series[0].values[2]).toBeCloseTo(210 / 11, 9);
    expect(chartMode(histogram, false)).toBe('mean');
    expect(metricChartSql(histogram, range, 60, '', false)).toContain('last_value(sum) AS v, last_value(count) AS c');
  });
  test('a single cumulative point with a start time is its increase since that start', () => {
    const one = (v: number, c: number | null = null): Row => ({ t: t(1), g: '', s_service: 'x', s_resource: '{}', s_attributes: '{}', v, c, ts: t(1, 20), st: t(0, 40) });
    // 40 requests between 11:00:40 and 11:01:20: 1/s.
    expect(metricRowsToSeries([one(40)], 'rate').series[0].values).toEqual([1]);
    // A histogram's one point: mean = sum / count since the start.
    expect(metricRowsToSeries([one(500, 40)], 'mean').series[0].values).toEqual([12.5]);
    // Without a start time there is nothing to take the increase from.
    expect(metricRowsToSeries([{ ...one(40), st: null }], 'rate').series).toHaveLength(0);
    // A start before the accepted bound (a long-lived series) is not used.
    expect(metricRowsToSeries([one(40)], 'rate', { startFromS: Date.parse(t(1)) / 1000 }).series).toHaveLength(0);
    expect(metricRowsToSeries([one(40)], 'rate', { startFromS: Date.parse(t(0)) / 1000 }).series[0].values).toEqual([1]);
    expect(metricChartSql(counter, range, 60, '', true)).toContain('last_value(start_timestamp) AS st');
  });
  test('with a start time the first point adds to later increases; a reset is still the new value', () => {
    const row = (min: number, v: number): Row => ({ t: t(min), g: 'a', s_service: 'x', s_resource: '{}', s_attributes: '{}', v, ts: t(min), st: t(0) });
    const s = metricRowsToSeries([row(1, 60), row(2, 180), row(3, 30)], 'rate');
    expect(s.series[0].values).toEqual([1, 2, 0.5]);
  });
  test('the charted unit: per second for rates, observations per second for a histogram count', () => {
    expect(chartUnit(histogram, true)).toBe('/s');
    expect(chartUnit(histogram, false)).toBe('ms');
    expect(chartUnit({ ...counter, unit: 'By' }, true)).toBe('By/s');
    expect(chartUnit(counter, true)).toBe('/s');
  });
});

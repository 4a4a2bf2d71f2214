import { describe, expect, test } from 'bun:test';
import { classifyColumns, toCategoryBars, toRates, toStat, toTimeSeries } from './result-series.ts';

const cols = [
  { name: 't', type: 'timestamp' },
  { name: 'service_name', type: 'string' },
  { name: 'n', type: 'int64' },
];
const rows = [
  { t: '2026-11-30T12:01:00.000000000Z', service_name: 'b', n: 5 },
  { t: '2026-11-30T12:00:00.000000000Z', service_name: 'a', n: 1 },
  { t: '2026-11-30T12:01:00.000000000Z', service_name: 'a', n: 2 },
];

describe('query result → chart series', () => {
  test('classifies time, value and key columns', () => {
    const c = classifyColumns({ columns: cols, rows });
    expect(c.time?.name).toBe('t');
    expect(c.values.map((v) => v.name)).toEqual(['n']);
    expect(c.keys.map((v) => v.name)).toEqual(['service_name']);
  });
  test('pivots string keys into one series each, aligned on sorted x', () => {
    const s = toTimeSeries({ columns: cols, rows });
    expect(s.xs).toEqual([Date.UTC(2026, 10, 30, 12, 0) / 1000, Date.UTC(2026, 10, 30, 12, 1) / 1000]);
    expect(s.series).toEqual([
      { label: 'b', values: [null, 5] },
      { label: 'a', values: [1, 2] },
    ]);
  });
  test('several value columns without keys are series by column name; numeric strings count', () => {
    const s = toTimeSeries({
      columns: [
        { name: 'time', type: 'unknown' },
        { name: 'p50', type: 'float64' },
        { name: 'p99', type: 'float64' },
      ],
      rows: [{ time: '2026-11-30T12:00:00Z', p50: '1.5', p99: 9 }],
    });
    expect(s.series.map((x) => x.label)).toEqual(['p50', 'p99']);
    expect(s.series[0].values).toEqual([1.5]);
  });
  test('explains why there is no chart', () => {
    expect(toTimeSeries({ columns: [{ name: 'n', type: 'int64' }], rows: [{ n: 1 }] }).reason).toContain('No time column');
    expect(toTimeSeries({ columns: [cols[0], cols[1]], rows }).reason).toContain('No numeric column');
  });
  test('caps the number of series', () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ t: '2026-11-30T12:00:00Z', service_name: `s${i}`, n: i }));
    const s = toTimeSeries({ columns: cols, rows: many }, 50);
    expect(s.series).toHaveLength(50);
    expect(s.reason).toContain('first 50');
  });
  test('stat takes the latest row; bars label by key', () => {
    expect(toStat({ columns: cols, rows })).toEqual({ value: 5, label: 'n' });
    expect(toStat({ columns: [{ name: 'c', type: 'int64' }], rows: [{ c: 42 }] })).toEqual({ value: 42, label: 'c' });
    expect(toCategoryBars({ columns: [cols[1], cols[2]], rows: [{ service_name: 'x', n: 3 }] })).toEqual([{ label: 'x', value: 3 }]);
  });
  test('rates of cumulative series skip gaps and handle resets', () => {
    const r = toRates({ xs: [0, 10, 20, 40, 50], series: [{ label: 'c', values: [100, 150, null, 250, 20] }] });
    expect(r.series[0].values).toEqual([null, 5, null, 100 / 30, 2]);
  });
  test('rows already one per instant in time order take the fast path with the same result', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ t: new Date(Date.UTC(2026, 10, 30) + i * 1000).toISOString(), v: i % 7, w: String(i) }));
    const columns = [{ name: 't', type: 'timestamp' }, { name: 'v', type: 'float64' }, { name: 'w', type: 'int64' }];
    const fast = toTimeSeries({ columns, rows });
    const slow = toTimeSeries({ columns, rows: [...rows].reverse() });
    expect(fast).toEqual(slow);
    expect(fast.xs).toHaveLength(50);
  });
});

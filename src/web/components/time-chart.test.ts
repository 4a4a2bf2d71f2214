import { describe, expect, test } from 'bun:test';
import { lineRange, zeroBasedRange } from './time-chart.tsx';

describe('bar chart y range', () => {
  test('starts at zero however far the counts are from it', () => {
    expect(zeroBasedRange(1, 2)[0]).toBe(0);
    expect(zeroBasedRange(400, 523)[0]).toBe(0);
    expect(zeroBasedRange(400, 523)[1]).toBeGreaterThanOrEqual(523);
  });
  test('keeps negative values in view and ends at zero when all are negative', () => {
    const [lo, hi] = zeroBasedRange(-5, 10);
    expect(lo).toBeLessThanOrEqual(-5);
    expect(hi).toBeGreaterThanOrEqual(10);
    expect(zeroBasedRange(-8, -2)[1]).toBe(0);
  });
  test('all-zero or empty data still gets a visible range', () => {
    expect(zeroBasedRange(0, 0)).toEqual([0, 1]);
    expect(zeroBasedRange(null, null)).toEqual([0, 1]);
  });
  test('lines: values equal but for rounding noise get a real range (uPlot looped forever on 1e-16 steps)', () => {
    const [lo, hi] = lineRange(0.9999999999999998, 1.0000000000000002);
    expect((hi ?? 0) - (lo ?? 0)).toBeGreaterThan(0.1);
    expect(lo).toBeLessThanOrEqual(1);
    expect(hi).toBeGreaterThanOrEqual(1);
    const [a, b] = lineRange(300e6, 1.1e9);
    expect(a).toBeLessThanOrEqual(300e6);
    expect(b).toBeGreaterThanOrEqual(1.1e9);
  });
});

import { describe, expect, test } from 'bun:test';
import { zeroBasedRange } from './time-chart.tsx';

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
});

import { describe, expect, test } from 'bun:test';
import { formatIntervalText, parseIntervalText } from './interval-text.ts';
import { addMonthsMs, binSplit, extractSplit, truncSplit } from './time-arith.ts';
import { formatTimestampText, parseTimestampText } from './timestamp-text.ts';

describe('timestamp text', () => {
  test('parses PostgreSQL and ISO forms exactly to the nanosecond', () => {
    expect(parseTimestampText('2026-11-30 12:00:00.123456789')).toEqual({ kind: 'timestamp', ms: Date.UTC(2026, 10, 30, 12) + 123, nanos: 456_789 });
    expect(parseTimestampText('2026-11-30T12:00:00Z')).toEqual({ kind: 'timestamp', ms: Date.UTC(2026, 10, 30, 12), nanos: 0 });
    expect(parseTimestampText('2026-11-30 14:00:00+02:00')).toEqual({ kind: 'timestamp', ms: Date.UTC(2026, 10, 30, 12), nanos: 0 });
    expect(parseTimestampText('2026-11-30')).toEqual({ kind: 'timestamp', ms: Date.UTC(2026, 10, 30), nanos: 0 });
    expect(parseTimestampText('2026-02-30')).toBeNull();
    expect(parseTimestampText('yesterday')).toBeNull();
  });

  test('prints trimmed fractions and pre-1970 times', () => {
    expect(formatTimestampText(Date.UTC(2026, 10, 30, 12) + 5, 1000)).toBe('2026-11-30 12:00:00.005001');
    expect(formatTimestampText(-1, 999_999)).toBe('1969-12-31 23:59:59.999999999');
  });
});

describe('interval text', () => {
  test('parses units, clock times, ago and ISO 8601', () => {
    expect(parseIntervalText('5 minutes')).toEqual({ kind: 'interval', months: 0, ms: 300_000, nanos: 0 });
    expect(parseIntervalText('1 day 02:00:00.5')).toEqual({ kind: 'interval', months: 0, ms: 93_600_500, nanos: 0 });
    expect(parseIntervalText('1 year 2 mons')).toEqual({ kind: 'interval', months: 14, ms: 0, nanos: 0 });
    expect(parseIntervalText('3 hours ago')).toEqual({ kind: 'interval', months: 0, ms: -10_800_000, nanos: 0 });
    expect(parseIntervalText('PT1H30M')).toEqual({ kind: 'interval', months: 0, ms: 5_400_000, nanos: 0 });
    expect(parseIntervalText('1.5 microseconds')).toEqual({ kind: 'interval', months: 0, ms: 0, nanos: 1500 });
    expect(parseIntervalText('5 parsecs')).toBeNull();
  });

  test('prints like PostgreSQL', () => {
    expect(formatIntervalText(0, 0, 0)).toBe('00:00:00');
    expect(formatIntervalText(14, 3 * 86_400_000 + 3_723_000, 0)).toBe('1 year 2 mons 3 days 01:02:03');
    expect(formatIntervalText(0, -300_000, 0)).toBe('-00:05:00');
    expect(formatIntervalText(0, -1, 500_000)).toBe('-00:00:00.0005');
  });
});

describe('calendar arithmetic', () => {
  test('month addition clamps the day', () => {
    expect(new Date(addMonthsMs(Date.UTC(2026, 0, 31, 10), 1)).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(new Date(addMonthsMs(Date.UTC(2024, 1, 29), 12)).toISOString()).toBe('2025-02-28T00:00:00.000Z');
  });

  test('truncation, binning and extraction', () => {
    const out = { ms: 0, nanos: 0 };
    truncSplit(out, 'week', Date.UTC(2026, 11, 3, 5), 7);
    expect(new Date(out.ms).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    binSplit(out, 0, 250_000, Date.UTC(2026, 10, 30), 900_000, 0, 0);
    expect(out).toEqual({ ms: Date.UTC(2026, 10, 30), nanos: 750_000 });
    binSplit(out, 60_000, 0, -1, 0, 0, 0);
    expect(out).toEqual({ ms: -60_000, nanos: 0 });
    expect(extractSplit('isoyear', Date.UTC(2027, 0, 1), 0)).toBe(2026);
    expect(extractSplit('week', Date.UTC(2027, 0, 1), 0)).toBe(53);
    expect(extractSplit('epoch', 1500, 250_000_000 / 1000)).toBeCloseTo(1.50025, 9);
  });
});

import { describe, expect, test } from 'bun:test';
import { bucketSeconds, describeRange, formatDurationNs, formatSqlTimestamp, isRelative, parseTimestampMs, resolveInstant, resolveRange, sqlTimestampLiteral } from './time-range.ts';

const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);

describe('time ranges', () => {
  test('relative instants', () => {
    expect(resolveInstant('now', NOW)).toBe(NOW);
    expect(resolveInstant('now-15m', NOW)).toBe(NOW - 15 * 60_000);
    expect(resolveInstant('now-2d', NOW)).toBe(NOW - 2 * 86_400_000);
    expect(resolveInstant('now-1w', NOW)).toBe(NOW - 7 * 86_400_000);
    expect(resolveInstant('yesterday', NOW)).toBeNull();
  });
  test('absolute instants: ISO, epoch ms', () => {
    expect(resolveInstant('2026-11-30T11:00:00Z', NOW)).toBe(NOW - 3_600_000);
    expect(resolveInstant(String(NOW - 5), NOW)).toBe(NOW - 5);
  });
  test('an inverted or broken range falls back to the last hour', () => {
    expect(resolveRange({ from: 'now', to: 'now-1h' }, NOW)).toEqual({ fromMs: NOW - 3_600_000, toMs: NOW });
    expect(resolveRange({ from: 'garbage', to: 'now' }, NOW)).toEqual({ fromMs: NOW - 3_600_000, toMs: NOW });
  });
  test('RFC 3339 with nanoseconds keeps sub-millisecond precision', () => {
    expect(parseTimestampMs('2026-11-30T12:00:00.123456789Z')).toBeCloseTo(NOW + 123.456789, 6);
    expect(parseTimestampMs('2026-11-30T13:00:00+01:00')).toBe(NOW);
    expect(parseTimestampMs('2026-11-30 12:00:00')).toBe(NOW);
    expect(parseTimestampMs('not a time')).toBeNaN();
  });
  test('SQL literals round the end up to whole seconds', () => {
    expect(formatSqlTimestamp(NOW + 999)).toBe('2026-11-30 12:00:00');
    expect(sqlTimestampLiteral(NOW + 1, true)).toBe("TIMESTAMP '2026-11-30 12:00:01'");
    expect(sqlTimestampLiteral(NOW)).toBe("TIMESTAMP '2026-11-30 12:00:00'");
  });
  test('bucket widths are round and bounded by the bucket count', () => {
    expect(bucketSeconds({ fromMs: NOW - 3_600_000, toMs: NOW }, 200)).toBe(30);
    expect(bucketSeconds({ fromMs: NOW - 86_400_000, toMs: NOW }, 200)).toBe(600);
    expect(bucketSeconds({ fromMs: NOW - 60_000, toMs: NOW }, 200)).toBe(1);
    expect(bucketSeconds({ fromMs: NOW - 400 * 86_400_000, toMs: NOW }, 100)).toBe(4 * 86_400);
  });
  test('labels and durations', () => {
    expect(describeRange({ from: 'now-1h', to: 'now' })).toBe('Last 1 hour');
    expect(describeRange({ from: 'now-90m', to: 'now' })).toBe('Last 90m');
    expect(isRelative({ from: 'now-1h', to: 'now' })).toBe(true);
    expect(isRelative({ from: '2026-11-30T11:00:00Z', to: '2026-11-30T12:00:00Z' })).toBe(false);
    expect(formatDurationNs(850)).toBe('850ns');
    expect(formatDurationNs(0)).toBe('0');
    expect(formatDurationNs(174_400)).toBe('174µs');
    expect(formatDurationNs(1_340_000)).toBe('1.34ms');
    expect(formatDurationNs(12_345_000)).toBe('12.3ms');
    expect(formatDurationNs(4_050_000_000)).toBe('4.05s');
    expect(formatDurationNs(123e9)).toBe('2m 3s');
  });
  test('the digit-by-digit reader agrees with Date.parse on the API form, and odd input still goes through the general path', () => {
    for (const v of ['1969-12-31T23:59:59.999Z', '2000-02-29T12:00:00Z', '2024-12-31T23:59:59.5Z', '1999-03-01T00:00:00.000Z', '2026-11-30T04:51:15.289Z']) expect(parseTimestampMs(v)).toBe(Date.parse(v));
    expect(parseTimestampMs('2026-11-30t12:00:00z')).toBe(Date.UTC(2026, 10, 30, 12));
    expect(parseTimestampMs('2026-11-30T12:00:00.123456789Z') - Date.UTC(2026, 10, 30, 12)).toBeCloseTo(123.456789, 3);
    expect(parseTimestampMs('2026-11-30T12:00:00-02:30')).toBe(Date.UTC(2026, 10, 30, 14, 30));
  });
});

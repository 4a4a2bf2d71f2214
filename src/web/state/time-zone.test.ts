import { describe, expect, test } from 'bun:test';
import { formatTicks, formatTime, formatTimestampText, offsetLabel, parseDateTimeText, zoneLabel } from './time-zone.ts';

const ms = Date.UTC(2026, 10, 30, 4, 41, 30, 632);

describe('display time zone', () => {
  test('UTC mode formats in UTC and says so', () => {
    expect(formatTime(ms, 'utc')).toBe('2026-11-30 04:41:30');
    expect(formatTime(ms, 'utc', true)).toBe('2026-11-30 04:41:30.632');
    expect(offsetLabel(ms, 'utc')).toBe('UTC');
    expect(zoneLabel('utc')).toBe('UTC');
  });
  test('local mode names its offset', () => {
    const off = -new Date(ms).getTimezoneOffset();
    if (off === 0) expect(offsetLabel(ms, 'local')).toBe('UTC');
    else expect(offsetLabel(ms, 'local')).toMatch(/^UTC[+-]\d\d:\d\d$/);
    expect(zoneLabel('local', ms)).toStartWith('local, UTC');
    expect(formatTime(ms, 'local')).toBe(formatTime(ms + off * 60_000, 'utc'));
  });
  test('API timestamps keep all their fractional digits', () => {
    expect(formatTimestampText('2026-11-30T04:41:30.632123456Z', ms, 'utc')).toBe('2026-11-30 04:41:30.632123456');
    expect(formatTimestampText('2026-11-30T04:41:30Z', Date.UTC(2026, 10, 30, 4, 41, 30), 'utc')).toBe('2026-11-30 04:41:30');
    expect(formatTimestampText('garbage', Number.NaN, 'utc')).toBe('garbage');
  });
  test('ticks: hours and minutes, seconds for sub-minute steps, the date beyond a day', () => {
    const s = ms / 1000;
    expect(formatTicks([s, s + 3600], 'utc')).toEqual(['04:41', '05:41']);
    expect(formatTicks([s, s + 10], 'utc')).toEqual(['04:41:30', '04:41:40']);
    expect(formatTicks([s, s + 2 * 86_400], 'utc')).toEqual(['11-30 04:41', '12-02 04:41']);
  });
  test('custom range text is 24-hour, read in the display zone, and round-trips with formatTime', () => {
    expect(parseDateTimeText('2026-11-30 04:41', 'utc')).toBe(Date.UTC(2026, 10, 30, 4, 41));
    expect(parseDateTimeText(' 2026-11-30T16:41:07 ', 'utc')).toBe(Date.UTC(2026, 10, 30, 16, 41, 7));
    expect(parseDateTimeText(formatTime(ms, 'utc'), 'utc')).toBe(Math.floor(ms / 1000) * 1000);
    const local = parseDateTimeText('2026-11-30 23:59:59', 'local');
    expect(formatTime(local, 'local')).toBe('2026-11-30 23:59:59');
    for (const bad of ['nonsense', '2026-11-30 4:41 PM', '2026-11-30 24:00', '2026-11-30 12:60', '2026-02-30 10:00', '2026-13-01 10:00', '2026-11-30']) expect(parseDateTimeText(bad, 'utc')).toBeNaN();
  });
});

import { describe, expect, test } from 'bun:test';
import { formatBytes, formatNumber, formatWithUnit } from './value-format.ts';

describe('values with units', () => {
  test('compact numbers', () => {
    expect(formatNumber(1234)).toBe('1234');
    expect(formatNumber(12_345)).toBe('12.3k');
    expect(formatNumber(3_400_000)).toBe('3.4M');
    expect(formatNumber(0.05)).toBe('0.05');
  });
  test('bytes in binary units, from any byte unit', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatWithUnit(300 * 1024 * 1024, 'By')).toBe('300 MiB');
    expect(formatWithUnit(94.2, 'MiBy')).toBe('94.2 MiB');
    expect(formatWithUnit(2048, 'By/s')).toBe('2 KiB/s');
  });
  test('durations in the unit that reads best', () => {
    expect(formatWithUnit(0.174, 'ms')).toBe('174µs');
    expect(formatWithUnit(420, 'ms')).toBe('420ms');
    expect(formatWithUnit(2.5, 's')).toBe('2.50s');
    expect(formatWithUnit(5400, 's')).toBe('1h 30m');
    expect(formatWithUnit(0, 's')).toBe('0');
  });
  test('other units: percent, per second, annotations as plain numbers', () => {
    expect(formatWithUnit(42, '%')).toBe('42%');
    expect(formatWithUnit(12_500, '{request}/s')).toBe('12.5k/s');
    expect(formatWithUnit(0.25, '1')).toBe('0.25');
  });
});

import { describe, expect, test } from 'bun:test';
import { formatAxisTicks, formatBytes, formatNumber, formatWithUnit } from './value-format.ts';

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

describe('axis ticks', () => {
  test('a narrow millisecond range gets the decimals its step needs, and no label repeats', () => {
    // What uPlot picks for 103.2..105.4 ms on a short axis: every 0.5 ms, or 0.2 ms when taller.
    const half = formatAxisTicks([103.5, 104, 104.5, 105], 'ms');
    expect(half).toEqual(['103.5ms', '104.0ms', '104.5ms', '105.0ms']);
    const fifth = formatAxisTicks([103.2, 103.4, 103.6, 103.8, 104, 104.2, 104.4, 104.6, 104.8, 105, 105.2, 105.4], 'ms');
    expect(new Set(fifth).size).toBe(12);
    expect(fifth[0]).toBe('103.2ms');
    expect(fifth[4]).toBe('104.0ms');
    expect(formatAxisTicks([103.25, 103.5, 103.75], 'ms')).toEqual(['103.25ms', '103.50ms', '103.75ms']);
  });
  test('one scale for the axis, chosen by its largest tick; zero stays bare', () => {
    expect(formatAxisTicks([0, 500, 1000, 1500, 2000], 'ms')).toEqual(['0', '0.5s', '1.0s', '1.5s', '2.0s']);
    expect(formatAxisTicks([0, 20, 40, 60], 'ms')).toEqual(['0', '20ms', '40ms', '60ms']);
    expect(formatAxisTicks([0, 1800, 3600, 5400], 's')).toEqual(['0', '30m 0s', '1h 0m', '1h 30m']);
  });
  test('plain numbers, percent, bytes and rates', () => {
    expect(formatAxisTicks([0, 0.25, 0.5, 0.75, 1], undefined)).toEqual(['0', '0.25', '0.50', '0.75', '1.00']);
    expect(formatAxisTicks([10_000, 12_500, 15_000], '{request}/s')).toEqual(['10.0k/s', '12.5k/s', '15.0k/s']);
    expect(formatAxisTicks([99.2, 99.4, 99.6], '%')).toEqual(['99.2%', '99.4%', '99.6%']);
    expect(formatAxisTicks([0, 200e6, 400e6, 600e6], 'By')).toEqual(['0', '191 MiB', '381 MiB', '572 MiB']);
    const tight = formatAxisTicks([100.1e6, 100.2e6, 100.3e6], 'By');
    expect(new Set(tight).size).toBe(3);
  });
});

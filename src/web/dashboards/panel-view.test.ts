import { describe, expect, test } from 'bun:test';
import { formatStat } from './panel-view.tsx';

describe('stat values', () => {
  test('time and byte units are scaled', () => {
    expect(formatStat(192, { unit: 's' })).toBe('3m 12s');
    expect(formatStat(0.42, { unit: 's' })).toBe('420ms');
    expect(formatStat(98_566_144, { unit: 'By' })).toBe('94 MiB');
  });
  test('other units keep the value with the unit after it; decimals pin the precision', () => {
    expect(formatStat(371, {})).toBe('371');
    expect(formatStat(12.5, { unit: '%' })).toBe('12.5%');
    expect(formatStat(94.2, { unit: 'MiB', decimals: 0 })).toBe('94 MiB');
    expect(formatStat(null, {})).toBe('—');
  });
});

import { expect, test } from 'bun:test';
import { countText } from './count-text.ts';

test('singular for exactly one, plural otherwise (zero too), thousands grouped', () => {
  expect(countText(1, 'service')).toBe('1 service');
  expect(countText(1, 'error')).toBe('1 error');
  expect(countText(2, 'service')).toBe('2 services');
  expect(countText(0, 'error')).toBe('0 errors');
  expect(countText(1204, 'span')).toBe(`${(1204).toLocaleString()} spans`);
  expect(countText(1, 'matching span')).toBe('1 matching span');
  expect(countText(3, 'series', 'series')).toBe('3 series');
});

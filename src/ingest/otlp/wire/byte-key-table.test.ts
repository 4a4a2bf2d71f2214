import { expect, test } from 'bun:test';
import { ByteKeyTable } from './byte-key-table.ts';

test('finds exactly the keys inserted, across growth, with an empty key and shared prefixes', () => {
  const table = new ByteKeyTable(4);
  const enc = new TextEncoder();
  const keys = ['', 'a', 'ab', 'abc', 'abcd', 'abcde', 'b', ...Array.from({ length: 5000 }, (_, i) => `key-${i}-${'x'.repeat(i % 37)}`)];
  keys.forEach((k, i) => {
    const bytes = enc.encode(`##${k}##`);
    expect(table.find(bytes, 2, bytes.length - 2)).toBe(-1);
    table.insert(bytes, 2, bytes.length - 2, i);
  });
  keys.forEach((k, i) => {
    const bytes = enc.encode(k);
    expect(table.find(bytes, 0, bytes.length)).toBe(i);
  });
  expect(table.find(enc.encode('nope'), 0, 4)).toBe(-1);
  expect(table.size).toBe(keys.length);
  table.clear();
  expect(table.find(enc.encode('a'), 0, 1)).toBe(-1);
  expect(table.arenaBytes).toBe(0);
});

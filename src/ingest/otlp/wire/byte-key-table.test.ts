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

test('clear() after a huge batch gives memory back and the table keeps working', () => {
  const table = new ByteKeyTable(16);
  const key = new Uint8Array(8);
  const dv = new DataView(key.buffer);
  for (let i = 0; i < 200_000; i++) {
    dv.setFloat64(0, i);
    if (table.find(key, 0, 8) < 0) table.insert(key, 0, 8, i);
  }
  expect(table.size).toBe(200_000);
  table.clear();
  for (let i = 0; i < 1000; i++) {
    dv.setFloat64(0, i * 3);
    expect(table.find(key, 0, 8)).toBe(-1);
    table.insert(key, 0, 8, i);
  }
  dv.setFloat64(0, 999 * 3);
  expect(table.find(key, 0, 8)).toBe(999);
});

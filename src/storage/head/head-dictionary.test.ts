import { describe, expect, test } from 'bun:test';
import { HeadDictionary } from './head-dictionary.ts';

/** Copies a whole batch column (codes over `dict`) into a fresh head code array. */
function copy(d: HeadDictionary, dict: readonly string[], codes: number[]): Int32Array {
  const out = new Int32Array(codes.length);
  d.copyCodes(Int32Array.from(codes), 0, dict, out, 0, codes.length);
  return out;
}

describe('HeadDictionary', () => {
  test('repeating values stay deduplicated and lookups prove absence', () => {
    const d = new HeadDictionary();
    for (let b = 0; b < 50; b++) {
      const dict = Array.from({ length: 200 }, (_, i) => `v${i % 20}`); // a fresh batch dictionary each time
      const got = copy(d, dict, dict.map((_, i) => i));
      for (let i = 0; i < got.length; i++) expect(d.values[got[i]]).toBe(dict[i]);
    }
    expect(d.values.length).toBe(20);
    expect(d.lookup('v3')).toBe(d.values.indexOf('v3'));
    expect(d.lookup('absent')).toBe(-1);
  });

  test('unique values get one code each; runs of one code and nulls translate exactly', () => {
    const d = new HeadDictionary();
    const expected: (string | null)[] = [];
    const got: number[] = [];
    for (let b = 0; b < 10; b++) {
      const dict = Array.from({ length: 100 }, (_, i) => `{"id":${b * 100 + i}}`);
      // runs of equal codes, nulls in between, values from the previous batch repeated
      const codes = Array.from({ length: 1000 }, (_, i) => (i % 97 === 0 ? -1 : Math.floor(i / 10)));
      got.push(...copy(d, dict, codes));
      expected.push(...codes.map((c) => (c < 0 ? null : dict[c])));
    }
    expect(got.map((c) => (c < 0 ? null : d.values[c]))).toEqual(expected);
    expect(d.values.length).toBe(1000);
    expect(new Set(d.values).size).toBe(1000);
  });

  test('bytes count Latin-1 strings at one byte per character and others at two', () => {
    const latin = new HeadDictionary();
    const wide = new HeadDictionary();
    copy(latin, ['é'.repeat(1000)], [0]);
    copy(wide, ['€'.repeat(1000)], [0]);
    expect(wide.bytes - latin.bytes).toBe(1000);
    expect(latin.bytes).toBeGreaterThan(1000);
    expect(latin.bytes).toBeLessThan(1200);
  });

  test('a source dictionary that grows between batches is remapped incrementally', () => {
    const d = new HeadDictionary();
    const pool = ['a', 'b'];
    expect([...copy(d, pool, [1, 0, 1])].map((c) => d.values[c])).toEqual(['b', 'a', 'b']);
    pool.push('c');
    expect([...copy(d, pool, [2, 0])].map((c) => d.values[c])).toEqual(['c', 'a']);
    expect(d.values).toEqual(['b', 'a', 'c']);
  });

  test('a code outside the source dictionary is a broken invariant', () => {
    const d = new HeadDictionary();
    expect(() => copy(d, ['x'], [1])).toThrow(/out of range/);
  });
});

test('without deduplication every value gets a new code and lookups answer "maybe"', () => {
  const d = new HeadDictionary(false);
  const dict = ['a', 'b', 'a'];
  const out = new Int32Array(4);
  d.copyCodes(Int32Array.of(0, 1, 2, -1), 0, dict, out, 0, 4);
  expect([...out]).toEqual([0, 1, 2, -1]);
  expect(d.values).toEqual(['a', 'b', 'a']);
  expect(d.lookup('a')).toBe(0);
  expect(d.lookup('zzz')).toBe(0);
});

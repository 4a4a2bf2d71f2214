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
    expect(d.appendMode).toBe(false);
    expect(d.values.length).toBe(20);
    expect(d.lookup('v3')).toBe(d.values.indexOf('v3'));
    expect(d.lookup('absent')).toBe(-1);
  });

  test('unique values switch to append mode: codes stay right, lookup says maybe, the index memory is given back', () => {
    const d = new HeadDictionary();
    let expected: string[] = [];
    const heads: Int32Array[] = [];
    for (let b = 0; b < 10; b++) {
      const dict = Array.from({ length: 1000 }, (_, i) => `{"id":${b * 1000 + i}}`);
      const codes = dict.map((_, i) => (i % 10 === 0 ? -1 : i));
      heads.push(copy(d, dict, codes));
      expected = expected.concat(codes.map((c) => (c < 0 ? '' : dict[c])));
    }
    expect(d.appendMode).toBe(true);
    const flat = heads.flatMap((h) => [...h]);
    flat.forEach((code, i) => {
      if (expected[i] === '') expect(code).toBe(-1);
      else expect(d.values[code]).toBe(expected[i]);
    });
    expect(d.lookup('{"id":5}')).toBe(0);
    expect(d.lookup('never seen')).toBe(0);
    // ~9000 values of ~10 Latin-1 chars: characters + per-entry overhead, no index entries any more.
    expect(d.bytes).toBeGreaterThan(9000 * 50);
    expect(d.bytes).toBeLessThan(9000 * 80);
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

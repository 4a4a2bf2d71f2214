import { describe, expect, test } from 'bun:test';
import { IngestRejectedError } from '../../errors.ts';
import { BatchUtf8Dictionary } from './dictionaries.ts';

const enc = new TextEncoder();

/** Puts `texts` back to back in one buffer (with a prefix), as a request body would. */
function body(texts: string[]): { buf: Uint8Array; ranges: [number, number][] } {
  const parts = texts.map((t) => enc.encode(t));
  const buf = new Uint8Array(3 + parts.reduce((n, p) => n + p.length, 0));
  const ranges: [number, number][] = [];
  let at = 3;
  for (const p of parts) {
    buf.set(p, at);
    ranges.push([at, at + p.length]);
    at += p.length;
  }
  return { buf, ranges };
}

describe('BatchUtf8Dictionary', () => {
  for (const [label, texts] of [
    ['ASCII', ['request completed', '', 'cache miss', 'request completed']],
    ['multi-byte and astral', ['é', 'naïve café', '日本語', '😀 emoji 😀', '', 'plain', '日本語', 'a😀b']],
  ] as const) {
    test(`${label}: equal texts share a code and every value reads back`, () => {
      const d = new BatchUtf8Dictionary();
      d.begin();
      const { buf, ranges } = body([...texts]);
      const codes = ranges.map(([s, e]) => d.code(buf, s, e));
      const values = d.finish();
      expect(codes.map((c) => values[c])).toEqual([...texts]);
      expect(values.length).toBe(new Set(texts).size);
    });
  }

  test('a new batch starts empty; JSON strings work alike', () => {
    const d = new BatchUtf8Dictionary();
    d.begin();
    const { buf, ranges } = body(['x', 'y']);
    d.code(buf, ranges[0][0], ranges[0][1]);
    d.begin();
    expect(d.codeOfString('ü')).toBe(0);
    expect(d.codeOfString('v')).toBe(1);
    expect(d.codeOfString('ü')).toBe(0);
    expect(d.finish()).toEqual(['ü', 'v']);
  });

  test('invalid UTF-8 makes the request malformed and names the value', () => {
    const d = new BatchUtf8Dictionary();
    d.begin();
    const { buf, ranges } = body(['fine', 'also fine']);
    const bad = Uint8Array.of(0x61, 0xc3, 0x28, 0x62);
    const all = new Uint8Array(buf.length + bad.length);
    all.set(buf);
    all.set(bad, buf.length);
    for (const [s, e] of ranges) d.code(all, s, e);
    d.code(all, buf.length, all.length);
    expect(() => d.finish()).toThrow(IngestRejectedError);
    expect(() => d.finish()).toThrow(`invalid UTF-8 in a string field at byte ${buf.length}`);
  });
});

import { describe, expect, test } from 'bun:test';
import { AsciiTextArena } from './ascii-text-arena.ts';
import { BatchHexIdDictionary } from './dictionaries.ts';

const hex = (bytes: number[]): string => bytes.map((b) => b.toString(16).padStart(2, '0')).join('');

describe('AsciiTextArena', () => {
  test('integers, hex and text land in entries in commit order', () => {
    const arena = new AsciiTextArena();
    arena.begin();
    for (const v of [0, 7, 10, 99, 100, 2147483647, 2147483648, 4294967295, 2 ** 53 - 1]) {
      arena.uint(v);
      arena.commit();
    }
    for (const v of [-1, -2147483648, 42]) {
      arena.int(v);
      arena.commit();
    }
    arena.hex(Uint8Array.of(0, 0x0f, 0xa0, 0xff), 0, 4);
    arena.commit();
    arena.text('{"a":');
    arena.uint(5);
    arena.text('}');
    arena.commit();
    arena.commit(); // an empty entry
    expect(arena.finish()).toEqual(['0', '7', '10', '99', '100', '2147483647', '2147483648', '4294967295', '9007199254740991', '-1', '-2147483648', '42', '000fa0ff', '{"a":5}', '']);
  });
});

describe('BatchHexIdDictionary', () => {
  const ids = [
    [1, 2, 3, 4, 5, 6, 7, 8],
    [0xff, 0xee, 0xdd, 0xcc, 0xbb, 0xaa, 0x99, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x00],
    [1, 2, 3, 4, 5, 6, 7, 8],
  ];
  const body = Uint8Array.from(ids.flat());
  const ranges = [
    [0, 8],
    [8, 24],
    [24, 32],
  ];

  test('deduplicating: equal ids share a code; a new batch starts empty', () => {
    const d = new BatchHexIdDictionary();
    d.begin();
    const codes = ranges.map(([s, e]) => d.code(body, s, e));
    expect(codes).toEqual([0, 1, 0]);
    expect(d.finish()).toEqual([hex(ids[0]), hex(ids[1])]);
    d.begin();
    expect(d.code(body, 8, 24)).toBe(0);
    expect(d.finish()).toEqual([hex(ids[1])]);
  });

  test('not deduplicating: every id gets its own code', () => {
    const d = new BatchHexIdDictionary(false);
    d.begin();
    expect(ranges.map(([s, e]) => d.code(body, s, e))).toEqual([0, 1, 2]);
    expect(d.finish()).toEqual(ids.map(hex));
  });
});

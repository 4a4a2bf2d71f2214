import { describe, expect, test } from 'bun:test';
import type { DictionaryVector } from '../../../columnar/index.ts';
import { DictionaryValues } from './dictionary-values.ts';

const text = (b: Uint8Array | null | undefined): string | null => (b == null ? null : new TextDecoder().decode(b));

function values(dict: string[], codes: number[], json: boolean): DictionaryValues {
  const v: DictionaryVector = { type: json ? 'json' : 'string', length: codes.length, codes: Int32Array.from(codes), dict };
  return new DictionaryValues(v, 0, codes.length, { sorted: false, bloom: false, json });
}

describe('DictionaryValues bounds', () => {
  test('strings: min and max in code point order, long ones truncated', () => {
    const b = values(['b', 'a', 'c'.repeat(100)], [0, 1, 2, 0], false).bounds(0, 4);
    expect(text(b?.bounds.min)).toBe('a');
    expect(b?.maxKey).toBe('c'.repeat(100));
  });

  test('JSON: whole bounds when every value of the range is short', () => {
    const b = values(['{"b":1}', '{"a":1}'], [0, 1, 0], true).bounds(0, 3);
    expect(text(b?.bounds.min)).toBe('{"a":1}');
    expect(text(b?.bounds.max)).toBe('{"b":1}');
  });

  test('JSON: no bounds for a range holding a value longer than a bound may be, per page too', () => {
    const long = `{"bounds":[${'1,'.repeat(40)}2]}`;
    const v = values(['{"a":1}', long, '{"b":1}'], [0, 2, 1, 0], true);
    expect(v.bounds(0, 4)).toBeNull();
    expect(v.bounds(1, 3)).toBeNull();
    // A page without the long value keeps its bounds.
    const page = v.bounds(0, 2);
    expect(text(page?.bounds.min)).toBe('{"a":1}');
    expect(text(page?.bounds.max)).toBe('{"b":1}');
  });
});

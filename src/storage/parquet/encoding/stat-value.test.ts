import { describe, expect, test } from 'bun:test';
import { compareCodePoints, decodeStatValue, stringMaxBytes, stringMinBytes, STAT_STRING_BYTES } from './stat-value.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();
const byteOrder = (a: string, b: string): number => Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b)));

describe('statistics values', () => {
  test('compareCodePoints agrees with UTF-8 byte order where UTF-16 order does not', () => {
    const samples = ['', 'a', 'ab', 'b', 'é', '\uE000', '\uFFFD', '\u{10000}', '\u{1F600}', '\u{10FFFF}', 'z\u{1F600}', 'z\uFFFF'];
    for (const a of samples) for (const b of samples) expect(Math.sign(compareCodePoints(a, b))).toBe(byteOrder(a, b));
    expect('\uFFFD' < '\u{1F600}').toBe(false); // the reason compareCodePoints exists
  });

  test('long strings get valid truncated bounds', () => {
    const long = 'ü'.repeat(100) + 'tail';
    const min = stringMinBytes(long);
    expect(min.length).toBeLessThanOrEqual(STAT_STRING_BYTES);
    expect(byteOrder(dec.decode(min), long)).toBeLessThanOrEqual(0);
    const max = stringMaxBytes(long);
    expect(max).not.toBeNull();
    expect((max as Uint8Array).length).toBeLessThanOrEqual(STAT_STRING_BYTES);
    expect(byteOrder(dec.decode(max as Uint8Array), long)).toBe(1);
    expect(stringMaxBytes('short')).toEqual(enc.encode('short'));
    expect(stringMaxBytes('\u{10FFFF}'.repeat(40))).toBeNull();
  });

  test('decodes INT64, timestamp, double and boolean bytes', () => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigInt64(0, -9_223_372_036_854_775_808n, true);
    expect(decodeStatValue(b, 'timestamp')).toBe(-9_223_372_036_854_775_808n);
    new DataView(b.buffer).setBigInt64(0, 42n, true);
    expect(decodeStatValue(b, 'int64')).toBe(42);
    new DataView(b.buffer).setFloat64(0, NaN, true);
    expect(decodeStatValue(b, 'float64')).toBeNull();
    expect(decodeStatValue(Uint8Array.of(1), 'boolean')).toBe(true);
    expect(decodeStatValue(Uint8Array.of(1, 2), 'int64')).toBeNull();
  });
});

import { describe, expect, test } from 'bun:test';
import { crc32c } from './crc32c.ts';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Bit-at-a-time reference implementation, to cross-check the sliced tables. */
function slowCrc32c(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
}

describe('crc32c', () => {
  test('known vectors (RFC 3720 appendix B.4 and the standard check value)', () => {
    expect(crc32c(ascii('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(0))).toBe(0);
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    const inc = new Uint8Array(32);
    for (let i = 0; i < 32; i++) inc[i] = i;
    expect(crc32c(inc)).toBe(0x46dd794e);
    const dec = new Uint8Array(32);
    for (let i = 0; i < 32; i++) dec[i] = 31 - i;
    expect(crc32c(dec)).toBe(0x113fdb5c);
  });

  test('agrees with a bitwise reference at every length and alignment', () => {
    const data = new Uint8Array(300);
    for (let i = 0; i < data.length; i++) data[i] = (i * 131 + 7) & 0xff;
    for (let start = 0; start < 9; start++) {
      for (let end = start; end <= data.length; end += 7) {
        expect(crc32c(data, 0, start, end)).toBe(slowCrc32c(data.subarray(start, end)));
      }
    }
  });

  test('the 16-byte word loop agrees at every buffer alignment and tail length', () => {
    const backing = new Uint8Array(1200);
    for (let i = 0; i < backing.length; i++) backing[i] = (i * 2654435761) >>> 24;
    for (let offset = 0; offset < 8; offset++) {
      for (const length of [255, 256, 257, 271, 272, 1000, 1024 + 15]) {
        const view = backing.subarray(offset, offset + length);
        expect(crc32c(view)).toBe(slowCrc32c(view));
        expect(crc32c(view, crc32c(view, 0, 0, 300 % length), 300 % length)).toBe(slowCrc32c(view));
      }
    }
  });

  test('can be continued across pieces', () => {
    const data = ascii('The quick brown fox jumps over the lazy dog, twice over.');
    const whole = crc32c(data);
    for (const cut of [0, 1, 5, 8, 17, data.length]) {
      expect(crc32c(data, crc32c(data, 0, 0, cut), cut)).toBe(whole);
    }
  });
});

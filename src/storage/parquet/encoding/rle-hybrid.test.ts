import { describe, expect, test } from 'bun:test';
import { PartCorruptError } from '../part-corrupt-error.ts';
import { ByteSink } from './byte-sink.ts';
import { bitWidthOf, decodeBitRuns, decodeRleHybrid, encodeBitRuns, encodeRleHybrid } from './rle-hybrid.ts';

function rand(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

describe('RLE / bit-packing hybrid', () => {
  test('bitWidthOf', () => {
    expect([0, 1, 2, 3, 4, 255, 256, 2 ** 31 - 1].map(bitWidthOf)).toEqual([0, 1, 2, 2, 3, 8, 9, 31]);
  });

  test('spec example: 8 values 0..7 at width 3 bit-pack to 0x88 0xC6 0xFA', () => {
    const sink = new ByteSink(4);
    encodeRleHybrid(sink, Int32Array.of(0, 1, 2, 3, 4, 5, 6, 7), 0, 8, 3);
    expect(Array.from(sink.bytes())).toEqual([0x03, 0x88, 0xc6, 0xfa]);
  });

  for (const width of [0, 1, 2, 3, 7, 8, 12, 17, 24, 25, 31, 32]) {
    test(`round-trips mixed runs at width ${width}`, () => {
      const r = rand(width + 1);
      const n = 5000;
      const values = new Int32Array(n);
      const max = width === 0 ? 0 : 2 ** width - 1;
      for (let i = 0; i < n; ) {
        const run = r() < 0.3 ? 1 + Math.floor(r() * 40) : 1;
        const v = Math.floor(r() * (max + 1)) | 0;
        for (let k = 0; k < run && i < n; k++) values[i++] = v;
      }
      const sink = new ByteSink(16);
      sink.byte(0xee); // encoding must not depend on the sink starting empty
      encodeRleHybrid(sink, values, 0, n, width);
      const out = new Int32Array(n + 2);
      const end = decodeRleHybrid(sink.bytes(), 1, sink.length, width, n, out, 1);
      expect(end).toBe(sink.length);
      expect(out.subarray(1, n + 1)).toEqual(values);
    });
  }

  test('width-1 runs (definition levels) decode into bytes', () => {
    const r = rand(77);
    const levels = new Uint8Array(3001);
    for (let i = 0; i < levels.length; ) {
      const run = 1 + Math.floor(r() * (r() < 0.5 ? 3 : 60));
      const v = r() < 0.5 ? 1 : 0;
      for (let k = 0; k < run && i < levels.length; k++) levels[i++] = v;
    }
    const sink = new ByteSink(16);
    encodeBitRuns(sink, levels, 0, levels.length);
    const out = new Uint8Array(levels.length);
    expect(decodeBitRuns(sink.bytes(), 0, sink.length, levels.length, out, 0)).toBe(sink.length);
    expect(out).toEqual(levels);
    expect(() => decodeBitRuns(sink.bytes(), 0, sink.length - 1, levels.length, out, 0)).toThrow(PartCorruptError);
  });

  test('truncated input fails cleanly', () => {
    const sink = new ByteSink();
    encodeRleHybrid(sink, Int32Array.from({ length: 100 }, (_, i) => i % 5), 0, 100, 3);
    for (let cut = 0; cut < sink.length; cut++) {
      expect(() => decodeRleHybrid(sink.bytes(), 0, cut, 3, 100, new Int32Array(100), 0)).toThrow(PartCorruptError);
    }
  });
});

import { describe, expect, test } from 'bun:test';
import { sbbfContains, sbbfInsert } from 'hyparquet/src/bloom.js';
import { xxhash64 } from 'hyparquet/src/xxhash.js';
import { bloomFilterBytesFor, hashString, SplitBlockBloomFilter } from './split-block-bloom-filter.ts';

describe('split-block bloom filter', () => {
  test('hash is xxHash64 (seed 0) of the UTF-8 bytes', () => {
    for (const s of ['', 'a', '4bf92f3577b34da6a3ce929d0e0e4736', 'ünïcode ✓'.repeat(9)]) {
      expect(hashString(s)).toBe(xxhash64(new TextEncoder().encode(s)));
    }
  });

  test('sets exactly the bits hyparquet sets, and never forgets a value', () => {
    const bytes = bloomFilterBytesFor(2000);
    const ours = new SplitBlockBloomFilter(bytes);
    const theirs = new Uint32Array(bytes / 4);
    const values = Array.from({ length: 2000 }, (_, i) => `trace-${i * 7919}`);
    for (const v of values) {
      ours.insert(hashString(v));
      sbbfInsert(theirs, hashString(v));
    }
    expect(ours.words).toEqual(theirs);
    for (const v of values) expect(ours.mightContain(hashString(v))).toBe(true);
    const reread = SplitBlockBloomFilter.fromBytes(ours.bytes().slice());
    let falsePositives = 0;
    for (let i = 0; i < 10000; i++) {
      const h = hashString(`absent-${i}`);
      expect(reread.mightContain(h)).toBe(sbbfContains(theirs, h));
      if (reread.mightContain(h)) falsePositives++;
    }
    expect(falsePositives).toBeLessThan(300); // sized for ~1 %
  });

  test('sizes are powers of two between 32 bytes and 1 MiB', () => {
    expect(bloomFilterBytesFor(0)).toBe(32);
    expect(bloomFilterBytesFor(10000)).toBe(16384);
    expect(bloomFilterBytesFor(1e9)).toBe(1 << 20);
  });
});

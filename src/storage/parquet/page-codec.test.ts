import { describe, expect, test } from 'bun:test';
import { CODEC_SNAPPY, CODEC_UNCOMPRESSED, CODEC_ZSTD, compressPage, decompressPage, decompressPageAsync } from './page-codec.ts';
import { PartCorruptError } from './part-corrupt-error.ts';

describe('page codec', () => {
  const raw = Uint8Array.from({ length: 256 * 1024 }, (_, i) => (i * 7919) % 251);
  const zstd = compressPage(CODEC_ZSTD, raw, 3);
  const big = new Uint8Array(new Float64Array(32 * 1024).map((_, i) => Math.sin(i) * 1000).buffer);
  const zstdBig = compressPage(CODEC_ZSTD, big, 3);

  test('async inflation of a large zstd page equals the synchronous one; small pages are inflated at once', async () => {
    expect(zstdBig.length).toBeGreaterThan(16 * 1024);
    const pending = decompressPageAsync(CODEC_ZSTD, zstdBig, big.length);
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toEqual(decompressPage(CODEC_ZSTD, zstdBig, big.length));
    const small = compressPage(CODEC_ZSTD, raw.subarray(0, 1000), 3);
    expect(decompressPageAsync(CODEC_ZSTD, small, 1000)).toEqual(raw.subarray(0, 1000));
    expect(decompressPageAsync(CODEC_SNAPPY, compressPage(CODEC_SNAPPY, raw, 3), raw.length)).toEqual(raw);
    expect(decompressPageAsync(CODEC_UNCOMPRESSED, raw, raw.length)).toBe(raw);
  });

  test('corrupt or wrongly sized pages fail with PartCorruptError, also off-thread', async () => {
    expect(() => decompressPage(CODEC_ZSTD, zstd, raw.length + 1)).toThrow(PartCorruptError);
    await expect(Promise.resolve(decompressPageAsync(CODEC_ZSTD, zstdBig, big.length - 8))).rejects.toBeInstanceOf(PartCorruptError);
    const garbage = zstdBig.slice();
    garbage.fill(0x55, 8, garbage.length - 8);
    await expect(Promise.resolve(decompressPageAsync(CODEC_ZSTD, garbage, big.length))).rejects.toBeInstanceOf(PartCorruptError);
    expect(() => decompressPage(99, raw, raw.length)).toThrow(PartCorruptError);
  });
});

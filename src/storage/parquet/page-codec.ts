/**
 * Page compression: zstd through Bun's native binding (SPEC §3 default), snappy through
 * the JS codecs that ship with hyparquet(-writer), or none. Decompression checks the
 * size the page header promised, so a corrupt page fails here instead of later; large
 * zstd pages can be inflated on Bun's thread pool (decompressPageAsync).
 */
import { snappyUncompress } from 'hyparquet';
import { snappyCompress } from 'hyparquet-writer/src/snappy.js';
import { PartCorruptError } from './part-corrupt-error.ts';

/** Parquet CompressionCodec values used by Pharlux parts (thrift enum numbers). */
export const CODEC_UNCOMPRESSED = 0;
export const CODEC_SNAPPY = 1;
export const CODEC_ZSTD = 6;

export type PartCompression = 'zstd' | 'snappy' | 'none';

/** The thrift codec number of a compression option. */
export function codecOf(compression: PartCompression): number {
  switch (compression) {
    case 'zstd':
      return CODEC_ZSTD;
    case 'snappy':
      return CODEC_SNAPPY;
    case 'none':
      return CODEC_UNCOMPRESSED;
  }
}

/** Compresses one page body with `codec`. */
export function compressPage(codec: number, bytes: Uint8Array, zstdLevel: number): Uint8Array {
  switch (codec) {
    case CODEC_ZSTD:
      return Bun.zstdCompressSync(bytes, { level: zstdLevel });
    case CODEC_SNAPPY:
      return snappyCompress(bytes);
    case CODEC_UNCOMPRESSED:
      return bytes;
    default:
      throw new PartCorruptError(`unsupported compression codec ${codec}`);
  }
}

/** Compressed zstd pages at least this large are inflated on Bun's thread pool by decompressPageAsync. */
const ASYNC_MIN_BYTES = 16 * 1024;

/**
 * Like decompressPage, but a large zstd page is inflated on Bun's thread pool (so several
 * pages, and the decoding of earlier ones, proceed at once); `bytes` must not be reused
 * until the promise settles. Small pages and other codecs are inflated at once.
 */
export function decompressPageAsync(codec: number, bytes: Uint8Array, uncompressedBytes: number): Uint8Array | Promise<Uint8Array> {
  if (codec !== CODEC_ZSTD || bytes.length < ASYNC_MIN_BYTES) return decompressPage(codec, bytes, uncompressedBytes);
  return Bun.zstdDecompress(bytes).then(
    (out) => {
      if (out.byteLength !== uncompressedBytes) throw new PartCorruptError(`page decompressed to ${out.byteLength} bytes, header says ${uncompressedBytes}`);
      return out;
    },
    (err: unknown) => {
      throw new PartCorruptError(`page does not decompress: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    },
  );
}

/** Decompresses one page body, checking it inflates to exactly `uncompressedBytes`. */
export function decompressPage(codec: number, bytes: Uint8Array, uncompressedBytes: number): Uint8Array {
  let out: Uint8Array;
  try {
    switch (codec) {
      case CODEC_UNCOMPRESSED:
        out = bytes;
        break;
      case CODEC_ZSTD:
        out = Bun.zstdDecompressSync(bytes);
        break;
      case CODEC_SNAPPY:
        out = new Uint8Array(uncompressedBytes);
        snappyUncompress(bytes, out);
        break;
      default:
        throw new PartCorruptError(`unsupported compression codec ${codec}`);
    }
  } catch (err) {
    if (err instanceof PartCorruptError) throw err;
    throw new PartCorruptError(`page does not decompress: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (out.byteLength !== uncompressedBytes) {
    throw new PartCorruptError(`page decompressed to ${out.byteLength} bytes, header says ${uncompressedBytes}`);
  }
  return out;
}

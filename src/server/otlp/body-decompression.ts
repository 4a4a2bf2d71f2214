/**
 * Request body decompression with a hard output cap (`max_decompressed_bytes`), so a
 * small compression bomb cannot exhaust memory. gzip uses Bun's fast native inflate when
 * the input is too small to exceed the cap even at deflate's maximum ratio (~1032:1),
 * and node:zlib's capped `maxOutputLength` otherwise; zstd always goes through the capped
 * path (its ratio is unbounded).
 */
import { gunzipSync, zstdDecompressSync } from 'node:zlib';
import { IngestRejectedError, IngestTooLargeError } from '../../ingest/index.ts';
import { OtlpHttpError } from './otlp-status.ts';

const DEFLATE_MAX_RATIO = 1032;

/** Content-Encodings the receivers accept. */
export type BodyEncoding = 'identity' | 'gzip' | 'zstd';

/** Parses a Content-Encoding header; unsupported codings are a 415. */
export function parseContentEncoding(header: string | null): BodyEncoding {
  const value = (header ?? '').trim().toLowerCase();
  if (value === '' || value === 'identity') return 'identity';
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  if (value === 'zstd') return 'zstd';
  throw new OtlpHttpError(415, `unsupported Content-Encoding "${header}" (use gzip, zstd or identity)`);
}

/** Decompresses `body`; throws IngestTooLargeError past `maxBytes`, IngestRejectedError on corrupt data. */
export function decompressBody(body: Uint8Array, encoding: BodyEncoding, maxBytes: number): Uint8Array {
  if (encoding === 'identity') {
    if (body.byteLength > maxBytes) throw tooLarge(maxBytes);
    return body;
  }
  try {
    let out: Uint8Array;
    if (encoding === 'gzip' && body.byteLength * DEFLATE_MAX_RATIO <= maxBytes) out = Bun.gunzipSync(body as Uint8Array<ArrayBuffer>);
    else if (encoding === 'gzip') out = gunzipSync(body, { maxOutputLength: maxBytes });
    else out = zstdDecompressSync(body, { maxOutputLength: maxBytes });
    if (out.byteLength > maxBytes) throw tooLarge(maxBytes);
    return out;
  } catch (err) {
    if (err instanceof IngestTooLargeError) throw err;
    if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes);
    throw new IngestRejectedError(`malformed request: body is not valid ${encoding} (${err instanceof Error ? err.message : String(err)})`);
  }
}

function tooLarge(maxBytes: number): IngestTooLargeError {
  return new IngestTooLargeError(`request body decompresses to more than ${maxBytes} bytes (ingest.max_decompressed_bytes)`);
}

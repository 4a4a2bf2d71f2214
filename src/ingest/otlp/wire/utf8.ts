/** Strict UTF-8 decoding for protobuf string fields. */
import { IngestRejectedError } from '../../errors.ts';

// Stateless (decode() without `stream`), so one shared instance is safe.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes `buf[start, end)`; invalid UTF-8 makes the whole request malformed (as in protobuf-go). */
export function decodeUtf8(buf: Uint8Array, start: number, end: number): string {
  if (start === end) return '';
  try {
    return UTF8.decode(buf.subarray(start, end));
  } catch {
    throw new IngestRejectedError(`malformed protobuf: invalid UTF-8 in a string field at byte ${start}`);
  }
}

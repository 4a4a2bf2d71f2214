/**
 * SPEC §4: log bodies over 64 KiB (UTF-8) are cut at a character boundary and the record
 * gets an attribute saying how long the body was. Shared by both decoders.
 */
import { BODY_TRUNCATED_ATTRIBUTE, MAX_LOG_BODY_BYTES } from '../ingest-limits.ts';
import { summarizeAttributes, type AttributeSummary } from './attribute-summary.ts';
import type { JsonEntry } from './canonical-json.ts';
import { decodeUtf8 } from './wire/index.ts';

/** Where UTF-8 `buf[start, end)` must end to fit MAX_LOG_BODY_BYTES: `end` when it fits, else a character boundary. */
export function utf8CutPoint(buf: Uint8Array, start: number, end: number): number {
  if (end - start <= MAX_LOG_BODY_BYTES) return end;
  let cut = start + MAX_LOG_BODY_BYTES;
  // Step back over continuation bytes (10xxxxxx) so the cut lands on a character start.
  while (cut > start && (buf[cut] & 0xc0) === 0x80) cut--;
  return cut;
}

/** The first MAX_LOG_BODY_BYTES of UTF-8 `buf[start, end)`, cut before any partial character. */
export function truncateUtf8Body(buf: Uint8Array, start: number, end: number): string {
  return decodeUtf8(buf, start, utf8CutPoint(buf, start, end));
}

/** A JS string body truncated to MAX_LOG_BODY_BYTES of UTF-8. */
export function truncateStringBody(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return truncateUtf8Body(bytes, 0, bytes.length);
}

/** The record's attributes plus the truncation marker. */
export function withTruncationMarker(entries: JsonEntry[], originalBytes: number): AttributeSummary {
  return summarizeAttributes([...entries, { key: BODY_TRUNCATED_ATTRIBUTE, json: String(originalBytes) }]);
}

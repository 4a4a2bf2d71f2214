/**
 * Byte layout of WAL segments and records (documented in FORMAT.md beside this file).
 * Pure functions over Uint8Array: encoding a record, decoding a payload, and the
 * segment header. No I/O here.
 */
import type { TableName } from '../../columnar/index.ts';
import type { WalEncoding, WalEntry } from '../contract.ts';
import { crc32c } from './crc32c.ts';

/** Format version written in every segment header and every record payload. */
export const WAL_FORMAT_VERSION = 1;
/** Bytes of the segment header. */
export const SEGMENT_HEADER_BYTES = 32;
/** Bytes of the frame header: u32 payload length + u32 CRC32C. */
export const FRAME_HEADER_BYTES = 8;
/** Fixed part of a payload before the tenant bytes (version 1, no accepted time range). */
const PAYLOAD_FIXED_BYTES = 26;
/** Payload version 2: version 1 plus the accepted rows' time range (two f64 ms). */
export const PAYLOAD_VERSION_WITH_TIME_RANGE = 2;
const PAYLOAD_V2_FIXED_BYTES = 42;
/** Largest payload replay accepts; anything larger is treated as damage. */
export const MAX_PAYLOAD_BYTES = 1 << 30;

const SEGMENT_MAGIC = new TextEncoder().encode('PHLXWAL\n');

const SIGNAL_CODES: Readonly<Record<TableName, number>> = { metrics: 1, logs: 2, spans: 3 };
const SIGNALS: readonly (TableName | undefined)[] = [undefined, 'metrics', 'logs', 'spans'];
const ENCODING_CODES: Readonly<Record<WalEncoding, number>> = { protobuf: 1, json: 2 };
const ENCODINGS: readonly (WalEncoding | undefined)[] = [undefined, 'protobuf', 'json'];

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** A record read back from a segment. */
export interface WalRecord {
  /** Log sequence number: strictly increasing across all segments. */
  readonly lsn: number;
  readonly entry: WalEntry;
}

/**
 * Everything of one record's frame except the body: frame header (length, CRC), the
 * payload's fixed fields and the tenant. The CRC covers the whole payload, body included,
 * so the body is written as its own iovec right after this and is never copied.
 */
export function encodeWalFrameHead(lsn: number, entry: WalEntry): Uint8Array {
  const tenant = utf8.encode(entry.tenant);
  if (tenant.length > 0xffff) throw new RangeError('tenant name longer than 65535 bytes');
  const range = entry.acceptedTimeMs;
  const fixed = range === undefined ? PAYLOAD_FIXED_BYTES : PAYLOAD_V2_FIXED_BYTES;
  const payloadBytes = fixed + tenant.length + entry.body.length;
  const head = new Uint8Array(FRAME_HEADER_BYTES + fixed + tenant.length);
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const p = FRAME_HEADER_BYTES;
  head[p] = range === undefined ? WAL_FORMAT_VERSION : PAYLOAD_VERSION_WITH_TIME_RANGE;
  head[p + 1] = SIGNAL_CODES[entry.table];
  head[p + 2] = ENCODING_CODES[entry.encoding];
  head[p + 3] = 0;
  view.setFloat64(p + 4, lsn, true);
  view.setFloat64(p + 12, entry.receiveTimeMs, true);
  view.setUint32(p + 20, entry.body.length, true);
  view.setUint16(p + 24, tenant.length, true);
  if (range !== undefined) {
    view.setFloat64(p + 26, range.min, true);
    view.setFloat64(p + 34, range.max, true);
  }
  head.set(tenant, p + fixed);
  view.setUint32(0, payloadBytes, true);
  view.setUint32(4, crc32c(entry.body, crc32c(head, 0, p, head.length)), true);
  return head;
}

/** Frame + payload of one record as one array (tests and tools; the writer uses encodeWalFrameHead). */
export function encodeWalFrame(lsn: number, entry: WalEntry): Uint8Array {
  const head = encodeWalFrameHead(lsn, entry);
  const frame = new Uint8Array(head.length + entry.body.length);
  frame.set(head, 0);
  frame.set(entry.body, head.length);
  return frame;
}

/**
 * Decodes a payload whose CRC already matched. Returns null when the bytes are not a
 * well-formed version-1 payload (treated like a CRC failure by replay). The body is a
 * view into `payload`.
 */
export function decodeWalPayload(payload: Uint8Array): WalRecord | null {
  const version = payload[0];
  if (version !== WAL_FORMAT_VERSION && version !== PAYLOAD_VERSION_WITH_TIME_RANGE) return null;
  const fixed = version === WAL_FORMAT_VERSION ? PAYLOAD_FIXED_BYTES : PAYLOAD_V2_FIXED_BYTES;
  if (payload.length < fixed) return null;
  const table = SIGNALS[payload[1]];
  const encoding = ENCODINGS[payload[2]];
  if (table === undefined || encoding === undefined) return null;
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const lsn = view.getFloat64(4, true);
  const receiveTimeMs = view.getFloat64(12, true);
  const bodyLength = view.getUint32(20, true);
  const tenantLength = view.getUint16(24, true);
  if (fixed + tenantLength + bodyLength !== payload.length) return null;
  if (!Number.isSafeInteger(lsn) || lsn < 1) return null;
  let tenant: string;
  try {
    tenant = utf8Decoder.decode(payload.subarray(fixed, fixed + tenantLength));
  } catch {
    return null;
  }
  const body = payload.subarray(fixed + tenantLength);
  if (version === WAL_FORMAT_VERSION) return { lsn, entry: { table, tenant, receiveTimeMs, encoding, body } };
  const min = view.getFloat64(26, true);
  const max = view.getFloat64(34, true);
  if (!(min <= max)) return null;
  return { lsn, entry: { table, tenant, receiveTimeMs, encoding, body, acceptedTimeMs: { min, max } } };
}

/** The 32-byte header that opens every segment file. */
export function encodeSegmentHeader(sequence: number): Uint8Array {
  const header = new Uint8Array(SEGMENT_HEADER_BYTES);
  const view = new DataView(header.buffer);
  header.set(SEGMENT_MAGIC, 0);
  view.setUint16(8, WAL_FORMAT_VERSION, true);
  view.setFloat64(16, sequence, true);
  view.setUint32(28, crc32c(header, 0, 0, 28), true);
  return header;
}

/** The segment sequence in a header, or null when the header is damaged or of another version. */
export function decodeSegmentHeader(header: Uint8Array): { sequence: number; version: number } | null {
  if (header.length < SEGMENT_HEADER_BYTES) return null;
  for (let i = 0; i < SEGMENT_MAGIC.length; i++) if (header[i] !== SEGMENT_MAGIC[i]) return null;
  const view = new DataView(header.buffer, header.byteOffset, SEGMENT_HEADER_BYTES);
  if (view.getUint32(28, true) !== crc32c(header, 0, 0, 28)) return null;
  const version = view.getUint16(8, true);
  if (version !== WAL_FORMAT_VERSION) return null;
  return { sequence: view.getFloat64(16, true), version };
}

/** `000000000042.wal` for sequence 42. */
export function segmentFileName(sequence: number): string {
  return `${String(sequence).padStart(12, '0')}.wal`;
}

/** The sequence of a segment file name, or null for other files. */
export function parseSegmentFileName(name: string): number | null {
  const m = /^(\d{12})\.wal$/.exec(name);
  return m === null ? null : Number(m[1]);
}

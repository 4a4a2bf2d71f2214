/**
 * Min/max values in statistics and column indexes are PLAIN bytes without a length
 * prefix: INT64 8 bytes LE, DOUBLE 8 bytes LE, BOOLEAN 1 byte, BYTE_ARRAY raw UTF-8.
 * Strings compare by unsigned bytes, i.e. by code point; compareCodePoints gives that
 * order on JS strings without encoding them.
 */
import { joinNs, type DataType, type ScalarValue } from '../../../columnar/index.ts';

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder('utf-8');

/** Longest min/max string kept whole in statistics; longer bounds are truncated. */
export const STAT_STRING_BYTES = 64;

/** Compares two strings in UTF-8 byte (= code point) order. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (U+D800..DFFF) stand for code points above U+FFFF: move them past U+E000..FFFF.
      const kx = x >= 0xd800 && x < 0xe000 ? x + 0x2000 : x >= 0xe000 ? x - 0x800 : x;
      const ky = y >= 0xd800 && y < 0xe000 ? y + 0x2000 : y >= 0xe000 ? y - 0x800 : y;
      return kx - ky;
    }
  }
  return a.length - b.length;
}

/** INT64 bytes of an integral double (|v| <= 2^53). */
export function int64Bytes(v: number): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  const hi = Math.floor(v / 4294967296);
  view.setInt32(4, hi, true);
  view.setUint32(0, v - hi * 4294967296, true);
  return out;
}

/** INT64 bytes of a split timestamp. */
export function timestampBytes(ms: number, nanos: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigInt64(0, BigInt.asIntN(64, joinNs(ms, nanos)), true);
  return out;
}

export function doubleBytes(v: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setFloat64(0, v, true);
  return out;
}

export function booleanBytes(v: boolean): Uint8Array {
  return Uint8Array.of(v ? 1 : 0);
}

/** UTF-8 of a string min bound, truncated to a prefix (still a lower bound). */
export function stringMinBytes(s: string): Uint8Array {
  const bytes = textEncoder.encode(s);
  if (bytes.length <= STAT_STRING_BYTES) return bytes;
  let end = STAT_STRING_BYTES;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--; // cut on a code point boundary
  return bytes.slice(0, end);
}

/**
 * UTF-8 of a string max bound: whole if short, else a prefix with its last code point
 * incremented (an upper bound), or null when no short upper bound exists.
 */
export function stringMaxBytes(s: string): Uint8Array | null {
  const bytes = textEncoder.encode(s);
  if (bytes.length <= STAT_STRING_BYTES) return bytes;
  const cps = Array.from(textDecoder.decode(bytes.subarray(0, STAT_STRING_BYTES + 4)));
  let prefix = '';
  for (const cp of cps) {
    if (textEncoder.encode(prefix + cp).length > STAT_STRING_BYTES - 4) break;
    prefix += cp;
  }
  const chars = Array.from(prefix);
  while (chars.length > 0) {
    const last = chars.pop() as string;
    let cp = (last.codePointAt(0) as number) + 1;
    if (cp === 0xd800) cp = 0xe000;
    if (cp <= 0x10ffff) return textEncoder.encode(chars.join('') + String.fromCodePoint(cp));
  }
  return null;
}

/** Decodes a statistics value of a column of `type` into the scalar a predicate compares with. */
export function decodeStatValue(bytes: Uint8Array, type: DataType): ScalarValue {
  switch (type) {
    case 'string':
    case 'json':
      return textDecoder.decode(bytes);
    case 'boolean':
      return bytes.length >= 1 ? bytes[0] !== 0 : null;
    case 'float64': {
      if (bytes.length !== 8) return null;
      const v = new DataView(bytes.buffer, bytes.byteOffset, 8).getFloat64(0, true);
      return Number.isNaN(v) ? null : v;
    }
    case 'int64':
      return bytes.length === 8 ? Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigInt64(0, true)) : null;
    case 'timestamp':
      return bytes.length === 8 ? new DataView(bytes.buffer, bytes.byteOffset, 8).getBigInt64(0, true) : null;
  }
}

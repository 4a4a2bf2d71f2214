/**
 * PLAIN encoding for the physical types Pharlux uses: DOUBLE and INT64 as 8 little-endian
 * bytes, BOOLEAN bit-packed LSB-first, BYTE_ARRAY as 4-byte length + bytes. Typed arrays
 * are little-endian on every platform Bun ships for, so doubles copy as raw bytes.
 */
import { splitNsHalves } from '../../../columnar/index.ts';
import { PartCorruptError } from '../part-corrupt-error.ts';
import type { ByteSink } from './byte-sink.ts';

const utf8 = new TextDecoder('utf-8');

function need(pos: number, bytes: number, end: number, what: string): void {
  if (pos + bytes > end) throw new PartCorruptError(`PLAIN ${what} data past the end of the page`);
}

/** Appends `count` doubles from values[start...]. */
export function encodePlainDoubles(sink: ByteSink, values: Float64Array, start: number, count: number): void {
  sink.raw(new Uint8Array(values.buffer, values.byteOffset + start * 8, count * 8));
}

/** Reads `count` doubles into out[outStart...]; returns the position after them. */
export function decodePlainDoubles(bytes: Uint8Array, pos: number, end: number, count: number, out: Float64Array, outStart: number): number {
  need(pos, count * 8, end, 'DOUBLE');
  new Uint8Array(out.buffer, out.byteOffset + outStart * 8, count * 8).set(bytes.subarray(pos, pos + count * 8));
  return pos + count * 8;
}

/** Appends `count` booleans (0/1) from values[start...], bit-packed. */
export function encodePlainBooleans(sink: ByteSink, values: Uint8Array, start: number, count: number): void {
  const bytes = (count + 7) >> 3;
  sink.ensure(bytes);
  const out = sink.buf;
  const base = sink.length;
  out.fill(0, base, base + bytes);
  for (let i = 0; i < count; i++) if (values[start + i] !== 0) out[base + (i >> 3)] |= 1 << (i & 7);
  sink.length += bytes;
}

/** Reads `count` bit-packed booleans into out[outStart...] as 0/1. */
export function decodePlainBooleans(bytes: Uint8Array, pos: number, end: number, count: number, out: Uint8Array, outStart: number): number {
  const n = (count + 7) >> 3;
  need(pos, n, end, 'BOOLEAN');
  for (let i = 0; i < count; i++) out[outStart + i] = (bytes[pos + (i >> 3)] >> (i & 7)) & 1;
  return pos + n;
}

/** Reads `count` INT64 values as doubles (exact to 2^53). */
export function decodePlainInt64AsDouble(bytes: Uint8Array, pos: number, end: number, count: number, out: Float64Array, outStart: number): number {
  need(pos, count * 8, end, 'INT64');
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  for (let i = 0; i < count; i++) {
    const at = pos + i * 8;
    out[outStart + i] = view.getInt32(at + 4, true) * 4294967296 + view.getUint32(at, true);
  }
  return pos + count * 8;
}

/** Reads `count` INT64 nanosecond timestamps into split (ms, nanos) form, exactly. */
export function decodePlainInt64AsSplit(bytes: Uint8Array, pos: number, end: number, count: number, ms: Float64Array, nanos: Int32Array, outStart: number): number {
  need(pos, count * 8, end, 'INT64');
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  for (let i = 0; i < count; i++) {
    const at = pos + i * 8;
    const [m, n] = splitNsHalves(view.getUint32(at, true), view.getInt32(at + 4, true));
    ms[outStart + i] = m;
    nanos[outStart + i] = n;
  }
  return pos + count * 8;
}

/**
 * Reads `count` PLAIN byte arrays as strings (one string per value). When every value is
 * ASCII — ids, names, most log lines — the whole run is decoded once as latin1 and values
 * are substrings of it (about 5× faster than a TextDecoder call per value).
 */
export function decodePlainStrings(bytes: Uint8Array, pos: number, end: number, count: number, out: string[]): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  let p = pos;
  let ascii = true;
  for (let i = 0; i < count; i++) {
    need(p, 4, end, 'BYTE_ARRAY');
    const len = view.getUint32(p, true);
    need(p + 4, len, end, 'BYTE_ARRAY');
    if (ascii) for (let k = p + 4; k < p + 4 + len; k++) if (bytes[k] >= 0x80) ascii = false;
    p += 4 + len;
  }
  if (ascii) {
    // Length prefixes become junk characters inside `run`; only the value ranges are used.
    const run = Buffer.from(bytes.buffer, bytes.byteOffset + pos, p - pos).toString('latin1');
    let q = 0;
    for (let i = 0; i < count; i++) {
      const len = view.getUint32(pos + q, true);
      out.push(run.substring(q + 4, q + 4 + len));
      q += 4 + len;
    }
    return p;
  }
  p = pos;
  for (let i = 0; i < count; i++) {
    const len = view.getUint32(p, true);
    out.push(len === 0 ? '' : utf8.decode(bytes.subarray(p + 4, p + 4 + len)));
    p += 4 + len;
  }
  return p;
}

/**
 * Decodes DELTA_BINARY_PACKED INT64 pages into split timestamps or doubles. The fast
 * path keeps deltas as doubles (exact below 2^52); a page whose deltas are wider, or
 * whose running value leaves the int64 range (writer-side wrap-around), is decoded
 * again exactly with BigInt.
 */
import { splitNs } from '../../../columnar/index.ts';
import { PartCorruptError } from '../part-corrupt-error.ts';

const FAST_LIMIT = 2 ** 51;
const MAX_MS = 9223372036854; // floor(int64 max / 1e6)
const MIN_MS = -9223372036855; // floor(int64 min / 1e6)

class Cursor {
  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
    readonly end: number,
  ) {}

  byte(): number {
    if (this.pos >= this.end) throw new PartCorruptError('DELTA_BINARY_PACKED data past the end of the page');
    return this.bytes[this.pos++];
  }

  /** Unsigned LEB128 as a double (inexact above 2^53; callers check the range). */
  varint(): number {
    // Doubles are exact to 2^53; larger varints only matter on the BigInt path.
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return result;
      mul *= 128;
    }
    throw new PartCorruptError('varint too long in DELTA_BINARY_PACKED data');
  }

  varintBig(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return BigInt.asUintN(64, result);
      shift += 7n;
    }
    throw new PartCorruptError('varint too long in DELTA_BINARY_PACKED data');
  }

  zigzagBig(): bigint {
    const u = this.varintBig();
    return BigInt.asIntN(64, (u >> 1n) ^ -(u & 1n));
  }
}

interface Header {
  blockSize: number;
  miniblocks: number;
  perMini: number;
  total: number;
  first: bigint;
}

function readHeader(c: Cursor, expected: number): Header {
  const blockSize = c.varint();
  const miniblocks = c.varint();
  const total = c.varint();
  const first = c.zigzagBig();
  if (blockSize <= 0 || blockSize % 128 !== 0 || blockSize > 1 << 16) throw new PartCorruptError(`bad DELTA block size ${blockSize}`);
  if (miniblocks <= 0 || blockSize % miniblocks !== 0 || (blockSize / miniblocks) % 32 !== 0) {
    throw new PartCorruptError(`bad DELTA miniblock count ${miniblocks}`);
  }
  if (total !== expected) throw new PartCorruptError(`DELTA page holds ${total} values, expected ${expected}`);
  return { blockSize, miniblocks, perMini: blockSize / miniblocks, total, first };
}

/** Fast path: fills `deltas` as doubles; false when some delta is too wide to be exact. */
function decodeFastDeltas(c: Cursor, h: Header, deltas: Float64Array): boolean {
  const widths = new Uint8Array(h.miniblocks);
  let done = 0;
  const need = h.total - 1;
  while (done < need) {
    const zz = c.varint();
    if (zz >= 2 * FAST_LIMIT) return false;
    const min = zz % 2 === 0 ? zz / 2 : -(zz + 1) / 2;
    for (let m = 0; m < h.miniblocks; m++) widths[m] = c.byte();
    for (let m = 0; m < h.miniblocks && done < need; m++) {
      const w = widths[m];
      if (w > 64) throw new PartCorruptError(`DELTA miniblock bit width ${w}`);
      if (w > 51) return false;
      const bytes = (h.perMini * w) / 8;
      if (c.pos + bytes > c.end) throw new PartCorruptError('DELTA miniblock past the end of the page');
      const n = Math.min(h.perMini, need - done);
      if (w <= 32) unpackNarrow(c.bytes, c.pos, w, n, deltas, done);
      else unpackWide(c.bytes, c.pos, w, n, deltas, done);
      for (let i = done; i < done + n; i++) deltas[i] += min;
      c.pos += bytes;
      done += n;
    }
  }
  return true;
}

/** Unpacks values of 0..32 bits into doubles (unsigned). */
function unpackNarrow(bytes: Uint8Array, pos: number, width: number, count: number, out: Float64Array, outStart: number): void {
  if (width === 0) {
    out.fill(0, outStart, outStart + count);
    return;
  }
  const mask = width === 32 ? -1 : (1 << width) - 1;
  const base = pos * 8;
  for (let n = 0; n < count; n++) {
    const off = base + n * width;
    const i = off >>> 3;
    const sh = off & 7;
    let w = (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)) >>> sh;
    if (sh + width > 32) w |= bytes[i + 4] << (32 - sh);
    out[outStart + n] = (w & mask) >>> 0;
  }
}

/** Unpacks values of 33..51 bits (low 32 bits first in the stream). */
function unpackWide(bytes: Uint8Array, pos: number, width: number, count: number, out: Float64Array, outStart: number): void {
  let bitPos = pos * 8;
  for (let n = 0; n < count; n++) {
    out[outStart + n] = readBits(bytes, bitPos, 32) + readBits(bytes, bitPos + 32, width - 32) * 4294967296;
    bitPos += width;
  }
}

/** `n` (0..32) bits starting at bit `bitPos`, LSB first, as an unsigned number. */
function readBits(bytes: Uint8Array, bitPos: number, n: number): number {
  let v = 0;
  let got = 0;
  while (got < n) {
    const at = bitPos + got;
    const offset = at & 7;
    const take = Math.min(8 - offset, n - got);
    v += ((bytes[at >> 3] >> offset) & ((1 << take) - 1)) * 2 ** got;
    got += take;
  }
  return v;
}

/** The exact path: every value as an int64 with wrap-around. */
function decodeBig(c: Cursor, h: Header): BigInt64Array {
  const out = new BigInt64Array(h.total);
  if (h.total === 0) return out;
  out[0] = h.first;
  let done = 1;
  const widths = new Uint8Array(h.miniblocks);
  while (done < h.total) {
    const min = c.zigzagBig();
    for (let m = 0; m < h.miniblocks; m++) widths[m] = c.byte();
    for (let m = 0; m < h.miniblocks && done < h.total; m++) {
      const w = widths[m];
      if (w > 64) throw new PartCorruptError(`DELTA miniblock bit width ${w}`);
      const bytes = (h.perMini * w) / 8;
      if (c.pos + bytes > c.end) throw new PartCorruptError('DELTA miniblock past the end of the page');
      let bitPos = c.pos * 8;
      const n = Math.min(h.perMini, h.total - done);
      const loBits = Math.min(32, w);
      for (let i = 0; i < n; i++) {
        const lo = readBits(c.bytes, bitPos, loBits);
        const hi = w > 32 ? readBits(c.bytes, bitPos + 32, w - 32) : 0;
        bitPos += w;
        const v = (BigInt(hi) << 32n) | BigInt(lo);
        out[done] = BigInt.asIntN(64, out[done - 1] + min + v);
        done++;
      }
      c.pos += bytes;
    }
  }
  return out;
}

/** Decodes `count` timestamps into (ms, nanos) at outStart; returns the position after the data. */
export function decodeDeltaSplit(bytes: Uint8Array, pos: number, end: number, count: number, ms: Float64Array, nanos: Int32Array, outStart: number): number {
  const c = new Cursor(bytes, pos, end);
  const h = readHeader(c, count);
  if (count === 0) return c.pos;
  const afterHeader = c.pos;
  const deltas = new Float64Array(Math.max(0, count - 1));
  let ok = decodeFastDeltas(c, h, deltas);
  if (ok) {
    let [m, n] = splitNs(h.first);
    ms[outStart] = m;
    nanos[outStart] = n;
    for (let i = 1; i < count && ok; i++) {
      n += deltas[i - 1];
      if (n >= 1e6 || n < 0) {
        const carry = Math.floor(n / 1e6);
        m += carry;
        n -= carry * 1e6;
      }
      if (m >= MAX_MS || m <= MIN_MS) ok = inInt64(m, n);
      ms[outStart + i] = m;
      nanos[outStart + i] = n;
    }
  }
  if (ok) return c.pos;
  c.pos = afterHeader;
  const values = decodeBig(c, h);
  for (let i = 0; i < count; i++) {
    const [m, n] = splitNs(values[i]);
    ms[outStart + i] = m;
    nanos[outStart + i] = n;
  }
  return c.pos;
}

function inInt64(ms: number, nanos: number): boolean {
  if (ms > MAX_MS || ms < MIN_MS) return false;
  if (ms === MAX_MS) return nanos <= 775807;
  if (ms === MIN_MS) return nanos >= 224192;
  return true;
}

/** Decodes `count` int64 values into doubles at outStart; returns the position after the data. */
export function decodeDeltaFloat(bytes: Uint8Array, pos: number, end: number, count: number, out: Float64Array, outStart: number): number {
  const c = new Cursor(bytes, pos, end);
  const h = readHeader(c, count);
  if (count === 0) return c.pos;
  const afterHeader = c.pos;
  const deltas = new Float64Array(Math.max(0, count - 1));
  let ok = decodeFastDeltas(c, h, deltas) && h.first <= BigInt(Number.MAX_SAFE_INTEGER) && h.first >= BigInt(Number.MIN_SAFE_INTEGER);
  if (ok) {
    let v = Number(h.first);
    out[outStart] = v;
    for (let i = 1; i < count; i++) {
      v += deltas[i - 1];
      out[outStart + i] = v;
      // Past 2^53 the running sum is no longer exact (nor int64-wrapped): redo exactly.
      if (v > Number.MAX_SAFE_INTEGER || v < -Number.MAX_SAFE_INTEGER) ok = false;
    }
  }
  if (ok) return c.pos;
  c.pos = afterHeader;
  const values = decodeBig(c, h);
  for (let i = 0; i < count; i++) out[outStart + i] = Number(values[i]);
  return c.pos;
}

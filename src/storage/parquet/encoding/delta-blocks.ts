/**
 * The block structure shared by the DELTA_BINARY_PACKED decoders (delta-decoder.ts for
 * timestamps, delta-float-decoder.ts for int64 as doubles): the page header, blocks of
 * miniblocks walked in order, and bit unpacking of miniblock values. 64-bit quantities
 * (the first value, block minimums) are read as (lo, hi) 32-bit halves, never BigInt.
 */
import { PartCorruptError } from '../part-corrupt-error.ts';

export const TWO32 = 4294967296;
/** |delta| below this is an exact double however it was made. */
export const FAST_DELTA = 2 ** 51;

/** Page reading state; 64-bit varints land in lo/hi. */
export class Cursor {
  lo = 0;
  hi = 0;

  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
    readonly end: number,
  ) {}

  byte(): number {
    if (this.pos >= this.end) throw new PartCorruptError('DELTA_BINARY_PACKED data past the end of the page');
    return this.bytes[this.pos++];
  }

  /** Unsigned LEB128 of at most 2^53 (header fields). */
  small(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.byte();
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return result;
      mul *= 128;
    }
    throw new PartCorruptError('varint too long in a DELTA_BINARY_PACKED header');
  }

  /** Zigzag LEB128 int64 into lo (unsigned) / hi (signed). */
  zigzag64(): void {
    let lo = 0;
    let hi = 0;
    let shift = 0;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      const v = b & 0x7f;
      if (shift < 28) lo |= v << shift;
      else if (shift === 28) {
        lo |= v << 28;
        hi |= v >>> 4;
      } else hi |= v << (shift - 32);
      if ((b & 0x80) === 0) {
        const sign = -(lo & 1);
        this.lo = (((lo >>> 1) | (hi << 31)) ^ sign) >>> 0;
        this.hi = ((hi >>> 1) ^ sign) | 0;
        return;
      }
      shift += 7;
    }
    throw new PartCorruptError('varint too long in DELTA_BINARY_PACKED data');
  }
}

export interface Header {
  readonly miniblocks: number;
  readonly perMini: number;
  /** First value as halves. */
  readonly firstLo: number;
  readonly firstHi: number;
}

export function readHeader(c: Cursor, expected: number): Header {
  const blockSize = c.small();
  const miniblocks = c.small();
  const total = c.small();
  c.zigzag64();
  if (blockSize <= 0 || blockSize % 128 !== 0 || blockSize > 1 << 16) throw new PartCorruptError(`bad DELTA block size ${blockSize}`);
  if (miniblocks <= 0 || blockSize % miniblocks !== 0 || (blockSize / miniblocks) % 32 !== 0) {
    throw new PartCorruptError(`bad DELTA miniblock count ${miniblocks}`);
  }
  if (total !== expected) throw new PartCorruptError(`DELTA page holds ${total} values, expected ${expected}`);
  return { miniblocks, perMini: blockSize / miniblocks, firstLo: c.lo, firstHi: c.hi };
}

/**
 * Walks the blocks of a page and hands each miniblock to `sink`: `count` packed values of
 * `width` bits at byte `pos`, to be added to the block minimum (minLo, minHi).
 */
export interface MiniblockSink {
  miniblock(bytes: Uint8Array, pos: number, width: number, count: number, minLo: number, minHi: number): void;
}

export function walkBlocks(c: Cursor, h: Header, need: number, sink: MiniblockSink): void {
  const widths = new Uint8Array(h.miniblocks);
  let done = 0;
  while (done < need) {
    c.zigzag64();
    const minLo = c.lo;
    const minHi = c.hi;
    for (let m = 0; m < h.miniblocks; m++) widths[m] = c.byte();
    for (let m = 0; m < h.miniblocks && done < need; m++) {
      const w = widths[m];
      if (w > 64) throw new PartCorruptError(`DELTA miniblock bit width ${w}`);
      const bytes = (h.perMini * w) / 8;
      if (c.pos + bytes > c.end) throw new PartCorruptError('DELTA miniblock past the end of the page');
      const n = Math.min(h.perMini, need - done);
      sink.miniblock(c.bytes, c.pos, w, n, minLo, minHi);
      c.pos += bytes;
      done += n;
    }
  }
}

/** Unpacks `count` values of 1..32 bits (unsigned) into out[0...]. */
export function unpack32(bytes: Uint8Array, pos: number, width: number, count: number, out: Float64Array): void {
  const mask = width === 32 ? -1 : (1 << width) - 1;
  const base = pos * 8;
  for (let n = 0; n < count; n++) {
    const off = base + n * width;
    const i = off >>> 3;
    const sh = off & 7;
    // Reads past the end of `bytes` yield undefined → 0 under bit operators.
    let w = (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)) >>> sh;
    if (sh + width > 32) w |= bytes[i + 4] << (32 - sh);
    out[n] = (w & mask) >>> 0;
  }
}

/** `n` (1..32) bits starting at bit `bitPos`, LSB first, unsigned. */
function bitsAt(bytes: Uint8Array, bitPos: number, n: number): number {
  const i = bitPos >>> 3;
  const sh = bitPos & 7;
  let w = (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)) >>> sh;
  if (sh + n > 32) w |= bytes[i + 4] << (32 - sh);
  return n === 32 ? w >>> 0 : (w & ((1 << n) - 1)) >>> 0;
}

/** Unpacks `count` values of 33..64 bits into lo/hi halves. */
export function unpackHalves(bytes: Uint8Array, pos: number, width: number, count: number, lo: Uint32Array, hi: Uint32Array): void {
  let bitPos = pos * 8;
  for (let n = 0; n < count; n++) {
    lo[n] = bitsAt(bytes, bitPos, 32);
    hi[n] = bitsAt(bytes, bitPos + 32, width - 32);
    bitPos += width;
  }
}

/** Unpacks `count` values of 33..51 bits straight into doubles (exact below 2^53). */
export function unpackWide(bytes: Uint8Array, pos: number, width: number, count: number, out: Float64Array): void {
  const hiMask = (1 << (width - 32)) - 1;
  let bitPos = pos * 8;
  for (let n = 0; n < count; n++) {
    const i = bitPos >>> 3;
    const sh = bitPos & 7;
    // The value lies in the 64-bit window of bytes i..i+7 (sh + width <= 58).
    const b0 = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    const b1 = bytes[i + 4] | (bytes[i + 5] << 8) | (bytes[i + 6] << 16) | (bytes[i + 7] << 24);
    const lo = sh === 0 ? b0 >>> 0 : ((b0 >>> sh) | (b1 << (32 - sh))) >>> 0;
    out[n] = ((b1 >>> sh) & hiMask) * TWO32 + lo;
    bitPos += width;
  }
}


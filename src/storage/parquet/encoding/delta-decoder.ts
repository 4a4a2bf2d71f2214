/**
 * Decodes DELTA_BINARY_PACKED INT64 pages into split timestamps or doubles, without
 * BigInt. 64-bit quantities (the first value, block minimums, wide deltas) are read as
 * (lo, hi) 32-bit halves. The fast path adds each delta (an exact double below 2^52)
 * to the nanos part and carries whole milliseconds; a miniblock of equal deltas (bit
 * width 0, regular scrape intervals) adds a pre-split delta without any division.
 * Miniblocks whose deltas may not be exact doubles (bit width > 51, huge minimum) take
 * an exact path that splits each 64-bit delta and applies int64 wrap-around.
 */
import { splitNsHalves } from '../../../columnar/index.ts';
import { PartCorruptError } from '../part-corrupt-error.ts';

const TWO32 = 4294967296;
const NANOS_PER_MS = 1_000_000;
/** |delta| below this is an exact double however it was made. */
const FAST_DELTA = 2 ** 51;
/** 2^64 ns in split form: int64 wrap-around. */
const WRAP_MS = 18446744073709;
const WRAP_NANOS = 551616;
const MAX_MS = 9223372036854; // floor(int64 max / 1e6), nanos <= 775807
const MIN_MS = -9223372036855; // floor(int64 min / 1e6), nanos >= 224192

/** Page reading state; 64-bit varints land in lo/hi. */
class Cursor {
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

interface Header {
  readonly miniblocks: number;
  readonly perMini: number;
  /** First value as halves. */
  readonly firstLo: number;
  readonly firstHi: number;
}

function readHeader(c: Cursor, expected: number): Header {
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
interface MiniblockSink {
  miniblock(bytes: Uint8Array, pos: number, width: number, count: number, minLo: number, minHi: number): void;
}

function walkBlocks(c: Cursor, h: Header, need: number, sink: MiniblockSink): void {
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
function unpack32(bytes: Uint8Array, pos: number, width: number, count: number, out: Float64Array): void {
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
function unpackHalves(bytes: Uint8Array, pos: number, width: number, count: number, lo: Uint32Array, hi: Uint32Array): void {
  let bitPos = pos * 8;
  for (let n = 0; n < count; n++) {
    lo[n] = bitsAt(bytes, bitPos, 32);
    hi[n] = bitsAt(bytes, bitPos + 32, width - 32);
    bitPos += width;
  }
}

/** Unpacks `count` values of 33..51 bits straight into doubles (exact below 2^53). */
function unpackWide(bytes: Uint8Array, pos: number, width: number, count: number, out: Float64Array): void {
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

/** Accumulates deltas into split timestamps (see the file comment). */
class SplitSink implements MiniblockSink {
  private readonly scratch: Float64Array;
  private readonly lo: Uint32Array;
  private readonly hi: Uint32Array;
  /** The last value written, split. */
  private m: number;
  private n: number;
  private at: number;
  /** Some fast-path value came near the int64 limits (see decodeDeltaSplit). */
  nearLimits = false;

  constructor(
    perMini: number,
    first: readonly [number, number],
    private readonly ms: Float64Array,
    private readonly nanos: Int32Array,
    outStart: number,
    /** Every miniblock on the exact path (the retry after a fast-path overflow). */
    private readonly allExact: boolean,
  ) {
    this.scratch = new Float64Array(perMini);
    this.lo = new Uint32Array(perMini);
    this.hi = new Uint32Array(perMini);
    this.m = first[0];
    this.n = first[1];
    ms[outStart] = first[0];
    nanos[outStart] = first[1];
    this.at = outStart + 1;
  }

  miniblock(bytes: Uint8Array, pos: number, width: number, count: number, minLo: number, minHi: number): void {
    const min = minHi * TWO32 + minLo;
    if (this.allExact || width > 51 || !(min < FAST_DELTA && min > -FAST_DELTA)) {
      this.exact(bytes, pos, width, count, minLo, minHi);
      return;
    }
    const { ms, nanos } = this;
    let m = this.m;
    let n = this.n;
    let at = this.at;
    if (width === 0) {
      // Every delta is `min` (regular scrape intervals): add it in split form, no division.
      const dq = Math.floor(min / NANOS_PER_MS);
      const dr = min - dq * NANOS_PER_MS;
      for (let i = 0; i < count; i++) {
        m += dq;
        n += dr;
        if (n >= NANOS_PER_MS) {
          m++;
          n -= NANOS_PER_MS;
        }
        ms[at] = m;
        nanos[at] = n;
        at++;
      }
    } else {
      const d = this.scratch;
      if (width <= 32) unpack32(bytes, pos, width, count, d);
      else unpackWide(bytes, pos, width, count, d);
      if ((Math.abs(min) + 2 ** width) * count < 2 ** 52) {
        // Offsets from the miniblock's first value stay exact, so each value splits
        // independently of the previous one (no division on the loop-carried chain).
        let off = 0;
        for (let i = 0; i < count; i++) {
          off += min + d[i];
          const t = n + off;
          let q = Math.floor(t / NANOS_PER_MS);
          let r = t - q * NANOS_PER_MS;
          if (r < 0) {
            q--;
            r += NANOS_PER_MS;
          } else if (r >= NANOS_PER_MS) {
            q++;
            r -= NANOS_PER_MS;
          }
          ms[at] = m + q;
          nanos[at] = r;
          at++;
        }
        const last = at - 1;
        this.finishMiniblock(ms[last], nanos[last], at);
        return;
      }
      // |min + d[i]| < 2^52 and 0 <= n < 1e6, so n stays an exact double.
      for (let i = 0; i < count; i++) {
        n += min + d[i];
        if (n >= NANOS_PER_MS || n < 0) {
          let q = Math.floor(n / NANOS_PER_MS);
          n -= q * NANOS_PER_MS;
          if (n < 0) {
            q--;
            n += NANOS_PER_MS;
          } else if (n >= NANOS_PER_MS) {
            q++;
            n -= NANOS_PER_MS;
          }
          m += q;
        }
        ms[at] = m;
        nanos[at] = n;
        at++;
      }
    }
    this.finishMiniblock(m, n, at);
  }

  /** Records the miniblock's last value and flags values near the int64 limits. */
  private finishMiniblock(m: number, n: number, at: number): void {
    if (m >= MAX_MS || m <= MIN_MS || this.m >= MAX_MS || this.m <= MIN_MS) this.nearLimits = true;
    else if (Math.abs(m - this.m) > 2 ** 40) this.nearLimits = true; // wide swings: let the range check look
    this.m = m;
    this.n = n;
    this.at = at;
  }

  /** Exact miniblock: each delta (min + packed, mod 2^64) added in split form. */
  private exact(bytes: Uint8Array, pos: number, width: number, count: number, minLo: number, minHi: number): void {
    const { ms, nanos, lo, hi } = this;
    if (width === 0) lo.fill(0, 0, count), hi.fill(0, 0, count);
    else if (width <= 32) {
      unpack32(bytes, pos, width, count, this.scratch);
      for (let i = 0; i < count; i++) {
        lo[i] = this.scratch[i];
        hi[i] = 0;
      }
    } else unpackHalves(bytes, pos, width, count, lo, hi);
    let m = this.m;
    let n = this.n;
    let at = this.at;
    for (let i = 0; i < count; i++) {
      // delta = min + packed (mod 2^64), as signed halves.
      const sumLo = minLo + lo[i];
      const dLo = sumLo >>> 0;
      const dHi = (minHi + hi[i] + (sumLo > 0xffffffff ? 1 : 0)) | 0;
      const [dm, dn] = splitNsHalves(dLo, dHi);
      m += dm;
      n += dn;
      if (n >= NANOS_PER_MS) {
        m++;
        n -= NANOS_PER_MS;
      }
      // int64 wrap-around (writers compute deltas mod 2^64).
      if (m > MAX_MS || (m === MAX_MS && n > 775807)) {
        m -= WRAP_MS;
        n -= WRAP_NANOS;
        if (n < 0) {
          m--;
          n += NANOS_PER_MS;
        }
      } else if (m < MIN_MS || (m === MIN_MS && n < 224192)) {
        m += WRAP_MS;
        n += WRAP_NANOS;
        if (n >= NANOS_PER_MS) {
          m++;
          n -= NANOS_PER_MS;
        }
      }
      ms[at] = m;
      nanos[at] = n;
      at++;
    }
    this.at = at;
    this.m = m;
    this.n = n;
  }

  /** True when a value left the int64 range on the fast path (possible only with wrap-around). */
  outOfRange(from: number): boolean {
    const { ms } = this;
    for (let i = from; i < this.at; i++) if (ms[i] > MAX_MS || ms[i] < MIN_MS || (ms[i] === MAX_MS && this.nanos[i] > 775807) || (ms[i] === MIN_MS && this.nanos[i] < 224192)) return true;
    return false;
  }
}

/** Decodes `count` timestamps into (ms, nanos) at outStart; returns the position after the data. */
export function decodeDeltaSplit(bytes: Uint8Array, pos: number, end: number, count: number, ms: Float64Array, nanos: Int32Array, outStart: number): number {
  const c = new Cursor(bytes, pos, end);
  const h = readHeader(c, count);
  if (count === 0) return c.pos;
  const afterHeader = c.pos;
  const first = splitNsHalves(h.firstLo, h.firstHi);
  const sink = new SplitSink(h.perMini, first, ms, nanos, outStart, false);
  walkBlocks(c, h, count - 1, sink);
  if (!sink.nearLimits || !sink.outOfRange(outStart)) return c.pos;
  // A fast-path sum crossed the int64 range: only wrap-around does that; redo exactly.
  c.pos = afterHeader;
  walkBlocks(c, h, count - 1, new SplitSink(h.perMini, first, ms, nanos, outStart, true));
  return c.pos;
}

/** Accumulates deltas into doubles; `exact` is false once a value may be inexact. */
class FloatSink implements MiniblockSink {
  private readonly scratch: Float64Array;
  private v: number;
  private at: number;
  exact = true;

  constructor(
    perMini: number,
    first: number,
    private readonly out: Float64Array,
    outStart: number,
  ) {
    this.scratch = new Float64Array(perMini);
    this.v = first;
    out[outStart] = first;
    this.at = outStart + 1;
  }

  miniblock(bytes: Uint8Array, pos: number, width: number, count: number, minLo: number, minHi: number): void {
    const min = minHi * TWO32 + minLo;
    // Every sum stays below 2^53 (so exact) when this bound does; else the exact path redoes the page.
    if (width > 51 || !(min < FAST_DELTA && min > -FAST_DELTA) || Math.abs(this.v) + (Math.abs(min) + 2 ** width) * count > Number.MAX_SAFE_INTEGER) {
      this.exact = false;
      return;
    }
    const out = this.out;
    let v = this.v;
    let at = this.at;
    if (width === 0) {
      for (let i = 0; i < count; i++) out[at++] = v += min;
    } else if (width <= 32) {
      // Unpack and add in one loop (see unpack32).
      const mask = width === 32 ? -1 : (1 << width) - 1;
      let bit = pos * 8;
      for (let n = 0; n < count; n++) {
        const i = bit >>> 3;
        const sh = bit & 7;
        let w = (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)) >>> sh;
        if (sh + width > 32) w |= bytes[i + 4] << (32 - sh);
        v += min + ((w & mask) >>> 0);
        out[at++] = v;
        bit += width;
      }
    } else {
      const d = this.scratch;
      unpackWide(bytes, pos, width, count, d);
      for (let i = 0; i < count; i++) out[at++] = v += min + d[i];
    }
    this.v = v;
    this.at = at;
  }
}

/** Exact int64 accumulation in halves, written as (rounded) doubles. */
class HalvesSink implements MiniblockSink {
  private readonly scratch: Float64Array;
  private readonly lo: Uint32Array;
  private readonly hi: Uint32Array;
  private at: number;

  constructor(
    perMini: number,
    private vLo: number,
    private vHi: number,
    private readonly out: Float64Array,
    outStart: number,
  ) {
    this.scratch = new Float64Array(perMini);
    this.lo = new Uint32Array(perMini);
    this.hi = new Uint32Array(perMini);
    out[outStart] = vHi * TWO32 + vLo;
    this.at = outStart + 1;
  }

  miniblock(bytes: Uint8Array, pos: number, width: number, count: number, minLo: number, minHi: number): void {
    const { lo, hi, out } = this;
    if (width === 0) lo.fill(0, 0, count), hi.fill(0, 0, count);
    else if (width <= 32) {
      unpack32(bytes, pos, width, count, this.scratch);
      for (let i = 0; i < count; i++) {
        lo[i] = this.scratch[i];
        hi[i] = 0;
      }
    } else unpackHalves(bytes, pos, width, count, lo, hi);
    let vLo = this.vLo;
    let vHi = this.vHi;
    let at = this.at;
    for (let i = 0; i < count; i++) {
      const dSum = minLo + lo[i];
      const dLo = dSum >>> 0;
      const dHi = minHi + hi[i] + (dSum > 0xffffffff ? 1 : 0);
      const s = vLo + dLo;
      vLo = s >>> 0;
      vHi = (vHi + dHi + (s > 0xffffffff ? 1 : 0)) | 0;
      out[at++] = vHi * TWO32 + vLo;
    }
    this.vLo = vLo;
    this.vHi = vHi;
    this.at = at;
  }
}

/** Decodes `count` int64 values into doubles at outStart; returns the position after the data. */
export function decodeDeltaFloat(bytes: Uint8Array, pos: number, end: number, count: number, out: Float64Array, outStart: number): number {
  const c = new Cursor(bytes, pos, end);
  const h = readHeader(c, count);
  if (count === 0) return c.pos;
  const afterHeader = c.pos;
  const first = h.firstHi * TWO32 + h.firstLo;
  if (first <= Number.MAX_SAFE_INTEGER && first >= -Number.MAX_SAFE_INTEGER) {
    const sink = new FloatSink(h.perMini, first, out, outStart);
    walkBlocks(c, h, count - 1, sink);
    if (sink.exact) return c.pos;
    c.pos = afterHeader;
  }
  walkBlocks(c, h, count - 1, new HalvesSink(h.perMini, h.firstLo, h.firstHi, out, outStart));
  return c.pos;
}

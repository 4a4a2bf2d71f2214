/**
 * Decodes DELTA_BINARY_PACKED INT64 pages into doubles (int64 columns: counts, flags,
 * durations). The fast path sums deltas as doubles while every sum provably stays below
 * 2^53; otherwise the page is decoded again exactly with 64-bit (lo, hi) arithmetic and
 * int64 wrap-around, each value then rounded to the nearest double.
 */
import { Cursor, FAST_DELTA, readHeader, TWO32, unpack32, unpackHalves, unpackWide, walkBlocks, type MiniblockSink } from './delta-blocks.ts';

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

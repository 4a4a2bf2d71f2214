/**
 * Decodes DELTA_BINARY_PACKED INT64 timestamp pages into split (ms, nanos) form, without
 * BigInt. 64-bit quantities (the first value, block minimums, wide deltas) are read as
 * (lo, hi) 32-bit halves. The fast path adds each delta (an exact double below 2^52)
 * to the nanos part and carries whole milliseconds; a miniblock of equal deltas (bit
 * width 0, regular scrape intervals) adds a pre-split delta without any division.
 * Miniblocks whose deltas may not be exact doubles (bit width > 51, huge minimum) take
 * an exact path that splits each 64-bit delta and applies int64 wrap-around.
 */
import { splitNsHalves } from '../../../columnar/index.ts';
import { Cursor, FAST_DELTA, readHeader, TWO32, unpack32, unpackHalves, unpackWide, walkBlocks, type MiniblockSink } from './delta-blocks.ts';

const NANOS_PER_MS = 1_000_000;
/** 2^64 ns in split form: int64 wrap-around. */
const WRAP_MS = 18446744073709;
const WRAP_NANOS = 551616;
const MAX_MS = 9223372036854; // floor(int64 max / 1e6), nanos <= 775807
const MIN_MS = -9223372036855; // floor(int64 min / 1e6), nanos >= 224192

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

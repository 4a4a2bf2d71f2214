/**
 * DELTA_BINARY_PACKED for INT64 columns (timestamps and int64), without BigInt on the
 * common path. Values arrive either split (ms, nanos; timestamp.ts) or as integral
 * doubles. Deltas between neighbours are exact doubles whenever |delta| < 2^51, which
 * holds for any sorted time series; pages with larger jumps (int64 extremes) take a
 * BigInt path with proper int64 wrap-around. Blocks of 128 deltas, 4 miniblocks of 32.
 */
import { joinNs } from '../../../columnar/index.ts';
import type { ByteSink } from './byte-sink.ts';
import { bitWidthOf } from './rle-hybrid.ts';

const BLOCK = 128;
const MINIBLOCKS = 4;
const PER_MINI = BLOCK / MINIBLOCKS;
const SAFE_DELTA = 2 ** 51;
const TWO32 = 2 ** 32;

/** Encodes count split timestamps starting at `start`. */
export function encodeDeltaSplit(sink: ByteSink, ms: Float64Array, nanos: Int32Array, start: number, count: number): void {
  const deltas = new Float64Array(Math.max(0, count - 1));
  let safe = true;
  for (let i = 1; i < count; i++) {
    const d = (ms[start + i] - ms[start + i - 1]) * 1e6 + (nanos[start + i] - nanos[start + i - 1]);
    if (!(d < SAFE_DELTA && d > -SAFE_DELTA)) safe = false;
    deltas[i - 1] = d;
  }
  if (count > 0 && !safe) {
    const values = new BigInt64Array(count);
    for (let i = 0; i < count; i++) values[i] = BigInt.asIntN(64, joinNs(ms[start + i], nanos[start + i]));
    encodeBig(sink, values);
    return;
  }
  writeHeader(sink, count, count === 0 ? 0n : BigInt.asIntN(64, joinNs(ms[start], nanos[start])));
  encodeBlocks(sink, deltas);
}

/** Encodes count integral doubles (int64 columns) starting at `start`. */
export function encodeDeltaFloat(sink: ByteSink, values: Float64Array, start: number, count: number): void {
  const deltas = new Float64Array(Math.max(0, count - 1));
  let safe = count === 0 || Number.isSafeInteger(values[start]);
  for (let i = 1; i < count; i++) {
    const d = values[start + i] - values[start + i - 1];
    if (!(d < SAFE_DELTA && d > -SAFE_DELTA) || !Number.isInteger(values[start + i])) safe = false;
    deltas[i - 1] = d;
  }
  if (!safe) {
    const big = new BigInt64Array(count);
    for (let i = 0; i < count; i++) {
      const v = values[start + i];
      big[i] = Number.isFinite(v) ? BigInt.asIntN(64, BigInt(Math.trunc(v))) : 0n;
    }
    encodeBig(sink, big);
    return;
  }
  writeHeader(sink, count, count === 0 ? 0n : BigInt(values[start]));
  encodeBlocks(sink, deltas);
}

function writeHeader(sink: ByteSink, count: number, first: bigint): void {
  sink.varint(BLOCK);
  sink.varint(MINIBLOCKS);
  sink.varint(count);
  sink.zigzagBig(first);
}

function encodeBlocks(sink: ByteSink, deltas: Float64Array): void {
  const adj = new Float64Array(PER_MINI);
  const widths = new Uint8Array(MINIBLOCKS);
  for (let b = 0; b < deltas.length; b += BLOCK) {
    const n = Math.min(BLOCK, deltas.length - b);
    let min = deltas[b];
    for (let i = 1; i < n; i++) if (deltas[b + i] < min) min = deltas[b + i];
    sink.zigzag(min);
    for (let m = 0; m < MINIBLOCKS; m++) {
      const s = b + m * PER_MINI;
      const e = Math.min(b + n, s + PER_MINI);
      let max = 0;
      for (let i = s; i < e; i++) if (deltas[i] - min > max) max = deltas[i] - min;
      widths[m] = e > s ? bitWidthOf(max) : 0;
    }
    sink.raw(widths);
    for (let m = 0; m < MINIBLOCKS; m++) {
      const s = b + m * PER_MINI;
      const e = Math.min(b + n, s + PER_MINI);
      if (e <= s) break;
      for (let i = 0; i < PER_MINI; i++) adj[i] = s + i < e ? deltas[s + i] - min : 0;
      packMiniblock(sink, adj, widths[m]);
    }
  }
}

/** Packs 32 non-negative values below 2^width (width <= 52) LSB-first. */
function packMiniblock(sink: ByteSink, adj: Float64Array, width: number): void {
  const bytes = (PER_MINI * width) / 8;
  sink.ensure(bytes);
  if (width <= 24) {
    let p = sink.length;
    let acc = 0;
    let bits = 0;
    for (let i = 0; i < PER_MINI; i++) {
      acc |= adj[i] << bits;
      bits += width;
      while (bits >= 8) {
        sink.buf[p++] = acc & 0xff;
        acc >>>= 8;
        bits -= 8;
      }
    }
  } else {
    // Wide values: stream the low 32 bits then the high (width - 32) bits of each.
    let p = sink.length;
    let acc = 0;
    let bits = 0;
    const loWidth = Math.min(32, width);
    const hiWidth = width - loWidth;
    for (let i = 0; i < PER_MINI; i++) {
      const hi = Math.floor(adj[i] / TWO32);
      const lo = adj[i] - hi * TWO32;
      acc += lo * 2 ** bits;
      bits += loWidth;
      while (bits >= 8) {
        sink.buf[p++] = acc % 256;
        acc = Math.floor(acc / 256);
        bits -= 8;
      }
      if (hiWidth === 0) continue;
      acc += hi * 2 ** bits;
      bits += hiWidth;
      while (bits >= 8) {
        sink.buf[p++] = acc % 256;
        acc = Math.floor(acc / 256);
        bits -= 8;
      }
    }
  }
  sink.length += bytes;
}

/** The slow, exact path: int64 wrap-around arithmetic with BigInt. */
function encodeBig(sink: ByteSink, values: BigInt64Array): void {
  const count = values.length;
  writeHeader(sink, count, count === 0 ? 0n : values[0]);
  const deltas: bigint[] = [];
  for (let i = 1; i < count; i++) deltas.push(BigInt.asIntN(64, values[i] - values[i - 1]));
  const widths = new Uint8Array(MINIBLOCKS);
  for (let b = 0; b < deltas.length; b += BLOCK) {
    const n = Math.min(BLOCK, deltas.length - b);
    let min = deltas[b];
    for (let i = 1; i < n; i++) if (deltas[b + i] < min) min = deltas[b + i];
    sink.zigzagBig(min);
    const adj = deltas.slice(b, b + n).map((d) => BigInt.asUintN(64, d - min));
    for (let m = 0; m < MINIBLOCKS; m++) {
      let max = 0n;
      for (let i = m * PER_MINI; i < Math.min(n, (m + 1) * PER_MINI); i++) if (adj[i] > max) max = adj[i];
      widths[m] = m * PER_MINI < n ? max.toString(2).length - (max === 0n ? 1 : 0) : 0;
    }
    sink.raw(widths);
    for (let m = 0; m < MINIBLOCKS && m * PER_MINI < n; m++) {
      const w = BigInt(widths[m]);
      let acc = 0n;
      let bits = 0n;
      const bytes = (PER_MINI * widths[m]) / 8;
      sink.ensure(bytes);
      let p = sink.length;
      for (let i = 0; i < PER_MINI; i++) {
        const v = m * PER_MINI + i < n ? adj[m * PER_MINI + i] : 0n;
        acc |= v << bits;
        bits += w;
        while (bits >= 8n) {
          sink.buf[p++] = Number(acc & 0xffn);
          acc >>= 8n;
          bits -= 8n;
        }
      }
      sink.length += bytes;
    }
  }
}

/**
 * The RLE / bit-packing hybrid of the Parquet spec, used for definition levels and
 * dictionary indices. Runs of 8 or more equal values become RLE runs (header
 * `count << 1`, then the value in ceil(width/8) bytes); everything else is bit-packed
 * LSB-first in groups of 8 (header `groups << 1 | 1`).
 */
import { PartCorruptError } from '../part-corrupt-error.ts';
import type { ByteSink } from './byte-sink.ts';

const MIN_RLE_RUN = 8;

/** Bits needed to store every value in 0..=maxValue. */
export function bitWidthOf(maxValue: number): number {
  let w = 0;
  while (maxValue >= 2 ** w) w++;
  return w;
}


/** Upper bound of the encoded size of `count` values of `width` bits. */
function maxEncodedBytes(count: number, width: number): number {
  // Worst case: alternating short RLE runs and bit-packed groups, each with a 5-byte header.
  return Math.ceil(count / 8) * (width + 10) + 16;
}

/** Appends the hybrid encoding of values[start, start + count) (non-negative, < 2^width). */
export function encodeRleHybrid(sink: ByteSink, values: Int32Array, start: number, count: number, width: number): void {
  sink.ensure(maxEncodedBytes(count, width));
  // An RLE run costs a header byte plus the value's bytes; bit-packing costs width bits per
  // value. Wide codes (e.g. ids repeated on a few neighbouring rows) pay off as runs sooner.
  const minRun = Math.max(2, Math.min(MIN_RLE_RUN, Math.ceil((8 * (1 + ((width + 7) >> 3))) / Math.max(1, width))));
  const out = sink.buf;
  let p = sink.length;
  const valueBytes = (width + 7) >> 3;
  const end = start + count;
  let i = start;
  while (i < end) {
    const v = values[i];
    let j = i + 1;
    while (j < end && values[j] === v) j++;
    if (j - i >= minRun || width === 0) {
      p = writeVarint(out, p, (j - i) * 2);
      let x = v;
      for (let b = 0; b < valueBytes; b++) {
        out[p++] = x & 0xff;
        x >>>= 8;
      }
      i = j;
      continue;
    }
    // Bit-pack until a long run starts; round up to whole groups of 8 by borrowing from it.
    let k = j;
    while (k < end) {
      const w = values[k];
      let r = k + 1;
      while (r < end && values[r] === w && r - k < minRun) r++;
      if (r - k >= minRun) break;
      k = r;
    }
    const groups = Math.ceil((k - i) / 8);
    const take = Math.min(groups * 8, end - i);
    p = writeVarint(out, p, groups * 2 + 1);
    packBits(out, p, values, i, take, groups * 8, width);
    p += groups * width;
    i += take;
  }
  sink.length = p;
}

function writeVarint(out: Uint8Array, p: number, v: number): number {
  while (v >= 0x80) {
    out[p++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  out[p++] = v;
  return p;
}

/** Packs `take` values then zeros up to `total` at out[pos...]; width 0..32. */
export function packBits(out: Uint8Array, pos: number, values: Int32Array, start: number, take: number, total: number, width: number): void {
  if (width === 0) return;
  let p = pos;
  if (width <= 24) {
    let acc = 0;
    let bits = 0;
    for (let n = 0; n < total; n++) {
      const v = n < take ? values[start + n] : 0;
      acc |= v << bits;
      bits += width;
      while (bits >= 8) {
        out[p++] = acc & 0xff;
        acc >>>= 8;
        bits -= 8;
      }
    }
    if (bits > 0) out[p] = acc & 0xff;
    return;
  }
  let acc = 0;
  let bits = 0;
  for (let n = 0; n < total; n++) {
    const v = n < take ? values[start + n] >>> 0 : 0;
    acc += v * 2 ** bits;
    bits += width;
    while (bits >= 8) {
      out[p++] = acc % 256;
      acc = Math.floor(acc / 256);
      bits -= 8;
    }
  }
  if (bits > 0) out[p] = acc % 256;
}

/** Unpacks `count` values of `width` bits (0..32) from bytes[pos...] into out[outStart...]. */
export function unpackBits(bytes: Uint8Array, pos: number, width: number, count: number, out: Int32Array, outStart: number): void {
  if (width === 0) {
    out.fill(0, outStart, outStart + count);
    return;
  }
  if (width <= 24) {
    // Narrow values (dictionary codes): a bit buffer refilled a byte at a time, under one
    // load per value on average for widths up to 8.
    const m = (1 << width) - 1;
    let acc = 0;
    let bits = 0;
    let p = pos;
    for (let n = 0; n < count; n++) {
      while (bits < width) {
        acc |= bytes[p++] << bits;
        bits += 8;
      }
      out[outStart + n] = acc & m;
      acc >>>= width;
      bits -= width;
    }
    return;
  }
  const mask = width === 32 ? -1 : (1 << width) - 1;
  const base = pos * 8;
  // Each value: load the (up to) five bytes it spans as a little-endian word and shift.
  // Reads past the end of `bytes` yield undefined, which bit operators treat as 0.
  for (let n = 0; n < count; n++) {
    const off = base + n * width;
    const i = off >>> 3;
    const sh = off & 7;
    let w = (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)) >>> sh;
    if (sh + width > 32) w |= bytes[i + 4] << (32 - sh);
    out[outStart + n] = w & mask;
  }
}

/**
 * Decodes `count` values into out[outStart...] from bytes[pos, end); returns the position
 * after the last run read. Throws PartCorruptError when the runs overrun `end`.
 */
export function decodeRleHybrid(bytes: Uint8Array, pos: number, end: number, width: number, count: number, out: Int32Array, outStart: number): number {
  if (width > 32) throw new PartCorruptError(`RLE bit width ${width} exceeds 32`);
  let done = 0;
  let p = pos;
  const valueBytes = (width + 7) >> 3;
  while (done < count) {
    // header varint (at most 5 bytes for counts we accept)
    let header = 0;
    let shift = 0;
    for (;;) {
      if (p >= end) throw new PartCorruptError('RLE run header past the end of the page');
      const b = bytes[p++];
      header += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) break;
      shift += 7;
      if (shift > 35) throw new PartCorruptError('RLE run header too long');
    }
    if (header % 2 === 0) {
      const run = Math.min(header / 2, count - done);
      if (p + valueBytes > end) throw new PartCorruptError('RLE run value past the end of the page');
      let v = 0;
      for (let b = 0; b < valueBytes; b++) v += bytes[p + b] * 2 ** (8 * b);
      p += valueBytes;
      if (run === 0 && header === 0) throw new PartCorruptError('empty RLE run');
      out.fill(v, outStart + done, outStart + done + run);
      done += run;
    } else {
      const groups = (header - 1) / 2;
      const bytesNeeded = groups * width;
      if (p + bytesNeeded > end) throw new PartCorruptError('bit-packed run past the end of the page');
      const n = Math.min(groups * 8, count - done);
      unpackBits(bytes, p, width, n, out, outStart + done);
      p += bytesNeeded;
      done += n;
      if (groups === 0) throw new PartCorruptError('empty bit-packed run');
    }
  }
  return p;
}

/**
 * Appends the width-1 hybrid encoding of flags[start, start + count) (0/1 bytes, e.g.
 * definition levels); apart from encodeRleHybrid so each stays monomorphic.
 */
export function encodeBitRuns(sink: ByteSink, flags: Uint8Array, start: number, count: number): void {
  sink.ensure(maxEncodedBytes(count, 1));
  const out = sink.buf;
  let p = sink.length;
  const end = start + count;
  let i = start;
  while (i < end) {
    const v = flags[i];
    let j = i + 1;
    while (j < end && flags[j] === v) j++;
    if (j - i >= MIN_RLE_RUN) {
      p = writeVarint(out, p, (j - i) * 2);
      out[p++] = v;
      i = j;
      continue;
    }
    let k = j;
    while (k < end) {
      const w = flags[k];
      let r = k + 1;
      while (r < end && flags[r] === w && r - k < MIN_RLE_RUN) r++;
      if (r - k >= MIN_RLE_RUN) break;
      k = r;
    }
    const groups = Math.ceil((k - i) / 8);
    const take = Math.min(groups * 8, end - i);
    p = writeVarint(out, p, groups * 2 + 1);
    out.fill(0, p, p + groups);
    for (let n = 0; n < take; n++) out[p + (n >> 3)] |= flags[i + n] << (n & 7);
    p += groups;
    i += take;
  }
  sink.length = p;
}

/** Appends `count` copies of `bit` exactly as encodeBitRuns would encode them (O(1), not O(count)). */
export function encodeBitRun(sink: ByteSink, bit: 0 | 1, count: number): void {
  if (count <= 0) return;
  if (count >= MIN_RLE_RUN) {
    sink.varint(count * 2);
    sink.byte(bit);
    return;
  }
  sink.byte(3); // one bit-packed group of 8
  sink.byte(bit === 0 ? 0 : (1 << count) - 1);
}

/**
 * Decodes `count` width-1 hybrid values (definition levels, RLE booleans) into a
 * Uint8Array; kept apart from decodeRleHybrid so each stays monomorphic (fast).
 */
export function decodeBitRuns(bytes: Uint8Array, pos: number, end: number, count: number, out: Uint8Array, outStart: number): number {
  let done = 0;
  let p = pos;
  while (done < count) {
    let header = 0;
    let shift = 0;
    for (;;) {
      if (p >= end) throw new PartCorruptError('RLE run header past the end of the page');
      const b = bytes[p++];
      header += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) break;
      shift += 7;
      if (shift > 35) throw new PartCorruptError('RLE run header too long');
    }
    if (header % 2 === 0) {
      if (header === 0) throw new PartCorruptError('empty RLE run');
      if (p >= end) throw new PartCorruptError('RLE run value past the end of the page');
      const run = Math.min(header / 2, count - done);
      out.fill(bytes[p++] & 1, outStart + done, outStart + done + run);
      done += run;
    } else {
      const groups = (header - 1) / 2;
      if (groups === 0) throw new PartCorruptError('empty bit-packed run');
      if (p + groups > end) throw new PartCorruptError('bit-packed run past the end of the page');
      const n = Math.min(groups * 8, count - done);
      const o = outStart + done;
      for (let k = 0; k < n; k++) out[o + k] = (bytes[p + (k >> 3)] >> (k & 7)) & 1;
      p += groups;
      done += n;
    }
  }
  return p;
}

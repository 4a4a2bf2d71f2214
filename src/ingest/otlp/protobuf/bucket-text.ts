/**
 * The protobuf decoder's writer of `buckets` JSON (the text of ../bucket-json.ts, byte for
 * byte) straight into the batch's AsciiTextArena. A point's lists are collected into
 * reusable scratch arrays while its fields are read (protobuf allows any field order),
 * and the JSON is written once the point is accepted — no per-point strings, no ropes.
 */
import { formatPlainDouble } from '../canonical-json.ts';
import { asciiBytes, uint64DecimalFromHalves, type AsciiTextArena } from '../wire/index.ts';

/** uint64 values as (lo, hi) halves; reused point after point. */
export class U64Scratch {
  length = 0;
  private lo = new Int32Array(64);
  private hi = new Int32Array(64);

  clear(): void {
    this.length = 0;
  }

  push(lo: number, hi: number): void {
    if (this.length === this.lo.length) {
      const lo2 = new Int32Array(this.lo.length * 2);
      const hi2 = new Int32Array(this.lo.length * 2);
      lo2.set(this.lo);
      hi2.set(this.hi);
      this.lo = lo2;
      this.hi = hi2;
    }
    this.lo[this.length] = lo;
    this.hi[this.length++] = hi;
  }

  /** Writes the values as comma-separated unsigned decimals. */
  writeList(arena: AsciiTextArena): void {
    for (let i = 0; i < this.length; i++) {
      if (i > 0) arena.constant(COMMA);
      writeUint64(arena, this.lo[i] >>> 0, this.hi[i]);
    }
  }
}

/** Doubles; reused point after point. */
export class F64Scratch {
  length = 0;
  values = new Float64Array(64);

  clear(): void {
    this.length = 0;
  }

  push(x: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = x;
  }

  /** Writes the values as comma-separated plain JSON numbers. */
  writeList(arena: AsciiTextArena): void {
    for (let i = 0; i < this.length; i++) {
      if (i > 0) arena.constant(COMMA);
      arena.text(formatPlainDouble(this.values[i]));
    }
  }
}

const COMMA = asciiBytes(',');
const HISTOGRAM_OPEN = asciiBytes('{"bounds":[');
const HISTOGRAM_MIDDLE = asciiBytes('],"counts":[');
const LIST_CLOSE = asciiBytes(']}');
const EXP_SCALE = asciiBytes('{"scale":');
const EXP_ZERO_COUNT = asciiBytes(',"zero_count":');
const EXP_ZERO_THRESHOLD = asciiBytes(',"zero_threshold":');
const EXP_POSITIVE = asciiBytes(',"positive":{"offset":');
const EXP_NEGATIVE = asciiBytes(']},"negative":{"offset":');
const EXP_COUNTS = asciiBytes(',"counts":[');
const EXP_CLOSE = asciiBytes(']}}');
const SUMMARY_OPEN = asciiBytes('{"quantiles":[');
const QUANTILE_OPEN = asciiBytes('{"quantile":');
const QUANTILE_VALUE = asciiBytes(',"value":');
const OBJECT_CLOSE = asciiBytes('}');

/** Exact unsigned decimal of a uint64 given as halves (`lo` unsigned, `hi` read as signed). */
export function writeUint64(arena: AsciiTextArena, lo: number, hi: number): void {
  const uhi = hi >>> 0;
  if (uhi < 2097152) arena.uint(uhi * 4294967296 + lo);
  else arena.text(uint64DecimalFromHalves(lo, hi));
}

/** `{"bounds":[...],"counts":[...]}`; `boundsText` (a cached rendering of one packed field) replaces `bounds` when given. */
export function writeHistogramText(arena: AsciiTextArena, boundsText: string | null, bounds: F64Scratch, counts: U64Scratch): number {
  arena.constant(HISTOGRAM_OPEN);
  if (boundsText !== null) arena.text(boundsText);
  else bounds.writeList(arena);
  arena.constant(HISTOGRAM_MIDDLE);
  counts.writeList(arena);
  arena.constant(LIST_CLOSE);
  return arena.commit();
}

/** One side of an exponential histogram as read from its Buckets message. */
export interface ExponentialSide {
  offset: number;
  readonly counts: U64Scratch;
}

/** `{"scale":..,"zero_count":..,"zero_threshold":..,"positive":{..},"negative":{..}}`. */
export function writeExponentialText(
  arena: AsciiTextArena,
  scale: number,
  zeroLo: number,
  zeroHi: number,
  zeroThreshold: number,
  positive: ExponentialSide,
  negative: ExponentialSide,
): number {
  arena.constant(EXP_SCALE);
  arena.int(scale);
  arena.constant(EXP_ZERO_COUNT);
  writeUint64(arena, zeroLo, zeroHi);
  arena.constant(EXP_ZERO_THRESHOLD);
  arena.text(formatPlainDouble(zeroThreshold));
  arena.constant(EXP_POSITIVE);
  arena.int(positive.offset);
  arena.constant(EXP_COUNTS);
  positive.counts.writeList(arena);
  arena.constant(EXP_NEGATIVE);
  arena.int(negative.offset);
  arena.constant(EXP_COUNTS);
  negative.counts.writeList(arena);
  arena.constant(EXP_CLOSE);
  return arena.commit();
}

/** `{"quantiles":[{"quantile":q,"value":v},...]}` from (quantile, value) pairs. */
export function writeSummaryText(arena: AsciiTextArena, pairs: F64Scratch): number {
  arena.constant(SUMMARY_OPEN);
  const v = pairs.values;
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    if (i > 0) arena.constant(COMMA);
    arena.constant(QUANTILE_OPEN);
    arena.text(formatPlainDouble(v[i]));
    arena.constant(QUANTILE_VALUE);
    arena.text(formatPlainDouble(v[i + 1]));
    arena.constant(OBJECT_CLOSE);
  }
  arena.constant(LIST_CLOSE);
  return arena.commit();
}

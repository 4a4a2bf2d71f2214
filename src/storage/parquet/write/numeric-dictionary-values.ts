/**
 * Dictionary encoding for INT64 columns (timestamps and int64) when few distinct values
 * repeat: metric exporters stamp every series of one collection with the same time, so an
 * hour of 1,000 series holds only a few thousand distinct timestamps. The chunk dictionary
 * is sorted ascending (PLAIN INT64 page); data pages are RLE_DICTIONARY codes, so page
 * min/max are min/max codes. Whether it pays is decided on a sample, then on the count.
 */
import { joinNs, type Int64Vector, type TimestampVector } from '../../../columnar/index.ts';
import { bitWidthOf, encodeRleHybrid, type ByteSink } from '../encoding/index.ts';
import { Encoding, ParquetType } from '../thrift/index.ts';
import type { BoundsWithKeys, ColumnValues } from './column-values.ts';

const SAMPLE_ROWS = 4096;
/** Use a dictionary only when values repeat at least this many times on average. */
const MIN_REPEATS = 4;

/** Distinct values of a split/plain int64 column, found with an open-addressing table. */
class DistinctTable {
  private readonly slots: Int32Array;
  private readonly mask: number;
  readonly hi: Float64Array;
  readonly lo: Int32Array;
  size = 0;

  constructor(capacity: number) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.slots = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    this.hi = new Float64Array(capacity);
    this.lo = new Int32Array(capacity);
  }

  /** Index of (hi, lo), inserting it; -1 when the table is full. */
  add(hi: number, lo: number): number {
    // Low 32 bits of hi (ms) and lo (nanos) vary between neighbours; enough to spread keys.
    let h = (Math.imul(hi | 0, 0x9e3779b1) ^ Math.imul(lo, 0x85ebca6b)) >>> 0;
    for (;;) {
      h &= this.mask;
      const s = this.slots[h];
      if (s < 0) {
        if (this.size === this.hi.length) return -1;
        this.slots[h] = this.size;
        this.hi[this.size] = hi;
        this.lo[this.size] = lo;
        return this.size++;
      }
      if (this.hi[s] === hi && this.lo[s] === lo) return s;
      h++;
    }
  }
}

/** Builds the dictionary of rows [0, n) or returns null when it would not pay. */
function buildDictionary(hi: Float64Array, lo: Int32Array | null, validity: Uint8Array | null, n: number): { codes: Int32Array; hi: Float64Array; lo: Int32Array } | null {
  let present = n;
  if (validity !== null) for (let r = 0; r < n; r++) if (validity[r] === 0) present--;
  const limit = Math.floor(present / MIN_REPEATS);
  if (limit < 2) return null;
  // One value everywhere (flags, a process start time): no hashing needed.
  let first = -1;
  let constant = true;
  for (let r = 0; r < n && constant; r++) {
    if (validity !== null && validity[r] === 0) continue;
    if (first < 0) first = r;
    else if (hi[r] !== hi[first] || (lo !== null && lo[r] !== lo[first])) constant = false;
  }
  if (constant && first >= 0) {
    const codes = new Int32Array(n);
    if (validity !== null) for (let r = 0; r < n; r++) if (validity[r] === 0) codes[r] = -1;
    return { codes, hi: Float64Array.of(hi[first]), lo: Int32Array.of(lo === null ? 0 : lo[first]) };
  }
  const sample = new DistinctTable(SAMPLE_ROWS);
  let seen = 0;
  for (let r = 0; r < n && seen < SAMPLE_ROWS; r++) {
    if (validity !== null && validity[r] === 0) continue;
    sample.add(hi[r], lo === null ? 0 : lo[r]);
    seen++;
  }
  if (sample.size * MIN_REPEATS > seen) return null;
  const table = new DistinctTable(limit);
  const codes = new Int32Array(n).fill(-1);
  let prevHi = NaN;
  let prevLo = 0;
  let prevCode = -1;
  for (let r = 0; r < n; r++) {
    if (validity !== null && validity[r] === 0) continue;
    const h = hi[r];
    const l = lo === null ? 0 : lo[r];
    // Runs (a series' start time) reuse the previous code without hashing.
    if (h !== prevHi || l !== prevLo) {
      prevCode = table.add(h, l);
      if (prevCode < 0) return null;
      prevHi = h;
      prevLo = l;
    }
    codes[r] = prevCode;
  }
  // Sort entries ascending and renumber, so codes order like values.
  const order = Int32Array.from({ length: table.size }, (_, i) => i).sort((a, b) => table.hi[a] - table.hi[b] || table.lo[a] - table.lo[b]);
  const rank = new Int32Array(table.size);
  for (let i = 0; i < order.length; i++) rank[order[i]] = i;
  for (let r = 0; r < n; r++) if (codes[r] >= 0) codes[r] = rank[codes[r]];
  return { codes, hi: Float64Array.from(order, (o) => table.hi[o]), lo: Int32Array.from(order, (o) => table.lo[o]) };
}

/** Dictionary-encoded INT64 chunk of a timestamp or int64 column. */
export class NumericDictionaryValues implements ColumnValues {
  readonly physicalType = ParquetType.INT64;
  readonly encoding = Encoding.RLE_DICTIONARY;
  readonly encodings = [Encoding.PLAIN, Encoding.RLE, Encoding.RLE_DICTIONARY];
  readonly validity: Uint8Array | null;
  readonly dictionary: { readonly bytes: Uint8Array; readonly count: number };
  private readonly codes: Int32Array;
  /** PLAIN INT64 bytes of the sorted entries (entry i at bytes [8i, 8i + 8)). */
  private readonly entryBytes: Uint8Array;
  private readonly width: number;

  private constructor(codes: Int32Array, entries: BigInt64Array, validity: Uint8Array | null) {
    this.codes = codes;
    this.entryBytes = new Uint8Array(entries.buffer, entries.byteOffset, entries.byteLength);
    this.validity = validity;
    this.width = bitWidthOf(Math.max(0, entries.length - 1));
    this.dictionary = { bytes: this.entryBytes, count: entries.length };
  }

  private entry(i: number): Uint8Array {
    return this.entryBytes.subarray(i * 8, i * 8 + 8);
  }

  /** A dictionary chunk for rows [rowStart, rowStart + rowCount) of `v`, or null when it would not pay. */
  static tryCreate(v: TimestampVector | Int64Vector, rowStart: number, rowCount: number): NumericDictionaryValues | null {
    const validity = v.validity?.subarray(rowStart, rowStart + rowCount) ?? null;
    if (v.type === 'timestamp') {
      const d = buildDictionary(v.ms.subarray(rowStart, rowStart + rowCount), v.nanos.subarray(rowStart, rowStart + rowCount), validity, rowCount);
      if (d === null) return null;
      const entries = new BigInt64Array(d.hi.length);
      for (let i = 0; i < entries.length; i++) entries[i] = BigInt.asIntN(64, joinNs(d.hi[i], d.lo[i]));
      return new NumericDictionaryValues(d.codes, entries, validity);
    }
    const d = buildDictionary(v.values.subarray(rowStart, rowStart + rowCount), null, validity, rowCount);
    if (d === null || !d.hi.every((x) => Number.isSafeInteger(x))) return null;
    return new NumericDictionaryValues(d.codes, BigInt64Array.from(d.hi, (x) => BigInt(x)), validity);
  }

  pageEnd(start: number, pageRows: number): number {
    return Math.min(this.codes.length, start + pageRows);
  }

  writeValues(sink: ByteSink, start: number, end: number): void {
    sink.byte(this.width);
    if (this.validity === null) {
      encodeRleHybrid(sink, this.codes, start, end - start, this.width);
      return;
    }
    const scratch = new Int32Array(end - start);
    let n = 0;
    for (let r = start; r < end; r++) if (this.codes[r] >= 0) scratch[n++] = this.codes[r];
    encodeRleHybrid(sink, scratch, 0, n, this.width);
  }

  bounds(start: number, end: number): BoundsWithKeys | null {
    let lo = -1;
    let hi = -1;
    for (let r = start; r < end; r++) {
      const c = this.codes[r];
      if (c < 0) continue;
      if (lo < 0 || c < lo) lo = c;
      if (c > hi) hi = c;
    }
    if (lo < 0) return null;
    return { bounds: { min: this.entry(lo), max: this.entry(hi) }, minKey: lo, maxKey: hi };
  }

  compareKeys(a: number | string | bigint, b: number | string | bigint): number {
    return (a as number) - (b as number);
  }

  bloom(): Uint8Array | null {
    return null;
  }
}

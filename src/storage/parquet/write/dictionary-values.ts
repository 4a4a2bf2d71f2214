/**
 * Strings and JSON of one column chunk. The chunk gets its own dictionary of the values it
 * uses (first-appearance order, or code point order on indexed columns so page min/max
 * are just min/max codes), written as a PLAIN dictionary page with RLE_DICTIONARY data
 * pages. When most values are distinct the dictionary would not pay, and pages hold PLAIN
 * byte arrays instead (capped in bytes).
 */
import type { DictionaryVector } from '../../../columnar/index.ts';
import { bloomFilterBytesFor, hashString, SplitBlockBloomFilter } from '../bloom/index.ts';
import { ByteSink, bitWidthOf, encodeRleHybrid, compareCodePoints, stringMaxBytes, stringMinBytes, STAT_STRING_BYTES } from '../encoding/index.ts';
import { Encoding, ParquetType } from '../thrift/index.ts';
import { PartEncodeError } from '../part-corrupt-error.ts';
import type { BoundsWithKeys, ColumnValues } from './column-values.ts';

const PLAIN_PAGE_BYTES = 1 << 20;
const textEncoder = new TextEncoder();

export interface DictionaryOptions {
  /** Keep the chunk dictionary in code point order (indexed columns). */
  readonly sorted: boolean;
  readonly bloom: boolean;
  readonly json: boolean;
}

interface LocalCodes {
  local: Int32Array;
  entries: number[];
  nulls: number;
}

/** Chunk-local codes of codes[rowStart, rowStart + n) (first-appearance order). */
function mapDirect(codes: Int32Array, rowStart: number, n: number, dictSize: number): LocalCodes {
  const toLocal = new Int32Array(dictSize).fill(-1);
  const entries: number[] = [];
  const local = new Int32Array(n);
  let nulls = 0;
  let prev = -3;
  let prevLocal = -1;
  for (let r = 0; r < n; r++) {
    const c = codes[rowStart + r];
    // Sorted parts are full of runs: reuse the last mapping without a lookup.
    if (c !== prev) {
      prev = c;
      if (c < 0) prevLocal = -1;
      else {
        if (c >= dictSize) throw new PartEncodeError(`dictionary code ${c} out of range (${dictSize} entries)`);
        prevLocal = toLocal[c];
        if (prevLocal < 0) {
          prevLocal = toLocal[c] = entries.length;
          entries.push(c);
        }
      }
    }
    if (prevLocal < 0) nulls++;
    local[r] = prevLocal;
  }
  return { local, entries, nulls };
}

export class DictionaryValues implements ColumnValues {
  readonly physicalType = ParquetType.BYTE_ARRAY;
  readonly encoding: number;
  readonly encodings: readonly number[];
  readonly validity: Uint8Array | null;
  readonly dictionary: { readonly bytes: Uint8Array; readonly count: number } | null;
  /** Chunk-local code per row (-1 = null). */
  private readonly local: Int32Array;
  /** Global dictionary index of each local code. */
  private readonly entries: Int32Array;
  private readonly dict: readonly string[];
  private readonly sorted: boolean;
  private readonly width: number;
  private readonly options: DictionaryOptions;

  /** Rows [rowStart, rowStart + rowCount) of `v`. */
  constructor(v: DictionaryVector, rowStart: number, rowCount: number, options: DictionaryOptions) {
    this.options = options;
    this.dict = v.dict;
    const { local, entries, nulls } = mapDirect(v.codes, rowStart, rowCount, v.dict.length);
    let validity: Uint8Array | null = null;
    if (nulls > 0) {
      validity = new Uint8Array(rowCount);
      for (let r = 0; r < rowCount; r++) validity[r] = local[r] < 0 ? 0 : 1;
    }
    this.validity = validity;
    const useDictionary = entries.length * 2 <= rowCount - nulls + 16;
    this.sorted = options.sorted && useDictionary;
    if (this.sorted) {
      const order = Array.from(entries.keys()).sort((a, b) => compareCodePoints(v.dict[entries[a]], v.dict[entries[b]]));
      const rank = new Int32Array(entries.length);
      order.forEach((l, i) => (rank[l] = i));
      for (let r = 0; r < rowCount; r++) if (local[r] >= 0) local[r] = rank[local[r]];
      this.entries = Int32Array.from(order, (l) => entries[l]);
    } else {
      this.entries = Int32Array.from(entries);
    }
    this.local = local;
    this.width = bitWidthOf(Math.max(0, this.entries.length - 1));
    if (useDictionary) {
      const sink = new ByteSink(Math.max(1024, this.entries.length * 16));
      for (let i = 0; i < this.entries.length; i++) sink.lengthPrefixedUtf8(v.dict[this.entries[i]]);
      this.dictionary = { bytes: sink.bytes(), count: this.entries.length };
      this.encoding = Encoding.RLE_DICTIONARY;
      this.encodings = [Encoding.PLAIN, Encoding.RLE, Encoding.RLE_DICTIONARY];
    } else {
      this.dictionary = null;
      this.encoding = Encoding.PLAIN;
      this.encodings = [Encoding.PLAIN, Encoding.RLE];
    }
  }

  pageEnd(start: number, pageRows: number): number {
    const end = Math.min(this.local.length, start + pageRows);
    if (this.dictionary !== null) return end;
    let bytes = 0;
    for (let r = start; r < end; r++) {
      if (this.local[r] >= 0) bytes += 4 + this.dict[this.entries[this.local[r]]].length;
      if (bytes >= PLAIN_PAGE_BYTES) return r + 1;
    }
    return end;
  }

  writeValues(sink: ByteSink, start: number, end: number): void {
    if (this.dictionary === null) {
      for (let r = start; r < end; r++) if (this.local[r] >= 0) sink.lengthPrefixedUtf8(this.dict[this.entries[this.local[r]]]);
      return;
    }
    sink.byte(this.width);
    if (this.validity === null) {
      encodeRleHybrid(sink, this.local, start, end - start, this.width);
      return;
    }
    const scratch = new Int32Array(end - start);
    let n = 0;
    for (let r = start; r < end; r++) if (this.local[r] >= 0) scratch[n++] = this.local[r];
    encodeRleHybrid(sink, scratch, 0, n, this.width);
  }

  bounds(start: number, end: number): BoundsWithKeys | null {
    let lo = -1;
    let hi = -1;
    const { local } = this;
    if (this.options.json && this.anyLongerThanStatBound(start, end)) {
      // JSON bounds are kept whole or not at all (below), and a bound longer than
      // STAT_STRING_BYTES is dropped: with a long value in the range, comparing every
      // entry (histogram buckets are unique per row) mostly finds a bound to drop.
      return null;
    } else if (this.sorted) {
      for (let r = start; r < end; r++) {
        const l = local[r];
        if (l < 0) continue;
        if (lo < 0 || l < lo) lo = l;
        if (l > hi) hi = l;
      }
    } else if (start === 0 && end === local.length) {
      // The whole chunk uses exactly its entries: compare each once.
      for (let l = 0; l < this.entries.length; l++) {
        const s = this.dict[this.entries[l]];
        if (lo < 0 || compareCodePoints(s, this.dict[this.entries[lo]]) < 0) lo = l;
        if (hi < 0 || compareCodePoints(s, this.dict[this.entries[hi]]) > 0) hi = l;
      }
    } else {
      // Compare each distinct entry of the range once, not each row.
      const seen = new Uint8Array(this.entries.length);
      for (let r = start; r < end; r++) {
        const l = local[r];
        if (l < 0 || seen[l] !== 0) continue;
        seen[l] = 1;
        const s = this.dict[this.entries[l]];
        if (lo < 0 || compareCodePoints(s, this.dict[this.entries[lo]]) < 0) lo = l;
        if (hi < 0 || compareCodePoints(s, this.dict[this.entries[hi]]) > 0) hi = l;
      }
    }
    if (lo < 0) return null;
    const min = this.dict[this.entries[lo]];
    const max = this.dict[this.entries[hi]];
    let minBytes: Uint8Array;
    let maxBytes: Uint8Array | null;
    if (this.options.json) {
      // A truncated JSON bound is not JSON and some readers parse bounds: keep them whole or drop them.
      minBytes = textEncoder.encode(min);
      maxBytes = textEncoder.encode(max);
      if (minBytes.length > STAT_STRING_BYTES || maxBytes.length > STAT_STRING_BYTES) return null;
    } else {
      minBytes = stringMinBytes(min);
      maxBytes = stringMaxBytes(max) ?? textEncoder.encode(max);
    }
    return { bounds: { min: minBytes, max: maxBytes }, minKey: min, maxKey: max };
  }

  /** True when some value of rows [start, end) has more UTF-16 units than a stat bound may have bytes. */
  private anyLongerThanStatBound(start: number, end: number): boolean {
    const { local, entries, dict } = this;
    if (start === 0 && end === local.length) {
      for (let l = 0; l < entries.length; l++) if (dict[entries[l]].length > STAT_STRING_BYTES) return true;
      return false;
    }
    for (let r = start; r < end; r++) {
      const l = local[r];
      if (l >= 0 && dict[entries[l]].length > STAT_STRING_BYTES) return true;
    }
    return false;
  }

  compareKeys(a: number | string | bigint, b: number | string | bigint): number {
    return compareCodePoints(String(a), String(b));
  }

  bloom(): Uint8Array | null {
    if (!this.options.bloom) return null;
    const filter = new SplitBlockBloomFilter(bloomFilterBytesFor(this.entries.length));
    for (let i = 0; i < this.entries.length; i++) filter.insert(hashString(this.dict[this.entries[i]]));
    return filter.bytes();
  }
}

/**
 * How the values of one column chunk become page bodies, per physical type. The chunk
 * writer asks for page boundaries, values of a row range, and statistics; these classes
 * know the encodings: DELTA_BINARY_PACKED for timestamps and int64, PLAIN or
 * BYTE_STREAM_SPLIT for doubles, PLAIN bit-packed booleans. Dictionary strings live in
 * dictionary-values.ts.
 */
import { joinNs, type BooleanVector, type Float64Vector, type Int64Vector, type TimestampVector } from '../../../columnar/index.ts';
import { encodeByteStreamSplit, encodeDeltaFloat, encodeDeltaSplit, encodePlainBooleans, encodePlainDoubles, booleanBytes, doubleBytes, int64Bytes, timestampBytes, type ByteSink } from '../encoding/index.ts';
import { Encoding, ParquetType } from '../thrift/index.ts';
import type { PageBounds } from './page-layout.ts';

/** Page min/max bytes plus orderable keys. */
export interface BoundsWithKeys {
  readonly bounds: PageBounds;
  readonly minKey: number | string | bigint;
  readonly maxKey: number | string | bigint;
}

/** The per-type half of writing a column chunk over rows [0, rowCount) of `validity`. */
export interface ColumnValues {
  readonly physicalType: number;
  /** Encoding of data page values. */
  readonly encoding: number;
  /** Encodings used anywhere in the chunk (ColumnMetaData.encodings). */
  readonly encodings: readonly number[];
  /** 1 = value present, per chunk row; null when no row is null (or when allNull). */
  readonly validity: Uint8Array | null;
  /** True when every row is null (validity is then null, not an array of zeros). */
  readonly allNull?: boolean;
  /** PLAIN dictionary page body and entry count, when dictionary-encoded. */
  readonly dictionary: { readonly bytes: Uint8Array; readonly count: number } | null;
  /** End row of the page starting at `start`. */
  pageEnd(start: number, pageRows: number): number;
  /** Appends the encoded non-null values of rows [start, end). */
  writeValues(sink: ByteSink, start: number, end: number): void;
  /** Min/max of the non-null values of rows [start, end), or null when all are null. */
  bounds(start: number, end: number): BoundsWithKeys | null;
  /** Orders keys returned by bounds(). */
  compareKeys(a: number | string | bigint, b: number | string | bigint): number;
  /** Split-block bloom filter bitset, when requested. */
  bloom(): Uint8Array | null;
}

function compareNumbers(a: number | string | bigint, b: number | string | bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Copies the non-null entries of rows [start, end) of `values` into `scratch`; returns the count. */
function gather<T extends Float64Array | Int32Array | Uint8Array>(values: T, validity: Uint8Array | null, start: number, end: number, scratch: T): number {
  let n = 0;
  for (let r = start; r < end; r++) if (validity === null || validity[r] !== 0) scratch[n++] = values[r];
  return n;
}

/** Timestamps: INT64 TIMESTAMP(NANOS) with DELTA_BINARY_PACKED. */
export class TimestampValues implements ColumnValues {
  readonly physicalType = ParquetType.INT64;
  readonly encoding = Encoding.DELTA_BINARY_PACKED;
  readonly encodings = [Encoding.DELTA_BINARY_PACKED, Encoding.RLE];
  readonly dictionary = null;
  readonly validity: Uint8Array | null;
  private readonly ms: Float64Array;
  private readonly nanos: Int32Array;

  constructor(v: TimestampVector, rowStart: number, rowCount: number) {
    this.ms = v.ms.subarray(rowStart, rowStart + rowCount);
    this.nanos = v.nanos.subarray(rowStart, rowStart + rowCount);
    this.validity = v.validity?.subarray(rowStart, rowStart + rowCount) ?? null;
  }

  pageEnd(start: number, pageRows: number): number {
    return Math.min(this.ms.length, start + pageRows);
  }

  writeValues(sink: ByteSink, start: number, end: number): void {
    if (this.validity === null) {
      encodeDeltaSplit(sink, this.ms, this.nanos, start, end - start);
      return;
    }
    const ms = new Float64Array(end - start);
    const nanos = new Int32Array(end - start);
    gather(this.ms, this.validity, start, end, ms);
    const n = gather(this.nanos, this.validity, start, end, nanos);
    encodeDeltaSplit(sink, ms, nanos, 0, n);
  }

  bounds(start: number, end: number): BoundsWithKeys | null {
    let lo = -1;
    let hi = -1;
    const { ms, nanos, validity } = this;
    for (let r = start; r < end; r++) {
      if (validity !== null && validity[r] === 0) continue;
      if (lo < 0 || ms[r] < ms[lo] || (ms[r] === ms[lo] && nanos[r] < nanos[lo])) lo = r;
      if (hi < 0 || ms[r] > ms[hi] || (ms[r] === ms[hi] && nanos[r] > nanos[hi])) hi = r;
    }
    if (lo < 0) return null;
    return {
      bounds: { min: timestampBytes(ms[lo], nanos[lo]), max: timestampBytes(ms[hi], nanos[hi]) },
      minKey: joinNs(ms[lo], nanos[lo]),
      maxKey: joinNs(ms[hi], nanos[hi]),
    };
  }

  compareKeys = compareNumbers;

  bloom(): Uint8Array | null {
    return null;
  }
}

/** int64 (held as doubles) with DELTA_BINARY_PACKED. */
export class Int64Values implements ColumnValues {
  readonly physicalType = ParquetType.INT64;
  readonly encoding = Encoding.DELTA_BINARY_PACKED;
  readonly encodings = [Encoding.DELTA_BINARY_PACKED, Encoding.RLE];
  readonly dictionary = null;
  readonly validity: Uint8Array | null;
  private readonly values: Float64Array;

  constructor(v: Int64Vector, rowStart: number, rowCount: number) {
    this.values = v.values.subarray(rowStart, rowStart + rowCount);
    this.validity = v.validity?.subarray(rowStart, rowStart + rowCount) ?? null;
  }

  pageEnd(start: number, pageRows: number): number {
    return Math.min(this.values.length, start + pageRows);
  }

  writeValues(sink: ByteSink, start: number, end: number): void {
    if (this.validity === null) {
      encodeDeltaFloat(sink, this.values, start, end - start);
      return;
    }
    const scratch = new Float64Array(end - start);
    encodeDeltaFloat(sink, scratch, 0, gather(this.values, this.validity, start, end, scratch));
  }

  bounds(start: number, end: number): BoundsWithKeys | null {
    let min = Infinity;
    let max = -Infinity;
    let any = false;
    const { values, validity } = this;
    for (let r = start; r < end; r++) {
      if (validity !== null && validity[r] === 0) continue;
      const v = values[r];
      if (v < min) min = v;
      if (v > max) max = v;
      any = true;
    }
    if (!any || !Number.isFinite(min) || !Number.isFinite(max)) return null;
    return { bounds: { min: int64Bytes(Math.trunc(min)), max: int64Bytes(Math.trunc(max)) }, minKey: min, maxKey: max };
  }

  compareKeys = compareNumbers;

  bloom(): Uint8Array | null {
    return null;
  }
}

/** float64 as DOUBLE, PLAIN or BYTE_STREAM_SPLIT. Statistics skip NaN (Parquet rule). */
export class DoubleValues implements ColumnValues {
  readonly physicalType = ParquetType.DOUBLE;
  readonly encodings: readonly number[];
  readonly dictionary = null;
  readonly validity: Uint8Array | null;
  private readonly values: Float64Array;

  constructor(
    v: Float64Vector,
    rowStart: number,
    rowCount: number,
    readonly encoding: number,
  ) {
    this.values = v.values.subarray(rowStart, rowStart + rowCount);
    this.validity = v.validity?.subarray(rowStart, rowStart + rowCount) ?? null;
    this.encodings = [encoding, Encoding.RLE];
  }

  pageEnd(start: number, pageRows: number): number {
    return Math.min(this.values.length, start + pageRows);
  }

  writeValues(sink: ByteSink, start: number, end: number): void {
    let src = this.values;
    let from = start;
    let n = end - start;
    if (this.validity !== null) {
      src = new Float64Array(end - start);
      n = gather(this.values, this.validity, start, end, src);
      from = 0;
    }
    if (this.encoding === Encoding.BYTE_STREAM_SPLIT) encodeByteStreamSplit(sink, src, from, n);
    else encodePlainDoubles(sink, src, from, n);
  }

  bounds(start: number, end: number): BoundsWithKeys | null {
    let min = Infinity;
    let max = -Infinity;
    let any = false;
    const { values, validity } = this;
    for (let r = start; r < end; r++) {
      if (validity !== null && validity[r] === 0) continue;
      const v = values[r];
      if (v !== v) continue; // NaN
      if (v < min) min = v;
      if (v > max) max = v;
      any = true;
    }
    if (!any) return null;
    // Parquet: a zero min is written as -0.0 and a zero max as +0.0.
    return { bounds: { min: doubleBytes(min === 0 ? -0 : min), max: doubleBytes(max === 0 ? 0 : max) }, minKey: min, maxKey: max };
  }

  compareKeys = compareNumbers;

  bloom(): Uint8Array | null {
    return null;
  }
}

/** boolean as PLAIN bit-packed. */
export class BooleanValues implements ColumnValues {
  readonly physicalType = ParquetType.BOOLEAN;
  readonly encoding = Encoding.PLAIN;
  readonly encodings = [Encoding.PLAIN, Encoding.RLE];
  readonly dictionary = null;
  readonly validity: Uint8Array | null;
  private readonly values: Uint8Array;

  constructor(v: BooleanVector, rowStart: number, rowCount: number) {
    this.values = v.values.subarray(rowStart, rowStart + rowCount);
    this.validity = v.validity?.subarray(rowStart, rowStart + rowCount) ?? null;
  }

  pageEnd(start: number, pageRows: number): number {
    return Math.min(this.values.length, start + pageRows);
  }

  writeValues(sink: ByteSink, start: number, end: number): void {
    if (this.validity === null) {
      encodePlainBooleans(sink, this.values, start, end - start);
      return;
    }
    const scratch = new Uint8Array(end - start);
    encodePlainBooleans(sink, scratch, 0, gather(this.values, this.validity, start, end, scratch));
  }

  bounds(start: number, end: number): BoundsWithKeys | null {
    let min = 2;
    let max = -1;
    const { values, validity } = this;
    for (let r = start; r < end; r++) {
      if (validity !== null && validity[r] === 0) continue;
      const v = values[r] === 0 ? 0 : 1;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (max < 0) return null;
    return { bounds: { min: booleanBytes(min === 1), max: booleanBytes(max === 1) }, minKey: min, maxKey: max };
  }

  compareKeys = compareNumbers;

  bloom(): Uint8Array | null {
    return null;
  }
}

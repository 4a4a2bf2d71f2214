/**
 * Column chunks whose rows are all null, or all one value, written in O(pages) instead of
 * O(rows). The bytes are exactly those the general encoders produce for such a chunk
 * (dictionary-values.ts, numeric-dictionary-values.ts, column-values.ts), so a column
 * reads the same whichever path wrote it.
 */
import type { DataType, Vector } from '../../../columnar/index.ts';
import { bloomFilterBytesFor, hashString, SplitBlockBloomFilter } from '../bloom/index.ts';
import { ByteSink, compareCodePoints, encodeDeltaFloat, encodeDeltaSplit, stringMaxBytes, stringMinBytes, STAT_STRING_BYTES, int64Bytes, timestampBytes } from '../encoding/index.ts';
import { Encoding, ParquetType } from '../thrift/index.ts';
import type { BoundsWithKeys, ColumnValues } from './column-values.ts';

const textEncoder = new TextEncoder();
const EMPTY_F64 = new Float64Array(0);
const EMPTY_I32 = new Int32Array(0);
const DICTIONARY_ENCODINGS: readonly number[] = [Encoding.PLAIN, Encoding.RLE, Encoding.RLE_DICTIONARY];
/** A numeric chunk is dictionary-encoded only from this many present values on (numeric-dictionary-values.ts). */
export const MIN_NUMERIC_DICTIONARY_ROWS = 8;

function compareNumbers(a: number | string | bigint, b: number | string | bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every row null. */
export class NullValues implements ColumnValues {
  readonly physicalType: number;
  readonly encoding: number;
  readonly encodings: readonly number[];
  readonly validity = null;
  readonly allNull = true;
  readonly dictionary: { readonly bytes: Uint8Array; readonly count: number } | null = null;
  private readonly type: DataType;

  constructor(
    type: DataType,
    private readonly rowCount: number,
    doubleEncoding: number,
    private readonly withBloom: boolean,
  ) {
    this.type = type;
    switch (type) {
      case 'string':
      case 'json':
        this.physicalType = ParquetType.BYTE_ARRAY;
        this.encoding = Encoding.RLE_DICTIONARY;
        this.encodings = DICTIONARY_ENCODINGS;
        this.dictionary = { bytes: new Uint8Array(0), count: 0 };
        break;
      case 'timestamp':
      case 'int64':
        this.physicalType = ParquetType.INT64;
        this.encoding = Encoding.DELTA_BINARY_PACKED;
        this.encodings = [Encoding.DELTA_BINARY_PACKED, Encoding.RLE];
        break;
      case 'float64':
        this.physicalType = ParquetType.DOUBLE;
        this.encoding = doubleEncoding;
        this.encodings = [doubleEncoding, Encoding.RLE];
        break;
      case 'boolean':
        this.physicalType = ParquetType.BOOLEAN;
        this.encoding = Encoding.PLAIN;
        this.encodings = [Encoding.PLAIN, Encoding.RLE];
        break;
    }
  }

  pageEnd(start: number, pageRows: number): number {
    return Math.min(this.rowCount, start + pageRows);
  }

  writeValues(sink: ByteSink): void {
    switch (this.type) {
      case 'string':
      case 'json':
        sink.byte(0); // bit width of an empty dictionary's codes
        return;
      case 'timestamp':
        encodeDeltaSplit(sink, EMPTY_F64, EMPTY_I32, 0, 0);
        return;
      case 'int64':
        encodeDeltaFloat(sink, EMPTY_F64, 0, 0);
        return;
      case 'float64':
      case 'boolean':
        return;
    }
  }

  bounds(): BoundsWithKeys | null {
    return null;
  }

  compareKeys = compareNumbers;

  bloom(): Uint8Array | null {
    return this.withBloom ? new SplitBlockBloomFilter(bloomFilterBytesFor(0)).bytes() : null;
  }
}

/** Every row holds one non-null value: a one-entry dictionary and one RLE run of code 0 per page. */
export class ConstantValues implements ColumnValues {
  readonly encoding = Encoding.RLE_DICTIONARY;
  readonly encodings = DICTIONARY_ENCODINGS;
  readonly validity = null;
  readonly dictionary: { readonly bytes: Uint8Array; readonly count: number };

  private constructor(
    readonly physicalType: number,
    entry: Uint8Array,
    private readonly rowCount: number,
    private readonly chunkBounds: BoundsWithKeys | null,
    readonly compareKeys: (a: number | string | bigint, b: number | string | bigint) => number,
    private readonly filter: Uint8Array | null,
  ) {
    this.dictionary = { bytes: entry, count: 1 };
  }

  /**
   * The chunk of `rowCount` rows all equal to row 0 of `v`, or null for the types and
   * sizes the general encoders do not dictionary-encode (doubles, booleans, short or
   * unsafe int64 chunks): those are materialised instead.
   */
  static tryCreate(v: Vector, rowCount: number, options: { readonly json: boolean; readonly bloom: boolean }): ConstantValues | null {
    switch (v.type) {
      case 'string':
      case 'json': {
        const s = v.dict[v.codes[0]];
        const entry = new ByteSink(4 + s.length * 3);
        entry.lengthPrefixedUtf8(s);
        const filter = options.bloom ? new SplitBlockBloomFilter(bloomFilterBytesFor(1)) : null;
        filter?.insert(hashString(s));
        return new ConstantValues(ParquetType.BYTE_ARRAY, entry.bytes(), rowCount, stringBounds(s, options.json), (a, b) => compareCodePoints(String(a), String(b)), filter?.bytes() ?? null);
      }
      case 'timestamp': {
        if (rowCount < MIN_NUMERIC_DICTIONARY_ROWS) return null;
        const bytes = timestampBytes(v.ms[0], v.nanos[0]);
        return new ConstantValues(ParquetType.INT64, bytes, rowCount, { bounds: { min: bytes, max: bytes }, minKey: 0, maxKey: 0 }, codeOrder, null);
      }
      case 'int64': {
        const x = v.values[0];
        if (rowCount < MIN_NUMERIC_DICTIONARY_ROWS || !Number.isSafeInteger(x)) return null;
        const bytes = int64Bytes(x);
        return new ConstantValues(ParquetType.INT64, bytes, rowCount, { bounds: { min: bytes, max: bytes }, minKey: 0, maxKey: 0 }, codeOrder, null);
      }
      case 'float64':
      case 'boolean':
        return null;
    }
  }

  pageEnd(start: number, pageRows: number): number {
    return Math.min(this.rowCount, start + pageRows);
  }

  writeValues(sink: ByteSink, start: number, end: number): void {
    sink.byte(0); // bit width of a one-entry dictionary's codes
    sink.varint((end - start) * 2); // one RLE run of code 0 (width 0: no value bytes)
  }

  bounds(): BoundsWithKeys | null {
    return this.chunkBounds;
  }

  bloom(): Uint8Array | null {
    return this.filter;
  }
}

function codeOrder(a: number | string | bigint, b: number | string | bigint): number {
  return (a as number) - (b as number);
}

/** Page/chunk bounds of a string value, as DictionaryValues computes them. */
function stringBounds(s: string, json: boolean): BoundsWithKeys | null {
  if (json) {
    // A truncated JSON bound is not JSON and some readers parse bounds: keep it whole or drop it.
    const bytes = textEncoder.encode(s);
    if (bytes.length > STAT_STRING_BYTES) return null;
    return { bounds: { min: bytes, max: bytes }, minKey: s, maxKey: s };
  }
  return { bounds: { min: stringMinBytes(s), max: stringMaxBytes(s) ?? textEncoder.encode(s) }, minKey: s, maxKey: s };
}

/** A vector of `rowCount` copies of row 0 of `v` (for the types ConstantValues leaves to the general encoders). */
export function repeatRow(v: Vector, rowCount: number): Vector {
  switch (v.type) {
    case 'string':
    case 'json':
      return { type: v.type, length: rowCount, codes: new Int32Array(rowCount).fill(v.codes[0]), dict: v.dict };
    case 'timestamp':
      return { type: 'timestamp', length: rowCount, ms: new Float64Array(rowCount).fill(v.ms[0]), nanos: new Int32Array(rowCount).fill(v.nanos[0]), validity: null };
    case 'boolean':
      return { type: 'boolean', length: rowCount, values: new Uint8Array(rowCount).fill(v.values[0]), validity: null };
    case 'int64':
    case 'float64':
      return { type: v.type, length: rowCount, values: new Float64Array(rowCount).fill(v.values[0]), validity: null };
  }
}

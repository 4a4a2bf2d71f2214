/**
 * Decodes one data page (V1 or V2) into a ChunkTarget at the page's first row: definition
 * levels → validity, then the values of the present rows by encoding. Supports what the
 * Pharlux writer produces (PLAIN, RLE_DICTIONARY, DELTA_BINARY_PACKED, BYTE_STREAM_SPLIT)
 * plus PLAIN_DICTIONARY and RLE booleans; anything else is reported as unsupported so
 * the chunk can go to the hyparquet fallback.
 */
import { decodeByteStreamSplit, decodeDeltaFloat, decodeDeltaSplit, decodePlainBooleans, decodePlainDoubles, decodePlainInt64AsDouble, decodePlainInt64AsSplit, decodePlainStrings, decodeBitRuns, decodeRleHybrid } from '../encoding/index.ts';
import { PartCorruptError } from '../part-corrupt-error.ts';
import { Encoding, ParquetType } from '../thrift/index.ts';
import type { DataType } from '../../../columnar/index.ts';
import type { ChunkTarget } from './chunk-target.ts';

/** Dictionary page contents: strings for BYTE_ARRAY, numbers/split for others. */
export interface DecodedDictionary {
  readonly strings: string[] | null;
  readonly values: Float64Array | null;
  readonly ms: Float64Array | null;
  readonly nanos: Int32Array | null;
  readonly bools: Uint8Array | null;
  readonly size: number;
}

/** Page encodings this decoder handles for a physical type. */
export function supportsEncoding(physicalType: number, encoding: number): boolean {
  switch (encoding) {
    case Encoding.PLAIN:
    case Encoding.RLE:
    case Encoding.BIT_PACKED: // only ever listed for levels by old writers
    case Encoding.RLE_DICTIONARY:
    case Encoding.PLAIN_DICTIONARY:
      return true;
    case Encoding.DELTA_BINARY_PACKED:
      return physicalType === ParquetType.INT64;
    case Encoding.BYTE_STREAM_SPLIT:
      return physicalType === ParquetType.DOUBLE;
    default:
      return false;
  }
}

/** Decodes a PLAIN dictionary page of `count` entries for a column of `type`. */
export function decodeDictionaryPage(type: DataType, physicalType: number, bytes: Uint8Array, count: number): DecodedDictionary {
  // Every entry takes at least one byte (strings four), so a count beyond that is corrupt; checked before allocating.
  const minBytes = physicalType === ParquetType.BOOLEAN ? count / 8 : physicalType === ParquetType.BYTE_ARRAY ? count * 4 : count * 8;
  if (count < 0 || minBytes > bytes.length) throw new PartCorruptError(`dictionary of ${count} entries cannot fit in ${bytes.length} bytes`);
  const empty = { strings: null, values: null, ms: null, nanos: null, bools: null, size: count };
  switch (physicalType) {
    case ParquetType.BYTE_ARRAY: {
      const strings: string[] = [];
      decodePlainStrings(bytes, 0, bytes.length, count, strings);
      return { ...empty, strings };
    }
    case ParquetType.INT64:
      if (type === 'timestamp') {
        const ms = new Float64Array(count);
        const nanos = new Int32Array(count);
        decodePlainInt64AsSplit(bytes, 0, bytes.length, count, ms, nanos, 0);
        return { ...empty, ms, nanos };
      } else {
        const values = new Float64Array(count);
        decodePlainInt64AsDouble(bytes, 0, bytes.length, count, values, 0);
        return { ...empty, values };
      }
    case ParquetType.DOUBLE: {
      const values = new Float64Array(count);
      decodePlainDoubles(bytes, 0, bytes.length, count, values, 0);
      return { ...empty, values };
    }
    case ParquetType.BOOLEAN: {
      const bools = new Uint8Array(count);
      decodePlainBooleans(bytes, 0, bytes.length, count, bools, 0);
      return { ...empty, bools };
    }
    default:
      throw new PartCorruptError(`dictionary page for unsupported physical type ${physicalType}`);
  }
}

/** Where a page's parts are: levels and values may come from different buffers (V2). */
export interface PageSections {
  readonly rows: number;
  readonly encoding: number;
  /** RLE definition levels (width 1) without length prefix, or null when the column is required. */
  readonly levels: Uint8Array | null;
  readonly values: Uint8Array;
}

/** Decodes the page into `target` at `rowOffset`. */
export function decodePage(target: ChunkTarget, physicalType: number, page: PageSections, rowOffset: number, dictionary: DecodedDictionary | null): void {
  const { rows } = page;
  if (rowOffset + rows > target.rows) throw new PartCorruptError(`page rows ${rowOffset}+${rows} exceed the row group's ${target.rows}`);
  let present = rows;
  let presentMask: Uint8Array | null = null;
  if (page.levels !== null && !allPresent(page.levels, rows)) {
    presentMask = new Uint8Array(rows);
    decodeBitRuns(page.levels, 0, page.levels.length, rows, presentMask, 0);
    present = 0;
    for (let i = 0; i < rows; i++) present += presentMask[i];
    if (present < rows) target.markPresent(presentMask, rowOffset);
  }
  const dense = present === rows;
  const at = dense ? rowOffset : 0;
  const bytes = page.values;
  const end = bytes.length;

  if (page.encoding === Encoding.RLE_DICTIONARY || page.encoding === Encoding.PLAIN_DICTIONARY) {
    if (dictionary === null) throw new PartCorruptError('dictionary-encoded page without a dictionary page');
    if (present > 0 && end < 1) throw new PartCorruptError('dictionary page data is empty');
    // Fast path: a string page without nulls decodes its codes straight into the target.
    const direct = dense && target.codes !== null;
    const codes = direct ? (target.codes as Int32Array) : new Int32Array(present);
    if (present > 0) {
      decodeRleHybrid(bytes, 1, end, bytes[0], present, codes, at);
      checkCodes(codes, at, present, dictionary.size);
    }
    if (!direct) scatterDictionary(target, codes, dictionary, presentMask, rowOffset, rows);
    return;
  }

  switch (target.type) {
    case 'string':
    case 'json': {
      if (page.encoding !== Encoding.PLAIN) throw unsupported(page.encoding);
      const dict = target.appendableDict();
      const base = dict.length;
      decodePlainStrings(bytes, 0, end, present, dict);
      const codes = target.codes as Int32Array;
      let k = base;
      for (let i = 0; i < rows; i++) codes[rowOffset + i] = presentMask === null || presentMask[i] === 1 ? k++ : -1;
      return;
    }
    case 'timestamp': {
      const ms = dense ? (target.ms as Float64Array) : new Float64Array(present);
      const nanos = dense ? (target.nanos as Int32Array) : new Int32Array(present);
      if (page.encoding === Encoding.DELTA_BINARY_PACKED) decodeDeltaSplit(bytes, 0, end, present, ms, nanos, at);
      else if (page.encoding === Encoding.PLAIN) decodePlainInt64AsSplit(bytes, 0, end, present, ms, nanos, at);
      else throw unsupported(page.encoding);
      if (!dense) {
        scatter(target.ms as Float64Array, ms, presentMask, rowOffset, rows);
        scatter(target.nanos as Int32Array, nanos, presentMask, rowOffset, rows);
      }
      return;
    }
    case 'int64':
    case 'float64': {
      const out = dense ? (target.values as Float64Array) : new Float64Array(present);
      if (page.encoding === Encoding.PLAIN && physicalType === ParquetType.DOUBLE) decodePlainDoubles(bytes, 0, end, present, out, at);
      else if (page.encoding === Encoding.PLAIN && physicalType === ParquetType.INT64) decodePlainInt64AsDouble(bytes, 0, end, present, out, at);
      else if (page.encoding === Encoding.DELTA_BINARY_PACKED && physicalType === ParquetType.INT64) decodeDeltaFloat(bytes, 0, end, present, out, at);
      else if (page.encoding === Encoding.BYTE_STREAM_SPLIT && physicalType === ParquetType.DOUBLE) decodeByteStreamSplit(bytes, 0, end, present, out, at);
      else throw unsupported(page.encoding);
      if (!dense) scatter(target.values as Float64Array, out, presentMask, rowOffset, rows);
      return;
    }
    case 'boolean': {
      const out = dense ? (target.bools as Uint8Array) : new Uint8Array(present);
      if (page.encoding === Encoding.PLAIN) decodePlainBooleans(bytes, 0, end, present, out, at);
      else if (page.encoding === Encoding.RLE) {
        if (end < 4) throw new PartCorruptError('RLE boolean page too short');
        const len = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
        decodeBitRuns(bytes, 4, Math.min(end, 4 + len), present, out, at);
      } else throw unsupported(page.encoding);
      if (!dense) scatter(target.bools as Uint8Array, out, presentMask, rowOffset, rows);
      return;
    }
  }
}

/** True when the definition levels are one RLE run of 1s covering every row (no nulls: the usual page). */
function allPresent(levels: Uint8Array, rows: number): boolean {
  let header = 0;
  let mul = 1;
  let p = 0;
  for (; p < levels.length && p < 5; p++) {
    header += (levels[p] & 0x7f) * mul;
    if ((levels[p] & 0x80) === 0) break;
    mul *= 128;
  }
  if (p >= levels.length || p === 5 || header % 2 !== 0) return false;
  return header / 2 >= rows && p + 1 < levels.length && (levels[p + 1] & 1) === 1;
}

function unsupported(encoding: number): PartCorruptError {
  return new PartCorruptError(`page encoding ${encoding} is not supported for this column`);
}

function scatter<T extends Float64Array | Int32Array | Uint8Array>(into: T, dense: T, mask: Uint8Array | null, rowOffset: number, rows: number): void {
  let k = 0;
  for (let i = 0; i < rows; i++) if (mask === null || mask[i] === 1) into[rowOffset + i] = dense[k++];
}

function checkCodes(codes: Int32Array, from: number, count: number, size: number): void {
  let bad = -1;
  for (let i = from; i < from + count; i++) if (codes[i] >>> 0 >= size) bad = i;
  if (bad >= 0) throw new PartCorruptError(`dictionary index ${codes[bad]} out of range (${size} entries)`);
}

/** Writes dictionary values of `codes` (present rows only) into the target rows, nulls where the mask says. */
function scatterDictionary(target: ChunkTarget, codes: Int32Array, d: DecodedDictionary, mask: Uint8Array | null, rowOffset: number, rows: number): void {
  if (target.codes !== null) {
    const out = target.codes;
    let k = 0;
    for (let i = 0; i < rows; i++) out[rowOffset + i] = mask === null || mask[i] === 1 ? codes[k++] : -1;
  } else if (target.ms !== null && target.nanos !== null && d.ms !== null && d.nanos !== null) {
    const { ms, nanos } = target;
    const dms = d.ms;
    const dnanos = d.nanos;
    if (mask === null) {
      for (let i = 0; i < rows; i++) {
        const c = codes[i];
        ms[rowOffset + i] = dms[c];
        nanos[rowOffset + i] = dnanos[c];
      }
    } else {
      let k = 0;
      for (let i = 0; i < rows; i++) {
        if (mask[i] === 0) continue;
        const c = codes[k++];
        ms[rowOffset + i] = dms[c];
        nanos[rowOffset + i] = dnanos[c];
      }
    }
  } else if (target.values !== null && d.values !== null) {
    const out = target.values;
    const dv = d.values;
    let k = 0;
    for (let i = 0; i < rows; i++) if (mask === null || mask[i] === 1) out[rowOffset + i] = dv[codes[k++]];
  } else if (target.bools !== null && d.bools !== null) {
    const out = target.bools;
    const dv = d.bools;
    let k = 0;
    for (let i = 0; i < rows; i++) if (mask === null || mask[i] === 1) out[rowOffset + i] = dv[codes[k++]];
  } else {
    throw new PartCorruptError('dictionary does not match the column type');
  }
}

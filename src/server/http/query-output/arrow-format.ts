/**
 * Arrow IPC stream output (`application/vnd.apache.arrow.stream`) built with
 * `apache-arrow`. Each result batch becomes one Arrow record batch as soon as it
 * arrives. Types: boolean → Bool, int64 → Int64, float64 → Float64, string and json →
 * Utf8 (json fields carry metadata `pharlux.type=json`), timestamp → Timestamp(ns, no
 * zone), matching how Parquet parts store them.
 */
import {
  Bool,
  Field,
  Float64,
  Int64,
  makeData,
  RecordBatch,
  RecordBatchStreamWriter,
  Schema,
  Struct,
  Table,
  TimestampNanosecond,
  Utf8,
  type Data,
  type DataType as ArrowType,
} from 'apache-arrow';
import { isDictionary, type Batch, type DataType, type DictionaryVector, type Vector } from '../../../columnar/index.ts';
import type { QueryColumn } from '../../query-service.ts';

const EOS_BYTES = 8;

function arrowType(type: DataType): ArrowType {
  switch (type) {
    case 'boolean':
      return new Bool();
    case 'int64':
      return new Int64();
    case 'float64':
      return new Float64();
    case 'string':
    case 'json':
      return new Utf8();
    case 'timestamp':
      return new TimestampNanosecond();
  }
}

/** The Arrow schema of a result. */
export function arrowSchema(columns: readonly QueryColumn[]): Schema {
  return new Schema(
    columns.map((c) => new Field(c.name, arrowType(c.dataType), true, c.dataType === 'json' ? new Map([['pharlux.type', 'json']]) : undefined)),
  );
}

function packBits(length: number, isSet: (i: number) => boolean): { bits: Uint8Array; unset: number } {
  const bits = new Uint8Array((length + 7) >> 3);
  let unset = 0;
  for (let i = 0; i < length; i++) {
    if (isSet(i)) bits[i >> 3] |= 1 << (i & 7);
    else unset++;
  }
  return { bits, unset };
}

function validityOf(v: Vector): { nullBitmap: Uint8Array | undefined; nullCount: number } {
  if (isDictionary(v)) {
    const codes = v.codes;
    const { bits, unset } = packBits(v.length, (i) => codes[i] >= 0);
    return unset === 0 ? { nullBitmap: undefined, nullCount: 0 } : { nullBitmap: bits, nullCount: unset };
  }
  const validity = v.validity;
  if (validity === null) return { nullBitmap: undefined, nullCount: 0 };
  const { bits, unset } = packBits(v.length, (i) => validity[i] !== 0);
  return unset === 0 ? { nullBitmap: undefined, nullCount: 0 } : { nullBitmap: bits, nullCount: unset };
}

function utf8Data(v: DictionaryVector, validity: { nullBitmap: Uint8Array | undefined; nullCount: number }): Data {
  const encoder = new TextEncoder();
  const encoded: (Uint8Array | undefined)[] = new Array(v.dict.length);
  const offsets = new Int32Array(v.length + 1);
  let total = 0;
  for (let i = 0; i < v.length; i++) {
    const code = v.codes[i];
    if (code >= 0) total += (encoded[code] ??= encoder.encode(v.dict[code])).length;
    offsets[i + 1] = total;
  }
  const data = new Uint8Array(total);
  for (let i = 0; i < v.length; i++) {
    const code = v.codes[i];
    if (code >= 0) data.set(encoded[code] as Uint8Array, offsets[i]);
  }
  return makeData({ type: new Utf8(), length: v.length, ...validity, valueOffsets: offsets, data });
}

function vectorData(v: Vector): Data {
  const validity = validityOf(v);
  switch (v.type) {
    case 'boolean': {
      const values = v.values;
      return makeData({ type: new Bool(), length: v.length, ...validity, data: packBits(v.length, (i) => values[i] === 1).bits });
    }
    case 'int64':
      return makeData({ type: new Int64(), length: v.length, ...validity, data: int64Words(v.values) });
    case 'float64':
      return makeData({ type: new Float64(), length: v.length, ...validity, data: v.values });
    case 'timestamp':
      return makeData({ type: new TimestampNanosecond(), length: v.length, ...validity, data: timestampWords(v.ms, v.nanos) });
    case 'string':
    case 'json':
      return utf8Data(v, validity);
  }
}

const TWO_32 = 4_294_967_296;

/**
 * int64 values (integral doubles, |v| <= 2^53) as little-endian 64-bit words, written as
 * (low, high) 32-bit halves: creating a BigInt per value cost more than all the rest.
 */
function int64Words(values: Float64Array): BigInt64Array {
  const out = new BigInt64Array(values.length);
  const words = new Int32Array(out.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const hi = Math.floor(v / TWO_32);
    words[2 * i] = (v - hi * TWO_32) | 0;
    words[2 * i + 1] = hi | 0;
  }
  return out;
}

/** Split timestamps as int64 nanoseconds, exactly, without BigInt (see int64Words). */
function timestampWords(msValues: Float64Array, nanosValues: Int32Array): BigInt64Array {
  const out = new BigInt64Array(msValues.length);
  const words = new Int32Array(out.buffer);
  for (let i = 0; i < msValues.length; i++) {
    // ns = ms * 1e6 + nanos with ms = q * 2^32 + r: q * 1e6 * 2^32 + (r * 1e6 + nanos),
    // where r * 1e6 + nanos < 2^53 stays exact.
    const ms = msValues[i];
    const q = Math.floor(ms / TWO_32);
    const t = (ms - q * TWO_32) * 1_000_000 + nanosValues[i];
    const tHi = Math.floor(t / TWO_32);
    words[2 * i] = (t - tHi * TWO_32) | 0;
    words[2 * i + 1] = (q * 1_000_000 + tHi) | 0;
  }
  return out;
}

function recordBatch(schema: Schema, batch: Batch): RecordBatch {
  const children = batch.columns.map(vectorData);
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: batch.length, nullCount: 0, children }));
}

/**
 * The IPC stream: schema message, one record batch message per result batch, end marker.
 * Each message is cut out of a one-batch stream written by apache-arrow (its writer has
 * no synchronous per-message output), so the bytes are exactly what apache-arrow writes.
 */
export async function* arrowResultBytes(columns: readonly QueryColumn[], batches: AsyncIterable<Batch>): AsyncGenerator<Uint8Array> {
  const schema = arrowSchema(columns);
  // A stream of zero batches is [schema message][end marker].
  const schemaBytes = RecordBatchStreamWriter.writeAll(new Table(schema)).toUint8Array(true);
  const schemaLength = schemaBytes.length - EOS_BYTES;
  yield schemaBytes.subarray(0, schemaLength);
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    const one = RecordBatchStreamWriter.writeAll([recordBatch(schema, batch)]).toUint8Array(true);
    yield one.subarray(schemaLength, one.length - EOS_BYTES);
  }
  yield schemaBytes.subarray(schemaLength);
}

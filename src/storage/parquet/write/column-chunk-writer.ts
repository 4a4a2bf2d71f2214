/**
 * Writes one column chunk of one row group: optional dictionary page, then data pages (V1:
 * RLE definition levels with a 4-byte length, then values), each compressed on its own.
 * Records page locations for the OffsetIndex, page bounds for the ColumnIndex, chunk
 * statistics and the bloom filter bitset; the caller places indexes and filters later.
 */
import type { Field, Vector } from '../../../columnar/index.ts';
import type { SortedColumn } from './sorted-columns.ts';
import { ByteSink, encodeBitRun, encodeBitRuns } from '../encoding/index.ts';
import { compressPage } from '../page-codec.ts';
import { PartEncodeError } from '../part-corrupt-error.ts';
import { encodePageHeader, Encoding, PageType, type ColumnIndexMeta, type ColumnMeta, type OffsetIndexMeta, type StatisticsMeta } from '../thrift/index.ts';
import { BooleanValues, DoubleValues, Int64Values, TimestampValues, type ColumnValues } from './column-values.ts';
import { DictionaryValues } from './dictionary-values.ts';
import { NumericDictionaryValues } from './numeric-dictionary-values.ts';
import { PageLayout } from './page-layout.ts';
import { ConstantValues, NullValues, repeatRow } from './uniform-values.ts';
import type { PartOutput } from './part-output.ts';

export interface ChunkOptions {
  readonly codec: number;
  readonly zstdLevel: number;
  readonly pageRows: number;
  /** Write a ColumnIndex (page min/max) for this column. */
  readonly columnIndex: boolean;
  readonly bloomFilter: boolean;
  /** PLAIN or BYTE_STREAM_SPLIT for doubles. */
  readonly doubleEncoding: number;
}

/** A written chunk: its footer metadata and the index structures still to be placed. */
export interface WrittenChunk {
  readonly fileOffset: number;
  readonly meta: ColumnMeta;
  readonly offsetIndex: OffsetIndexMeta;
  readonly columnIndex: ColumnIndexMeta | null;
  readonly bloom: Uint8Array | null;
}

function valuesFor(field: Field, column: SortedColumn, rowStart: number, rowCount: number, options: ChunkOptions): ColumnValues {
  const json = field.type === 'json';
  switch (column.kind) {
    case 'null':
      return new NullValues(column.type, rowCount, options.doubleEncoding, options.bloomFilter);
    case 'constant':
      return ConstantValues.tryCreate(column.vector, rowCount, { json, bloom: options.bloomFilter }) ?? valuesOf(repeatRow(column.vector, rowCount), 0, rowCount, options);
    case 'values':
      return valuesOf(column.vector, rowStart, rowCount, options);
  }
}

function valuesOf(v: Vector, rowStart: number, rowCount: number, options: ChunkOptions): ColumnValues {
  switch (v.type) {
    case 'string':
    case 'json':
      return new DictionaryValues(v, rowStart, rowCount, { sorted: options.columnIndex, bloom: options.bloomFilter, json: v.type === 'json' });
    case 'timestamp':
      return NumericDictionaryValues.tryCreate(v, rowStart, rowCount) ?? new TimestampValues(v, rowStart, rowCount);
    case 'int64':
      return NumericDictionaryValues.tryCreate(v, rowStart, rowCount) ?? new Int64Values(v, rowStart, rowCount);
    case 'float64':
      return new DoubleValues(v, rowStart, rowCount, options.doubleEncoding);
    case 'boolean':
      return new BooleanValues(v, rowStart, rowCount);
  }
}

function countNulls(validity: Uint8Array | null, start: number, end: number): number {
  if (validity === null) return 0;
  let n = 0;
  for (let r = start; r < end; r++) if (validity[r] === 0) n++;
  return n;
}

/** Writes sorted rows [rowStart, rowStart + rowCount) of `column` as one column chunk into `out`. */
export function writeColumnChunk(out: PartOutput, sink: ByteSink, field: Field, column: SortedColumn, rowStart: number, rowCount: number, options: ChunkOptions): WrittenChunk {
  const values = valuesFor(field, column, rowStart, rowCount, options);
  const validity = values.validity;
  const allNull = values.allNull === true;
  const totalNulls = allNull ? rowCount : countNulls(validity, 0, rowCount);
  if (!field.nullable && totalNulls > 0) throw new PartEncodeError(`column ${field.name} is not nullable but has ${totalNulls} nulls`);
  const fileOffset = out.offset;
  let uncompressed = 0;
  let compressed = 0;
  let dictionaryPageOffset: number | undefined;

  if (values.dictionary !== null) {
    dictionaryPageOffset = out.offset;
    const body = compressPage(options.codec, values.dictionary.bytes, options.zstdLevel);
    const header = encodePageHeader({
      type: PageType.DICTIONARY_PAGE,
      uncompressedPageSize: values.dictionary.bytes.length,
      compressedPageSize: body.length,
      dictionaryPage: { numValues: values.dictionary.count, encoding: Encoding.PLAIN },
    });
    out.push(header);
    out.push(body === values.dictionary.bytes ? body.slice() : body);
    uncompressed += header.length + values.dictionary.bytes.length;
    compressed += header.length + body.length;
  }

  const dataPageOffset = out.offset;
  const layout = new PageLayout();
  const levels = new ByteSink(64);
  for (let start = 0; start < rowCount; ) {
    const end = values.pageEnd(start, options.pageRows);
    sink.reset();
    if (field.nullable) {
      levels.reset();
      if (allNull) {
        encodeBitRun(levels, 0, end - start);
      } else if (validity === null) {
        levels.varint((end - start) * 2); // one RLE run of "present"
        levels.byte(1);
      } else {
        encodeBitRuns(levels, validity, start, end - start);
      }
      sink.u32(levels.length);
      sink.raw(levels.bytes());
    }
    values.writeValues(sink, start, end);
    const raw = sink.bytes();
    const body = compressPage(options.codec, raw, options.zstdLevel);
    const header = encodePageHeader({
      type: PageType.DATA_PAGE,
      uncompressedPageSize: raw.length,
      compressedPageSize: body.length,
      dataPage: { numValues: end - start, encoding: values.encoding, definitionLevelEncoding: Encoding.RLE, repetitionLevelEncoding: Encoding.RLE },
    });
    const offset = out.offset;
    out.push(header);
    out.push(body === raw ? raw.slice() : body);
    uncompressed += header.length + raw.length;
    compressed += header.length + body.length;
    const nulls = allNull ? end - start : countNulls(validity, start, end);
    const b = options.columnIndex ? values.bounds(start, end) : null;
    if (options.columnIndex && b === null && nulls < end - start) layout.dropColumnIndex();
    layout.addPage({ offset, compressedPageSize: header.length + body.length, firstRowIndex: start }, nulls, b?.bounds ?? null, b?.minKey ?? 0, b?.maxKey ?? 0);
    start = end;
  }

  const chunkBounds = rowCount > 0 ? values.bounds(0, rowCount) : null;
  const statistics: StatisticsMeta = { nullCount: totalNulls, minValue: chunkBounds?.bounds.min, maxValue: chunkBounds?.bounds.max };
  const meta: ColumnMeta = {
    type: values.physicalType,
    encodings: values.encodings,
    path: [field.name],
    codec: options.codec,
    numValues: rowCount,
    totalUncompressedSize: uncompressed,
    totalCompressedSize: compressed,
    dataPageOffset,
    dictionaryPageOffset,
    statistics,
  };
  return {
    fileOffset,
    meta,
    offsetIndex: layout.offsetIndex(),
    columnIndex: options.columnIndex ? layout.columnIndex((a, b) => values.compareKeys(a, b)) : null,
    bloom: options.bloomFilter ? values.bloom() : null,
  };
}

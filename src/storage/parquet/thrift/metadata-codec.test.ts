import { describe, expect, test } from 'bun:test';
import { parquetMetadata } from 'hyparquet';
import { PartCorruptError } from '../part-corrupt-error.ts';
import { CompactReader } from './compact-reader.ts';
import { CompactType, CompactWriter } from './compact-writer.ts';
import { decodeFileMetadata } from './metadata-reader.ts';
import { decodeBloomFilterHeader, decodeColumnIndex, decodeOffsetIndex, decodePageHeader } from './page-metadata-reader.ts';
import { encodeBloomFilterHeader, encodeColumnIndex, encodeFileMetadata, encodeOffsetIndex, encodePageHeader } from './metadata-writer.ts';
import { ConvertedType, Encoding, PageType, ParquetType, Repetition, type FileMetadata } from './parquet-metadata.ts';

const FILE: FileMetadata = {
  version: 2,
  schema: [
    { name: 'schema', numChildren: 2 },
    { name: 'ts', type: ParquetType.INT64, repetition: Repetition.REQUIRED, logicalType: { kind: 'timestamp', unit: 'NANOS', isAdjustedToUTC: false } },
    { name: 'name', type: ParquetType.BYTE_ARRAY, repetition: Repetition.OPTIONAL, convertedType: ConvertedType.UTF8, logicalType: { kind: 'string' } },
  ],
  numRows: 3_000_000_000,
  rowGroups: [
    {
      numRows: 3_000_000_000,
      totalByteSize: 2 ** 40,
      fileOffset: 4,
      totalCompressedSize: 1000,
      ordinal: 0,
      columns: [
        {
          fileOffset: 4,
          offsetIndexOffset: 900,
          offsetIndexLength: 20,
          columnIndexOffset: 800,
          columnIndexLength: 30,
          meta: {
            type: ParquetType.INT64,
            encodings: [Encoding.DELTA_BINARY_PACKED, Encoding.RLE],
            path: ['ts'],
            codec: 6,
            numValues: 3_000_000_000,
            totalUncompressedSize: 123456,
            totalCompressedSize: 500,
            dataPageOffset: 4,
            statistics: { nullCount: 0, minValue: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), maxValue: Uint8Array.of(9, 9, 9, 9, 9, 9, 9, 9) },
          },
        },
        {
          fileOffset: 504,
          meta: {
            type: ParquetType.BYTE_ARRAY,
            encodings: [Encoding.PLAIN, Encoding.RLE, Encoding.RLE_DICTIONARY],
            path: ['name'],
            codec: 6,
            numValues: 3_000_000_000,
            totalUncompressedSize: 1,
            totalCompressedSize: 400,
            dataPageOffset: 600,
            dictionaryPageOffset: 504,
            bloomFilterOffset: 950,
            bloomFilterLength: 64,
            statistics: { nullCount: 17 },
          },
        },
      ],
    },
  ],
  keyValues: [{ key: 'pharlux.table', value: 'metrics' }, { key: 'empty' }],
  createdBy: 'test ✓',
};

describe('thrift compact codec', () => {
  test('primitives round-trip, including field-id jumps and long lists', () => {
    const w = new CompactWriter(4);
    w.beginStruct();
    w.i32Field(1, -5);
    w.i64Field(20, 2 ** 51 + 3);
    w.boolField(21, true);
    w.stringField(40, 'héllo');
    w.listField(41, CompactType.I32, 20);
    for (let i = 0; i < 20; i++) w.zigzag(i - 10);
    w.endStruct();
    const r = new CompactReader(w.bytes());
    const got: unknown[] = [];
    r.struct((h) => {
      if (h.id === 1) got.push(r.i32());
      else if (h.id === 20) got.push(r.i64());
      else if (h.id === 21) got.push(r.boolOf(h));
      else if (h.id === 40) got.push(r.string());
      else if (h.id === 41) {
        const { size } = r.listHeader();
        const xs = [];
        for (let i = 0; i < size; i++) xs.push(r.i32());
        got.push(xs);
      } else return false;
      return true;
    });
    expect(got).toEqual([-5, 2 ** 51 + 3, true, 'héllo', Array.from({ length: 20 }, (_, i) => i - 10)]);
    expect(r.pos).toBe(w.length);
  });

  test('FileMetaData round-trips and hyparquet parses it the same way', () => {
    const bytes = encodeFileMetadata(FILE);
    const back = decodeFileMetadata(bytes);
    expect(back.numRows).toBe(FILE.numRows);
    expect(back.schema).toEqual(FILE.schema);
    expect(back.rowGroups[0].columns[1].meta.bloomFilterOffset).toBe(950);
    expect(back.rowGroups[0].columns[0].meta.statistics?.minValue).toEqual(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8));
    expect(back.keyValues).toEqual([{ key: 'pharlux.table', value: 'metrics' }, { key: 'empty', value: undefined }]);
    expect(back.createdBy).toBe('test ✓');
    const framed = new Uint8Array(bytes.length + 8);
    framed.set(bytes);
    new DataView(framed.buffer).setUint32(bytes.length, bytes.length, true);
    framed.set([0x50, 0x41, 0x52, 0x31], bytes.length + 4);
    const hp = parquetMetadata(framed);
    expect(hp.schema[1].logical_type).toEqual({ type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'NANOS' });
    expect(hp.schema[2].converted_type).toBe('UTF8');
    expect(hp.row_groups[0].columns[1].meta_data?.dictionary_page_offset).toBe(504n);
    expect(hp.row_groups[0].columns[0].column_index_offset).toBe(800n);
  });

  test('page header, column index, offset index and bloom header round-trip', () => {
    const ph = { type: PageType.DATA_PAGE, uncompressedPageSize: 70000, compressedPageSize: 12, dataPage: { numValues: 8192, encoding: 8, definitionLevelEncoding: 3, repetitionLevelEncoding: 3 } };
    const hb = encodePageHeader(ph);
    const padded = new Uint8Array(hb.length + 5);
    padded.set(hb, 2);
    expect(decodePageHeader(padded, 2, padded.length)).toEqual({ header: ph, headerBytes: hb.length });
    const ci = { nullPages: [false, true, false], minValues: [Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(3)], maxValues: [Uint8Array.of(2), new Uint8Array(0), Uint8Array.of(4)], boundaryOrder: 1, nullCounts: [0, 10, 2] };
    expect(decodeColumnIndex(encodeColumnIndex(ci))).toEqual(ci);
    const oi = { pageLocations: Array.from({ length: 40 }, (_, i) => ({ offset: 4 + i * 100, compressedPageSize: 100, firstRowIndex: i * 8192 })) };
    expect(decodeOffsetIndex(encodeOffsetIndex(oi))).toEqual(oi);
    const bh = encodeBloomFilterHeader(4096);
    expect(decodeBloomFilterHeader(bh, 0)).toEqual({ header: { numBytes: 4096, supported: true }, headerBytes: bh.length });
  });

  test('truncated metadata fails with PartCorruptError at every cut', () => {
    const bytes = encodeFileMetadata(FILE);
    for (let cut = 0; cut < bytes.length; cut++) {
      expect(() => decodeFileMetadata(bytes.subarray(0, cut))).toThrow(PartCorruptError);
    }
  });

  test('absurd list sizes and deep nesting are rejected without allocating', () => {
    // struct { 1: list<struct> of 2^31 elements }
    expect(() => decodeFileMetadata(Uint8Array.of(0x19, 0xfc, 0xff, 0xff, 0xff, 0xff, 0x07))).toThrow(PartCorruptError);
    // unknown field 9 holding structs nested 1000 deep
    const deep = new Uint8Array(1000).fill(0x1c);
    expect(() => decodeFileMetadata(Uint8Array.of(0x9c, ...deep))).toThrow(PartCorruptError);
  });
});

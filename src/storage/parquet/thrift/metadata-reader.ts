/**
 * Parses Parquet metadata structs from Thrift compact bytes into the plain model of
 * parquet-metadata.ts. Checks required fields and types; unknown fields are skipped.
 * Throws PartCorruptError on anything malformed.
 */
import { CompactType } from './compact-writer.ts';
import { CompactReader, type FieldHeader } from './compact-reader.ts';
import type {
  BloomFilterHeaderMeta,
  ColumnChunkMeta,
  ColumnIndexMeta,
  ColumnMeta,
  DataPageHeaderMeta,
  DataPageHeaderV2Meta,
  DictionaryPageHeaderMeta,
  FileMetadata,
  KeyValueMeta,
  LogicalTypeMeta,
  OffsetIndexMeta,
  PageHeaderMeta,
  PageLocationMeta,
  RowGroupMeta,
  SchemaElementMeta,
  StatisticsMeta,
} from './parquet-metadata.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function required<T>(r: CompactReader, value: T | undefined, what: string): T {
  if (value === undefined) r.fail(`missing required ${what}`);
  return value;
}

function listOf<T>(r: CompactReader, h: FieldHeader, elementType: CompactType, readOne: () => T): T[] {
  r.expect(h, CompactType.List);
  const { elementType: et, size } = r.listHeader();
  // Bool lists may declare either bool type code.
  const ok = et === elementType || (elementType === CompactType.True && et === CompactType.False);
  if (!ok && size > 0) r.fail(`list field ${h.id} has element type ${et}, expected ${elementType}`);
  const out: T[] = [];
  for (let i = 0; i < size; i++) out.push(readOne());
  return out;
}

function i32Of(r: CompactReader, h: FieldHeader): number {
  if (h.type !== CompactType.I32 && h.type !== CompactType.I16 && h.type !== CompactType.Byte) r.fail(`field ${h.id} is not an integer`);
  return h.type === CompactType.Byte ? r.byte() : r.i32();
}

function i64Of(r: CompactReader, h: FieldHeader): number {
  if (h.type !== CompactType.I64 && h.type !== CompactType.I32) r.fail(`field ${h.id} is not an i64`);
  return r.i64();
}

function binaryOf(r: CompactReader, h: FieldHeader): Uint8Array {
  r.expect(h, CompactType.Binary);
  return r.binary();
}

function stringOf(r: CompactReader, h: FieldHeader): string {
  r.expect(h, CompactType.Binary);
  return r.string();
}

/** Parses the FileMetaData footer bytes. */
export function decodeFileMetadata(bytes: Uint8Array): FileMetadata {
  const r = new CompactReader(bytes);
  const m: Partial<Mutable<FileMetadata>> = { keyValues: [] };
  r.struct((h) => {
    switch (h.id) {
      case 1:
        m.version = i32Of(r, h);
        return true;
      case 2:
        m.schema = listOf(r, h, CompactType.Struct, () => readSchemaElement(r));
        return true;
      case 3:
        m.numRows = i64Of(r, h);
        return true;
      case 4:
        m.rowGroups = listOf(r, h, CompactType.Struct, () => readRowGroup(r));
        return true;
      case 5:
        m.keyValues = listOf(r, h, CompactType.Struct, () => readKeyValue(r));
        return true;
      case 6:
        m.createdBy = stringOf(r, h);
        return true;
      default:
        return false;
    }
  });
  return {
    version: required(r, m.version, 'FileMetaData.version'),
    schema: required(r, m.schema, 'FileMetaData.schema'),
    numRows: required(r, m.numRows, 'FileMetaData.num_rows'),
    rowGroups: required(r, m.rowGroups, 'FileMetaData.row_groups'),
    keyValues: m.keyValues ?? [],
    createdBy: m.createdBy,
  };
}

function readKeyValue(r: CompactReader): KeyValueMeta {
  let key: string | undefined;
  let value: string | undefined;
  r.struct((h) => {
    if (h.id === 1) key = stringOf(r, h);
    else if (h.id === 2) value = stringOf(r, h);
    else return false;
    return true;
  });
  return { key: required(r, key, 'KeyValue.key'), value };
}

function readLogicalType(r: CompactReader): LogicalTypeMeta {
  let t: LogicalTypeMeta | undefined;
  r.struct((h) => {
    r.expect(h, CompactType.Struct);
    if (h.id === 1) {
      r.skipStruct();
      t = { kind: 'string' };
    } else if (h.id === 12) {
      r.skipStruct();
      t = { kind: 'json' };
    } else if (h.id === 8) {
      let utc: boolean | undefined;
      let unit: 'MILLIS' | 'MICROS' | 'NANOS' | undefined;
      r.struct((f) => {
        if (f.id === 1) utc = r.boolOf(f);
        else if (f.id === 2) {
          r.expect(f, CompactType.Struct);
          r.struct((u) => {
            r.expect(u, CompactType.Struct);
            r.skipStruct();
            unit = u.id === 1 ? 'MILLIS' : u.id === 2 ? 'MICROS' : u.id === 3 ? 'NANOS' : r.fail(`unknown time unit ${u.id}`);
            return true;
          });
        } else return false;
        return true;
      });
      t = { kind: 'timestamp', isAdjustedToUTC: required(r, utc, 'TimestampType.isAdjustedToUTC'), unit: required(r, unit, 'TimestampType.unit') };
    } else {
      r.skipStruct();
      t = { kind: 'other', id: h.id };
    }
    return true;
  });
  return required(r, t, 'LogicalType member');
}

function readSchemaElement(r: CompactReader): SchemaElementMeta {
  const e: Partial<Mutable<SchemaElementMeta>> = {};
  r.struct((h) => {
    switch (h.id) {
      case 1:
        e.type = i32Of(r, h);
        return true;
      case 3:
        e.repetition = i32Of(r, h);
        return true;
      case 4:
        e.name = stringOf(r, h);
        return true;
      case 5:
        e.numChildren = i32Of(r, h);
        return true;
      case 6:
        e.convertedType = i32Of(r, h);
        return true;
      case 10:
        r.expect(h, CompactType.Struct);
        e.logicalType = readLogicalType(r);
        return true;
      default:
        return false;
    }
  });
  return { ...e, name: required(r, e.name, 'SchemaElement.name') };
}

function readRowGroup(r: CompactReader): RowGroupMeta {
  const g: Partial<Mutable<RowGroupMeta>> = {};
  r.struct((h) => {
    switch (h.id) {
      case 1:
        g.columns = listOf(r, h, CompactType.Struct, () => readColumnChunk(r));
        return true;
      case 2:
        g.totalByteSize = i64Of(r, h);
        return true;
      case 3:
        g.numRows = i64Of(r, h);
        return true;
      case 5:
        g.fileOffset = i64Of(r, h);
        return true;
      case 6:
        g.totalCompressedSize = i64Of(r, h);
        return true;
      case 7:
        g.ordinal = i32Of(r, h);
        return true;
      default:
        return false;
    }
  });
  return {
    ...g,
    columns: required(r, g.columns, 'RowGroup.columns'),
    totalByteSize: required(r, g.totalByteSize, 'RowGroup.total_byte_size'),
    numRows: required(r, g.numRows, 'RowGroup.num_rows'),
  };
}

function readColumnChunk(r: CompactReader): ColumnChunkMeta {
  const c: Partial<Mutable<ColumnChunkMeta>> = {};
  r.struct((h) => {
    switch (h.id) {
      case 2:
        c.fileOffset = i64Of(r, h);
        return true;
      case 3:
        r.expect(h, CompactType.Struct);
        c.meta = readColumnMeta(r);
        return true;
      case 4:
        c.offsetIndexOffset = i64Of(r, h);
        return true;
      case 5:
        c.offsetIndexLength = i32Of(r, h);
        return true;
      case 6:
        c.columnIndexOffset = i64Of(r, h);
        return true;
      case 7:
        c.columnIndexLength = i32Of(r, h);
        return true;
      default:
        return false;
    }
  });
  return { ...c, fileOffset: c.fileOffset ?? 0, meta: required(r, c.meta, 'ColumnChunk.meta_data') };
}

function readColumnMeta(r: CompactReader): ColumnMeta {
  const m: Partial<Mutable<ColumnMeta>> = {};
  r.struct((h) => {
    switch (h.id) {
      case 1:
        m.type = i32Of(r, h);
        return true;
      case 2:
        m.encodings = listOf(r, h, CompactType.I32, () => r.i32());
        return true;
      case 3:
        m.path = listOf(r, h, CompactType.Binary, () => r.string());
        return true;
      case 4:
        m.codec = i32Of(r, h);
        return true;
      case 5:
        m.numValues = i64Of(r, h);
        return true;
      case 6:
        m.totalUncompressedSize = i64Of(r, h);
        return true;
      case 7:
        m.totalCompressedSize = i64Of(r, h);
        return true;
      case 9:
        m.dataPageOffset = i64Of(r, h);
        return true;
      case 11:
        m.dictionaryPageOffset = i64Of(r, h);
        return true;
      case 12:
        r.expect(h, CompactType.Struct);
        m.statistics = readStatistics(r);
        return true;
      case 14:
        m.bloomFilterOffset = i64Of(r, h);
        return true;
      case 15:
        m.bloomFilterLength = i32Of(r, h);
        return true;
      default:
        return false;
    }
  });
  return {
    ...m,
    type: required(r, m.type, 'ColumnMetaData.type'),
    encodings: required(r, m.encodings, 'ColumnMetaData.encodings'),
    path: required(r, m.path, 'ColumnMetaData.path_in_schema'),
    codec: required(r, m.codec, 'ColumnMetaData.codec'),
    numValues: required(r, m.numValues, 'ColumnMetaData.num_values'),
    totalUncompressedSize: required(r, m.totalUncompressedSize, 'ColumnMetaData.total_uncompressed_size'),
    totalCompressedSize: required(r, m.totalCompressedSize, 'ColumnMetaData.total_compressed_size'),
    dataPageOffset: required(r, m.dataPageOffset, 'ColumnMetaData.data_page_offset'),
  };
}

function readStatistics(r: CompactReader): StatisticsMeta {
  let nullCount: number | undefined;
  let min: Uint8Array | undefined;
  let max: Uint8Array | undefined;
  let minValue: Uint8Array | undefined;
  let maxValue: Uint8Array | undefined;
  r.struct((h) => {
    switch (h.id) {
      case 1:
        max = binaryOf(r, h);
        return true;
      case 2:
        min = binaryOf(r, h);
        return true;
      case 3:
        nullCount = i64Of(r, h);
        return true;
      case 5:
        maxValue = binaryOf(r, h);
        return true;
      case 6:
        minValue = binaryOf(r, h);
        return true;
      default:
        return false;
    }
  });
  // The deprecated min/max use signed byte order for strings; only trust min_value/max_value then.
  if (minValue !== undefined && maxValue !== undefined) return { nullCount, minValue, maxValue };
  return { nullCount, minValue: min, maxValue: max, deprecatedOrder: true };
}

/** Parses a page header starting at `start`; returns it and its serialised length. */
export function decodePageHeader(bytes: Uint8Array, start: number, end: number): { header: PageHeaderMeta; headerBytes: number } {
  const r = new CompactReader(bytes, start, end);
  const p: Partial<Mutable<PageHeaderMeta>> = {};
  r.struct((h) => {
    switch (h.id) {
      case 1:
        p.type = i32Of(r, h);
        return true;
      case 2:
        p.uncompressedPageSize = i32Of(r, h);
        return true;
      case 3:
        p.compressedPageSize = i32Of(r, h);
        return true;
      case 5:
        r.expect(h, CompactType.Struct);
        p.dataPage = readDataPageHeader(r);
        return true;
      case 7:
        r.expect(h, CompactType.Struct);
        p.dictionaryPage = readDictionaryPageHeader(r);
        return true;
      case 8:
        r.expect(h, CompactType.Struct);
        p.dataPageV2 = readDataPageHeaderV2(r);
        return true;
      default:
        return false;
    }
  });
  const header: PageHeaderMeta = {
    ...p,
    type: required(r, p.type, 'PageHeader.type'),
    uncompressedPageSize: required(r, p.uncompressedPageSize, 'PageHeader.uncompressed_page_size'),
    compressedPageSize: required(r, p.compressedPageSize, 'PageHeader.compressed_page_size'),
  };
  if (header.uncompressedPageSize < 0 || header.compressedPageSize < 0) r.fail('negative page size');
  return { header, headerBytes: r.pos - start };
}

function readDataPageHeader(r: CompactReader): DataPageHeaderMeta {
  const d: Partial<Mutable<DataPageHeaderMeta>> = {};
  r.struct((h) => {
    if (h.id === 1) d.numValues = i32Of(r, h);
    else if (h.id === 2) d.encoding = i32Of(r, h);
    else if (h.id === 3) d.definitionLevelEncoding = i32Of(r, h);
    else if (h.id === 4) d.repetitionLevelEncoding = i32Of(r, h);
    else return false;
    return true;
  });
  return {
    numValues: required(r, d.numValues, 'DataPageHeader.num_values'),
    encoding: required(r, d.encoding, 'DataPageHeader.encoding'),
    definitionLevelEncoding: d.definitionLevelEncoding ?? 3,
    repetitionLevelEncoding: d.repetitionLevelEncoding ?? 3,
  };
}

function readDataPageHeaderV2(r: CompactReader): DataPageHeaderV2Meta {
  const d: Partial<Mutable<DataPageHeaderV2Meta>> = { isCompressed: true };
  r.struct((h) => {
    if (h.id === 1) d.numValues = i32Of(r, h);
    else if (h.id === 2) d.numNulls = i32Of(r, h);
    else if (h.id === 3) d.numRows = i32Of(r, h);
    else if (h.id === 4) d.encoding = i32Of(r, h);
    else if (h.id === 5) d.definitionLevelsByteLength = i32Of(r, h);
    else if (h.id === 6) d.repetitionLevelsByteLength = i32Of(r, h);
    else if (h.id === 7) d.isCompressed = r.boolOf(h);
    else return false;
    return true;
  });
  return {
    numValues: required(r, d.numValues, 'DataPageHeaderV2.num_values'),
    numNulls: required(r, d.numNulls, 'DataPageHeaderV2.num_nulls'),
    numRows: required(r, d.numRows, 'DataPageHeaderV2.num_rows'),
    encoding: required(r, d.encoding, 'DataPageHeaderV2.encoding'),
    definitionLevelsByteLength: required(r, d.definitionLevelsByteLength, 'DataPageHeaderV2.definition_levels_byte_length'),
    repetitionLevelsByteLength: required(r, d.repetitionLevelsByteLength, 'DataPageHeaderV2.repetition_levels_byte_length'),
    isCompressed: d.isCompressed ?? true,
  };
}

function readDictionaryPageHeader(r: CompactReader): DictionaryPageHeaderMeta {
  let numValues: number | undefined;
  let encoding: number | undefined;
  r.struct((h) => {
    if (h.id === 1) numValues = i32Of(r, h);
    else if (h.id === 2) encoding = i32Of(r, h);
    else return false;
    return true;
  });
  return { numValues: required(r, numValues, 'DictionaryPageHeader.num_values'), encoding: required(r, encoding, 'DictionaryPageHeader.encoding') };
}

/** Parses a ColumnIndex. */
export function decodeColumnIndex(bytes: Uint8Array): ColumnIndexMeta {
  const r = new CompactReader(bytes);
  const c: Partial<Mutable<ColumnIndexMeta>> = {};
  r.struct((h) => {
    switch (h.id) {
      case 1:
        c.nullPages = listOf(r, h, CompactType.True, () => r.boolElement());
        return true;
      case 2:
        c.minValues = listOf(r, h, CompactType.Binary, () => r.binary());
        return true;
      case 3:
        c.maxValues = listOf(r, h, CompactType.Binary, () => r.binary());
        return true;
      case 4:
        c.boundaryOrder = i32Of(r, h);
        return true;
      case 5:
        c.nullCounts = listOf(r, h, CompactType.I64, () => r.i64());
        return true;
      default:
        return false;
    }
  });
  const ci: ColumnIndexMeta = {
    nullPages: required(r, c.nullPages, 'ColumnIndex.null_pages'),
    minValues: required(r, c.minValues, 'ColumnIndex.min_values'),
    maxValues: required(r, c.maxValues, 'ColumnIndex.max_values'),
    boundaryOrder: required(r, c.boundaryOrder, 'ColumnIndex.boundary_order'),
    nullCounts: c.nullCounts,
  };
  const n = ci.nullPages.length;
  if (ci.minValues.length !== n || ci.maxValues.length !== n || (ci.nullCounts !== undefined && ci.nullCounts.length !== n)) {
    r.fail('column index lists differ in length');
  }
  return ci;
}

/** Parses an OffsetIndex. */
export function decodeOffsetIndex(bytes: Uint8Array): OffsetIndexMeta {
  const r = new CompactReader(bytes);
  let pageLocations: PageLocationMeta[] | undefined;
  r.struct((h) => {
    if (h.id !== 1) return false;
    pageLocations = listOf(r, h, CompactType.Struct, () => {
      const p: Partial<Mutable<PageLocationMeta>> = {};
      r.struct((f) => {
        if (f.id === 1) p.offset = i64Of(r, f);
        else if (f.id === 2) p.compressedPageSize = i32Of(r, f);
        else if (f.id === 3) p.firstRowIndex = i64Of(r, f);
        else return false;
        return true;
      });
      return {
        offset: required(r, p.offset, 'PageLocation.offset'),
        compressedPageSize: required(r, p.compressedPageSize, 'PageLocation.compressed_page_size'),
        firstRowIndex: required(r, p.firstRowIndex, 'PageLocation.first_row_index'),
      };
    });
    return true;
  });
  return { pageLocations: required(r, pageLocations, 'OffsetIndex.page_locations') };
}

/** Parses a BloomFilterHeader at `start`; returns it and its serialised length. */
export function decodeBloomFilterHeader(bytes: Uint8Array, start: number): { header: BloomFilterHeaderMeta; headerBytes: number } {
  const r = new CompactReader(bytes, start);
  let numBytes: number | undefined;
  const kinds = new Map<number, number>();
  r.struct((h) => {
    if (h.id === 1) numBytes = i32Of(r, h);
    else if (h.id >= 2 && h.id <= 4) {
      r.expect(h, CompactType.Struct);
      r.struct((u) => {
        kinds.set(h.id, u.id);
        return false;
      });
    } else return false;
    return true;
  });
  const supported = kinds.get(2) === 1 && kinds.get(3) === 1 && kinds.get(4) === 1;
  return { header: { numBytes: required(r, numBytes, 'BloomFilterHeader.numBytes'), supported }, headerBytes: r.pos - start };
}

/**
 * Serialises Parquet metadata structs (footer, page headers, page indexes, bloom filter
 * headers) with the Thrift compact protocol. Field ids follow parquet.thrift.
 */
import { CompactType, CompactWriter } from './compact-writer.ts';
import type {
  ColumnChunkMeta,
  ColumnIndexMeta,
  ColumnMeta,
  FileMetadata,
  LogicalTypeMeta,
  OffsetIndexMeta,
  PageHeaderMeta,
  RowGroupMeta,
  SchemaElementMeta,
  StatisticsMeta,
} from './parquet-metadata.ts';

/** The FileMetaData footer (without length and magic). */
export function encodeFileMetadata(meta: FileMetadata): Uint8Array {
  const w = new CompactWriter(4096);
  w.beginStruct();
  w.i32Field(1, meta.version);
  w.listField(2, CompactType.Struct, meta.schema.length);
  for (const e of meta.schema) writeSchemaElement(w, e);
  w.i64Field(3, meta.numRows);
  w.listField(4, CompactType.Struct, meta.rowGroups.length);
  for (const rg of meta.rowGroups) writeRowGroup(w, rg);
  if (meta.keyValues.length > 0) {
    w.listField(5, CompactType.Struct, meta.keyValues.length);
    for (const kv of meta.keyValues) {
      w.beginStruct();
      w.stringField(1, kv.key);
      if (kv.value !== undefined) w.stringField(2, kv.value);
      w.endStruct();
    }
  }
  if (meta.createdBy !== undefined) w.stringField(6, meta.createdBy);
  // column_orders: TYPE_ORDER for every leaf, so readers trust min_value/max_value of strings.
  const leaves = meta.schema.length - 1;
  w.listField(7, CompactType.Struct, leaves);
  for (let i = 0; i < leaves; i++) {
    w.beginStruct();
    w.beginStruct(1);
    w.endStruct();
    w.endStruct();
  }
  w.endStruct();
  return w.bytes().slice();
}

function writeLogicalType(w: CompactWriter, t: LogicalTypeMeta): void {
  w.beginStruct(10);
  switch (t.kind) {
    case 'string':
      w.beginStruct(1);
      w.endStruct();
      break;
    case 'json':
      w.beginStruct(12);
      w.endStruct();
      break;
    case 'timestamp':
      w.beginStruct(8);
      w.boolField(1, t.isAdjustedToUTC);
      w.beginStruct(2);
      w.beginStruct(t.unit === 'MILLIS' ? 1 : t.unit === 'MICROS' ? 2 : 3);
      w.endStruct();
      w.endStruct();
      w.endStruct();
      break;
    case 'other':
      w.beginStruct(t.id);
      w.endStruct();
      break;
  }
  w.endStruct();
}

function writeSchemaElement(w: CompactWriter, e: SchemaElementMeta): void {
  w.beginStruct();
  if (e.type !== undefined) w.i32Field(1, e.type);
  if (e.repetition !== undefined) w.i32Field(3, e.repetition);
  w.stringField(4, e.name);
  if (e.numChildren !== undefined) w.i32Field(5, e.numChildren);
  if (e.convertedType !== undefined) w.i32Field(6, e.convertedType);
  if (e.logicalType !== undefined) writeLogicalType(w, e.logicalType);
  w.endStruct();
}

function writeRowGroup(w: CompactWriter, rg: RowGroupMeta): void {
  w.beginStruct();
  w.listField(1, CompactType.Struct, rg.columns.length);
  for (const c of rg.columns) writeColumnChunk(w, c);
  w.i64Field(2, rg.totalByteSize);
  w.i64Field(3, rg.numRows);
  if (rg.fileOffset !== undefined) w.i64Field(5, rg.fileOffset);
  if (rg.totalCompressedSize !== undefined) w.i64Field(6, rg.totalCompressedSize);
  if (rg.ordinal !== undefined) {
    w.field(7, CompactType.I16);
    w.zigzag(rg.ordinal);
  }
  w.endStruct();
}

function writeColumnChunk(w: CompactWriter, c: ColumnChunkMeta): void {
  w.beginStruct();
  w.i64Field(2, c.fileOffset);
  writeColumnMeta(w, c.meta);
  if (c.offsetIndexOffset !== undefined && c.offsetIndexLength !== undefined) {
    w.i64Field(4, c.offsetIndexOffset);
    w.i32Field(5, c.offsetIndexLength);
  }
  if (c.columnIndexOffset !== undefined && c.columnIndexLength !== undefined) {
    w.i64Field(6, c.columnIndexOffset);
    w.i32Field(7, c.columnIndexLength);
  }
  w.endStruct();
}

function writeColumnMeta(w: CompactWriter, m: ColumnMeta): void {
  w.beginStruct(3);
  w.i32Field(1, m.type);
  w.listField(2, CompactType.I32, m.encodings.length);
  for (const e of m.encodings) w.zigzag(e);
  w.listField(3, CompactType.Binary, m.path.length);
  const enc = new TextEncoder();
  for (const p of m.path) w.binaryElement(enc.encode(p));
  w.i32Field(4, m.codec);
  w.i64Field(5, m.numValues);
  w.i64Field(6, m.totalUncompressedSize);
  w.i64Field(7, m.totalCompressedSize);
  w.i64Field(9, m.dataPageOffset);
  if (m.dictionaryPageOffset !== undefined) w.i64Field(11, m.dictionaryPageOffset);
  if (m.statistics !== undefined) writeStatistics(w, 12, m.statistics);
  if (m.bloomFilterOffset !== undefined) w.i64Field(14, m.bloomFilterOffset);
  if (m.bloomFilterLength !== undefined) w.i32Field(15, m.bloomFilterLength);
  w.endStruct();
}

function writeStatistics(w: CompactWriter, id: number, s: StatisticsMeta): void {
  w.beginStruct(id);
  if (s.nullCount !== undefined) w.i64Field(3, s.nullCount);
  if (s.maxValue !== undefined && s.minValue !== undefined) {
    w.binaryField(5, s.maxValue);
    w.binaryField(6, s.minValue);
  }
  w.endStruct();
}

/** A page header; its serialised size counts toward the page's offset-index size. */
export function encodePageHeader(h: PageHeaderMeta): Uint8Array {
  const w = new CompactWriter(64);
  w.beginStruct();
  w.i32Field(1, h.type);
  w.i32Field(2, h.uncompressedPageSize);
  w.i32Field(3, h.compressedPageSize);
  if (h.dataPage !== undefined) {
    w.beginStruct(5);
    w.i32Field(1, h.dataPage.numValues);
    w.i32Field(2, h.dataPage.encoding);
    w.i32Field(3, h.dataPage.definitionLevelEncoding);
    w.i32Field(4, h.dataPage.repetitionLevelEncoding);
    w.endStruct();
  }
  if (h.dictionaryPage !== undefined) {
    w.beginStruct(7);
    w.i32Field(1, h.dictionaryPage.numValues);
    w.i32Field(2, h.dictionaryPage.encoding);
    w.endStruct();
  }
  w.endStruct();
  return w.bytes().slice();
}

/** A ColumnIndex (page-level min/max/null counts). */
export function encodeColumnIndex(ci: ColumnIndexMeta): Uint8Array {
  const w = new CompactWriter(256);
  w.beginStruct();
  w.listField(1, CompactType.True, ci.nullPages.length);
  for (const b of ci.nullPages) w.boolElement(b);
  w.listField(2, CompactType.Binary, ci.minValues.length);
  for (const v of ci.minValues) w.binaryElement(v);
  w.listField(3, CompactType.Binary, ci.maxValues.length);
  for (const v of ci.maxValues) w.binaryElement(v);
  w.i32Field(4, ci.boundaryOrder);
  if (ci.nullCounts !== undefined) {
    w.listField(5, CompactType.I64, ci.nullCounts.length);
    for (const n of ci.nullCounts) w.zigzag(n);
  }
  w.endStruct();
  return w.bytes().slice();
}

/** An OffsetIndex (page locations). */
export function encodeOffsetIndex(oi: OffsetIndexMeta): Uint8Array {
  const w = new CompactWriter(256);
  w.beginStruct();
  w.listField(1, CompactType.Struct, oi.pageLocations.length);
  for (const p of oi.pageLocations) {
    w.beginStruct();
    w.i64Field(1, p.offset);
    w.i32Field(2, p.compressedPageSize);
    w.i64Field(3, p.firstRowIndex);
    w.endStruct();
  }
  w.endStruct();
  return w.bytes().slice();
}

/** A BloomFilterHeader for a split-block filter of `numBytes` (BLOCK, XXHASH, UNCOMPRESSED). */
export function encodeBloomFilterHeader(numBytes: number): Uint8Array {
  const w = new CompactWriter(32);
  w.beginStruct();
  w.i32Field(1, numBytes);
  for (const id of [2, 3, 4]) {
    w.beginStruct(id);
    w.beginStruct(1);
    w.endStruct();
    w.endStruct();
  }
  w.endStruct();
  return w.bytes().slice();
}

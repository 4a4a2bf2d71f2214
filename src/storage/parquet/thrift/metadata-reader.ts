/**
 * Parses the Parquet footer (FileMetaData) from Thrift compact bytes into the plain model
 * of parquet-metadata.ts. Checks required fields and types; unknown fields are skipped.
 * Throws PartCorruptError on anything malformed. Page-level structs: page-metadata-reader.ts.
 */
import { CompactType } from './compact-writer.ts';
import { CompactReader, type Mutable } from './compact-reader.ts';
import type { ColumnChunkMeta, ColumnMeta, FileMetadata, KeyValueMeta, LogicalTypeMeta, RowGroupMeta, SchemaElementMeta, StatisticsMeta } from './parquet-metadata.ts';

/** Parses the FileMetaData footer bytes. */
export function decodeFileMetadata(bytes: Uint8Array): FileMetadata {
  const r = new CompactReader(bytes);
  const m: Partial<Mutable<FileMetadata>> = { keyValues: [] };
  r.struct((h) => {
    switch (h.id) {
      case 1:
        m.version = r.i32Of(h);
        return true;
      case 2:
        m.schema = r.listOf(h, CompactType.Struct, () => readSchemaElement(r));
        return true;
      case 3:
        m.numRows = r.i64Of(h);
        return true;
      case 4:
        m.rowGroups = r.listOf(h, CompactType.Struct, () => readRowGroup(r));
        return true;
      case 5:
        m.keyValues = r.listOf(h, CompactType.Struct, () => readKeyValue(r));
        return true;
      case 6:
        m.createdBy = r.stringOf(h);
        return true;
      default:
        return false;
    }
  });
  return {
    version: r.required(m.version, 'FileMetaData.version'),
    schema: r.required(m.schema, 'FileMetaData.schema'),
    numRows: r.required(m.numRows, 'FileMetaData.num_rows'),
    rowGroups: r.required(m.rowGroups, 'FileMetaData.row_groups'),
    keyValues: m.keyValues ?? [],
    createdBy: m.createdBy,
  };
}

function readKeyValue(r: CompactReader): KeyValueMeta {
  let key: string | undefined;
  let value: string | undefined;
  r.struct((h) => {
    if (h.id === 1) key = r.stringOf(h);
    else if (h.id === 2) value = r.stringOf(h);
    else return false;
    return true;
  });
  return { key: r.required(key, 'KeyValue.key'), value };
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
      t = { kind: 'timestamp', isAdjustedToUTC: r.required(utc, 'TimestampType.isAdjustedToUTC'), unit: r.required(unit, 'TimestampType.unit') };
    } else {
      r.skipStruct();
      t = { kind: 'other', id: h.id };
    }
    return true;
  });
  return r.required(t, 'LogicalType member');
}

function readSchemaElement(r: CompactReader): SchemaElementMeta {
  const e: Partial<Mutable<SchemaElementMeta>> = {};
  r.struct((h) => {
    switch (h.id) {
      case 1:
        e.type = r.i32Of(h);
        return true;
      case 3:
        e.repetition = r.i32Of(h);
        return true;
      case 4:
        e.name = r.stringOf(h);
        return true;
      case 5:
        e.numChildren = r.i32Of(h);
        return true;
      case 6:
        e.convertedType = r.i32Of(h);
        return true;
      case 10:
        r.expect(h, CompactType.Struct);
        e.logicalType = readLogicalType(r);
        return true;
      default:
        return false;
    }
  });
  return { ...e, name: r.required(e.name, 'SchemaElement.name') };
}

function readRowGroup(r: CompactReader): RowGroupMeta {
  const g: Partial<Mutable<RowGroupMeta>> = {};
  r.struct((h) => {
    switch (h.id) {
      case 1:
        g.columns = r.listOf(h, CompactType.Struct, () => readColumnChunk(r));
        return true;
      case 2:
        g.totalByteSize = r.i64Of(h);
        return true;
      case 3:
        g.numRows = r.i64Of(h);
        return true;
      case 5:
        g.fileOffset = r.i64Of(h);
        return true;
      case 6:
        g.totalCompressedSize = r.i64Of(h);
        return true;
      case 7:
        g.ordinal = r.i32Of(h);
        return true;
      default:
        return false;
    }
  });
  return {
    ...g,
    columns: r.required(g.columns, 'RowGroup.columns'),
    totalByteSize: r.required(g.totalByteSize, 'RowGroup.total_byte_size'),
    numRows: r.required(g.numRows, 'RowGroup.num_rows'),
  };
}

function readColumnChunk(r: CompactReader): ColumnChunkMeta {
  const c: Partial<Mutable<ColumnChunkMeta>> = {};
  r.struct((h) => {
    switch (h.id) {
      case 2:
        c.fileOffset = r.i64Of(h);
        return true;
      case 3:
        r.expect(h, CompactType.Struct);
        c.meta = readColumnMeta(r);
        return true;
      case 4:
        c.offsetIndexOffset = r.i64Of(h);
        return true;
      case 5:
        c.offsetIndexLength = r.i32Of(h);
        return true;
      case 6:
        c.columnIndexOffset = r.i64Of(h);
        return true;
      case 7:
        c.columnIndexLength = r.i32Of(h);
        return true;
      default:
        return false;
    }
  });
  return { ...c, fileOffset: c.fileOffset ?? 0, meta: r.required(c.meta, 'ColumnChunk.meta_data') };
}

function readColumnMeta(r: CompactReader): ColumnMeta {
  const m: Partial<Mutable<ColumnMeta>> = {};
  r.struct((h) => {
    switch (h.id) {
      case 1:
        m.type = r.i32Of(h);
        return true;
      case 2:
        m.encodings = r.listOf(h, CompactType.I32, () => r.i32());
        return true;
      case 3:
        m.path = r.listOf(h, CompactType.Binary, () => r.string());
        return true;
      case 4:
        m.codec = r.i32Of(h);
        return true;
      case 5:
        m.numValues = r.i64Of(h);
        return true;
      case 6:
        m.totalUncompressedSize = r.i64Of(h);
        return true;
      case 7:
        m.totalCompressedSize = r.i64Of(h);
        return true;
      case 9:
        m.dataPageOffset = r.i64Of(h);
        return true;
      case 11:
        m.dictionaryPageOffset = r.i64Of(h);
        return true;
      case 12:
        r.expect(h, CompactType.Struct);
        m.statistics = readStatistics(r);
        return true;
      case 14:
        m.bloomFilterOffset = r.i64Of(h);
        return true;
      case 15:
        m.bloomFilterLength = r.i32Of(h);
        return true;
      default:
        return false;
    }
  });
  return {
    ...m,
    type: r.required(m.type, 'ColumnMetaData.type'),
    encodings: r.required(m.encodings, 'ColumnMetaData.encodings'),
    path: r.required(m.path, 'ColumnMetaData.path_in_schema'),
    codec: r.required(m.codec, 'ColumnMetaData.codec'),
    numValues: r.required(m.numValues, 'ColumnMetaData.num_values'),
    totalUncompressedSize: r.required(m.totalUncompressedSize, 'ColumnMetaData.total_uncompressed_size'),
    totalCompressedSize: r.required(m.totalCompressedSize, 'ColumnMetaData.total_compressed_size'),
    dataPageOffset: r.required(m.dataPageOffset, 'ColumnMetaData.data_page_offset'),
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
        max = r.binaryOf(h);
        return true;
      case 2:
        min = r.binaryOf(h);
        return true;
      case 3:
        nullCount = r.i64Of(h);
        return true;
      case 5:
        maxValue = r.binaryOf(h);
        return true;
      case 6:
        minValue = r.binaryOf(h);
        return true;
      default:
        return false;
    }
  });
  // The deprecated min/max use signed byte order for strings; only trust min_value/max_value then.
  if (minValue !== undefined && maxValue !== undefined) return { nullCount, minValue, maxValue };
  return { nullCount, minValue: min, maxValue: max, deprecatedOrder: true };
}

/**
 * Parses the page-level Parquet structs from Thrift compact bytes: page headers (V1, V2,
 * dictionary), ColumnIndex, OffsetIndex and BloomFilterHeader. Throws PartCorruptError on
 * anything malformed.
 */
import { CompactType } from './compact-writer.ts';
import { CompactReader, type Mutable } from './compact-reader.ts';
import type {
  BloomFilterHeaderMeta,
  ColumnIndexMeta,
  DataPageHeaderMeta,
  DataPageHeaderV2Meta,
  DictionaryPageHeaderMeta,
  OffsetIndexMeta,
  PageHeaderMeta,
  PageLocationMeta,
} from './parquet-metadata.ts';

/** Parses a page header starting at `start`; returns it and its serialised length. */
export function decodePageHeader(bytes: Uint8Array, start: number, end: number): { header: PageHeaderMeta; headerBytes: number } {
  const r = new CompactReader(bytes, start, end);
  const p: Partial<Mutable<PageHeaderMeta>> = {};
  r.struct((h) => {
    switch (h.id) {
      case 1:
        p.type = r.i32Of(h);
        return true;
      case 2:
        p.uncompressedPageSize = r.i32Of(h);
        return true;
      case 3:
        p.compressedPageSize = r.i32Of(h);
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
    type: r.required(p.type, 'PageHeader.type'),
    uncompressedPageSize: r.required(p.uncompressedPageSize, 'PageHeader.uncompressed_page_size'),
    compressedPageSize: r.required(p.compressedPageSize, 'PageHeader.compressed_page_size'),
  };
  if (header.uncompressedPageSize < 0 || header.compressedPageSize < 0) r.fail('negative page size');
  return { header, headerBytes: r.pos - start };
}

function readDataPageHeader(r: CompactReader): DataPageHeaderMeta {
  const d: Partial<Mutable<DataPageHeaderMeta>> = {};
  r.struct((h) => {
    if (h.id === 1) d.numValues = r.i32Of(h);
    else if (h.id === 2) d.encoding = r.i32Of(h);
    else if (h.id === 3) d.definitionLevelEncoding = r.i32Of(h);
    else if (h.id === 4) d.repetitionLevelEncoding = r.i32Of(h);
    else return false;
    return true;
  });
  return {
    numValues: r.required(d.numValues, 'DataPageHeader.num_values'),
    encoding: r.required(d.encoding, 'DataPageHeader.encoding'),
    definitionLevelEncoding: d.definitionLevelEncoding ?? 3,
    repetitionLevelEncoding: d.repetitionLevelEncoding ?? 3,
  };
}

function readDataPageHeaderV2(r: CompactReader): DataPageHeaderV2Meta {
  const d: Partial<Mutable<DataPageHeaderV2Meta>> = { isCompressed: true };
  r.struct((h) => {
    if (h.id === 1) d.numValues = r.i32Of(h);
    else if (h.id === 2) d.numNulls = r.i32Of(h);
    else if (h.id === 3) d.numRows = r.i32Of(h);
    else if (h.id === 4) d.encoding = r.i32Of(h);
    else if (h.id === 5) d.definitionLevelsByteLength = r.i32Of(h);
    else if (h.id === 6) d.repetitionLevelsByteLength = r.i32Of(h);
    else if (h.id === 7) d.isCompressed = r.boolOf(h);
    else return false;
    return true;
  });
  return {
    numValues: r.required(d.numValues, 'DataPageHeaderV2.num_values'),
    numNulls: r.required(d.numNulls, 'DataPageHeaderV2.num_nulls'),
    numRows: r.required(d.numRows, 'DataPageHeaderV2.num_rows'),
    encoding: r.required(d.encoding, 'DataPageHeaderV2.encoding'),
    definitionLevelsByteLength: r.required(d.definitionLevelsByteLength, 'DataPageHeaderV2.definition_levels_byte_length'),
    repetitionLevelsByteLength: r.required(d.repetitionLevelsByteLength, 'DataPageHeaderV2.repetition_levels_byte_length'),
    isCompressed: d.isCompressed ?? true,
  };
}

function readDictionaryPageHeader(r: CompactReader): DictionaryPageHeaderMeta {
  let numValues: number | undefined;
  let encoding: number | undefined;
  r.struct((h) => {
    if (h.id === 1) numValues = r.i32Of(h);
    else if (h.id === 2) encoding = r.i32Of(h);
    else return false;
    return true;
  });
  return { numValues: r.required(numValues, 'DictionaryPageHeader.num_values'), encoding: r.required(encoding, 'DictionaryPageHeader.encoding') };
}

/** Parses a ColumnIndex. */
export function decodeColumnIndex(bytes: Uint8Array): ColumnIndexMeta {
  const r = new CompactReader(bytes);
  const c: Partial<Mutable<ColumnIndexMeta>> = {};
  r.struct((h) => {
    switch (h.id) {
      case 1:
        c.nullPages = r.listOf(h, CompactType.True, () => r.boolElement());
        return true;
      case 2:
        c.minValues = r.listOf(h, CompactType.Binary, () => r.binary());
        return true;
      case 3:
        c.maxValues = r.listOf(h, CompactType.Binary, () => r.binary());
        return true;
      case 4:
        c.boundaryOrder = r.i32Of(h);
        return true;
      case 5:
        c.nullCounts = r.listOf(h, CompactType.I64, () => r.i64());
        return true;
      default:
        return false;
    }
  });
  const ci: ColumnIndexMeta = {
    nullPages: r.required(c.nullPages, 'ColumnIndex.null_pages'),
    minValues: r.required(c.minValues, 'ColumnIndex.min_values'),
    maxValues: r.required(c.maxValues, 'ColumnIndex.max_values'),
    boundaryOrder: r.required(c.boundaryOrder, 'ColumnIndex.boundary_order'),
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
    pageLocations = r.listOf(h, CompactType.Struct, () => {
      const p: Partial<Mutable<PageLocationMeta>> = {};
      r.struct((f) => {
        if (f.id === 1) p.offset = r.i64Of(f);
        else if (f.id === 2) p.compressedPageSize = r.i32Of(f);
        else if (f.id === 3) p.firstRowIndex = r.i64Of(f);
        else return false;
        return true;
      });
      return {
        offset: r.required(p.offset, 'PageLocation.offset'),
        compressedPageSize: r.required(p.compressedPageSize, 'PageLocation.compressed_page_size'),
        firstRowIndex: r.required(p.firstRowIndex, 'PageLocation.first_row_index'),
      };
    });
    return true;
  });
  return { pageLocations: r.required(pageLocations, 'OffsetIndex.page_locations') };
}

/** Parses a BloomFilterHeader at `start`; returns it and its serialised length. */
export function decodeBloomFilterHeader(bytes: Uint8Array, start: number): { header: BloomFilterHeaderMeta; headerBytes: number } {
  const r = new CompactReader(bytes, start);
  let numBytes: number | undefined;
  const kinds = new Map<number, number>();
  r.struct((h) => {
    if (h.id === 1) numBytes = r.i32Of(h);
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
  return { header: { numBytes: r.required(numBytes, 'BloomFilterHeader.numBytes'), supported }, headerBytes: r.pos - start };
}

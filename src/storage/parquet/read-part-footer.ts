/**
 * Reads and validates the footer of a part: magic bytes, footer length, Thrift metadata,
 * Pharlux key/values, that the Parquet schema is exactly the table's, that every chunk and
 * index lies inside the file, and the page indexes (one read of the index region). Every
 * failure is a PartCorruptError naming the problem.
 */
import { TABLE_NAMES, TABLE_SCHEMAS, TABLE_SCHEMA_VERSION, type DataType, type TableName } from '../../columnar/index.ts';
import type { ByteSource } from './byte-source.ts';
import { decodeStatValue } from './encoding/index.ts';
import { PartCorruptError } from './part-corrupt-error.ts';
import type { ChunkIndexes, ColumnStats, PartFooter, RowGroupFooter } from './part-footer.ts';
import { parquetElementFor } from './parquet-schema.ts';
import { decodeColumnIndex, decodeFileMetadata, decodeOffsetIndex, type ColumnChunkMeta, type FileMetadata, type SchemaElementMeta, type StatisticsMeta } from './thrift/index.ts';

const MAGIC = 0x31524150; // "PAR1" little-endian
const MAX_FOOTER_BYTES = 64 << 20;
/** Far above what Pharlux writes (128 Ki rows); bounds the arrays a scan allocates. */
const MAX_ROW_GROUP_ROWS = 1 << 26;

/** Parses and validates the footer of a part; throws PartCorruptError on a bad file. */
export function readPartFooter(source: ByteSource): PartFooter {
  try {
    return readFooter(source);
  } catch (err) {
    if (err instanceof PartCorruptError) throw err;
    throw new PartCorruptError(`part footer is unreadable: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

function readFooter(source: ByteSource): PartFooter {
  const size = source.byteLength;
  if (size < 12) throw new PartCorruptError(`part is ${size} bytes, too short for a Parquet file`);
  const head = source.read(0, 4);
  if (new DataView(head.buffer, head.byteOffset, 4).getUint32(0, true) !== MAGIC) throw new PartCorruptError('part does not start with the Parquet magic PAR1');
  const tail = source.read(size - 8, 8);
  const view = new DataView(tail.buffer, tail.byteOffset, 8);
  if (view.getUint32(4, true) !== MAGIC) throw new PartCorruptError('part does not end with the Parquet magic PAR1');
  const footerLength = view.getUint32(0, true);
  if (footerLength + 12 > size || footerLength > MAX_FOOTER_BYTES) throw new PartCorruptError(`footer length ${footerLength} does not fit the ${size}-byte part`);
  const footerStart = size - 8 - footerLength;
  const footerBytes = source.read(footerStart, footerLength + 8).slice();
  const file = decodeFileMetadata(footerBytes.subarray(0, footerLength));
  return toPartFooter(source, file, footerBytes, footerStart);
}

function toPartFooter(source: ByteSource, file: FileMetadata, footerBytes: Uint8Array, dataEnd: number): PartFooter {
  const kv = new Map(file.keyValues.map((e) => [e.key, e.value]));
  const table = kv.get('pharlux.table');
  if (table === undefined || !(TABLE_NAMES as readonly string[]).includes(table)) {
    throw new PartCorruptError(`part footer has no valid pharlux.table (got ${JSON.stringify(table)})`);
  }
  const tableName = table as TableName;
  const version = kv.get('pharlux.schema_version');
  if (version !== String(TABLE_SCHEMA_VERSION)) {
    throw new PartCorruptError(`part has schema version ${JSON.stringify(version)}, this build reads ${TABLE_SCHEMA_VERSION}`);
  }
  const schema = TABLE_SCHEMAS[tableName];
  checkSchema(tableName, file.schema);
  const fields = schema.fields;
  const rowGroups: RowGroupFooter[] = [];
  let firstRow = 0;
  const tsIndex = fields.findIndex((f) => f.name === 'timestamp');
  let minTs: bigint | null = null;
  let maxTs: bigint | null = null;
  for (const rg of file.rowGroups) {
    if (rg.columns.length !== fields.length) throw new PartCorruptError(`row group has ${rg.columns.length} columns, expected ${fields.length}`);
    if (!Number.isSafeInteger(rg.numRows) || rg.numRows < 0 || rg.numRows > MAX_ROW_GROUP_ROWS) throw new PartCorruptError(`row group has ${rg.numRows} rows`);
    let compressedBytes = 0;
    rg.columns.forEach((c, i) => {
      checkChunk(c, fields[i].name, rg.numRows, dataEnd);
      compressedBytes += c.meta.totalCompressedSize;
    });
    const columns = rg.columns.map((c, i) => statsOf(c.meta.statistics, fields[i].type, rg.numRows));
    rowGroups.push({ rowCount: rg.numRows, firstRow, compressedBytes, columns });
    firstRow += rg.numRows;
    const ts = columns[tsIndex];
    if (typeof ts.min === 'bigint' && (minTs === null || ts.min < minTs)) minTs = ts.min;
    if (typeof ts.max === 'bigint' && (maxTs === null || ts.max > maxTs)) maxTs = ts.max;
  }
  if (file.numRows !== firstRow) throw new PartCorruptError(`footer says ${file.numRows} rows but row groups hold ${firstRow}`);
  const indexes = readIndexes(source, file, dataEnd);
  return {
    table: tableName,
    schemaVersion: TABLE_SCHEMA_VERSION,
    schema,
    rowCount: firstRow,
    minTimestampNs: minTs,
    maxTimestampNs: maxTs,
    rowGroups,
    fileBytes: source.byteLength,
    physical: { file, footerBytes, indexes },
  };
}

function checkSchema(table: TableName, elements: readonly SchemaElementMeta[]): void {
  const fields = TABLE_SCHEMAS[table].fields;
  if (elements.length !== fields.length + 1 || elements[0].numChildren !== fields.length) {
    throw new PartCorruptError(`part schema has ${elements.length - 1} columns, ${table} has ${fields.length}`);
  }
  fields.forEach((f, i) => {
    const e = elements[i + 1];
    const want = parquetElementFor(f);
    if (e.name !== f.name || e.type !== want.type || e.repetition !== want.repetition || e.numChildren !== undefined) {
      throw new PartCorruptError(`part column ${i} (${e.name}) does not match ${table}.${f.name}`);
    }
    if (f.type === 'timestamp' && (e.logicalType?.kind !== 'timestamp' || e.logicalType.unit !== 'NANOS')) {
      throw new PartCorruptError(`part column ${f.name} is not TIMESTAMP(NANOS)`);
    }
  });
}

function checkChunk(c: ColumnChunkMeta, name: string, rows: number, dataEnd: number): void {
  const m = c.meta;
  if (m.path.length !== 1 || m.path[0] !== name) throw new PartCorruptError(`column chunk path ${m.path.join('.')} should be ${name}`);
  if (m.numValues !== rows) throw new PartCorruptError(`column ${name} has ${m.numValues} values in a ${rows}-row group`);
  const start = m.dictionaryPageOffset !== undefined && m.dictionaryPageOffset > 0 && m.dictionaryPageOffset < m.dataPageOffset ? m.dictionaryPageOffset : m.dataPageOffset;
  if (!(start >= 4 && m.totalCompressedSize >= 0 && start + m.totalCompressedSize <= dataEnd)) {
    throw new PartCorruptError(`column ${name} chunk [${start}, +${m.totalCompressedSize}) lies outside the data`);
  }
}

function statsOf(stats: StatisticsMeta | undefined, type: DataType, rows: number): ColumnStats {
  const nullCount = stats?.nullCount ?? null;
  if (nullCount !== null && (nullCount < 0 || nullCount > rows)) throw new PartCorruptError(`null count ${nullCount} in a ${rows}-row group`);
  const usable = stats !== undefined && !(stats.deprecatedOrder === true && (type === 'string' || type === 'json'));
  if (!usable || nullCount === rows || stats.minValue === undefined || stats.maxValue === undefined) return { nullCount, min: null, max: null };
  return { nullCount, min: decodeStatValue(stats.minValue, type), max: decodeStatValue(stats.maxValue, type) };
}

/** Reads the region holding every column and offset index in one read, then parses them. */
function readIndexes(source: ByteSource, file: FileMetadata, dataEnd: number): ChunkIndexes[][] {
  let lo = Infinity;
  let hi = 0;
  for (const rg of file.rowGroups) {
    for (const c of rg.columns) {
      for (const [off, len] of [
        [c.offsetIndexOffset, c.offsetIndexLength],
        [c.columnIndexOffset, c.columnIndexLength],
      ]) {
        if (off === undefined || len === undefined) continue;
        if (!(off >= 4 && len >= 0 && off + len <= dataEnd)) throw new PartCorruptError(`page index at [${off}, +${len}) lies outside the data`);
        lo = Math.min(lo, off);
        hi = Math.max(hi, off + len);
      }
    }
  }
  const region = hi > lo ? source.read(lo, hi - lo) : new Uint8Array(0);
  return file.rowGroups.map((rg) =>
    rg.columns.map((c) => {
      const offsetIndex =
        c.offsetIndexOffset !== undefined && c.offsetIndexLength !== undefined
          ? decodeOffsetIndex(region.subarray(c.offsetIndexOffset - lo, c.offsetIndexOffset - lo + c.offsetIndexLength))
          : null;
      const columnIndex =
        c.columnIndexOffset !== undefined && c.columnIndexLength !== undefined
          ? decodeColumnIndex(region.subarray(c.columnIndexOffset - lo, c.columnIndexOffset - lo + c.columnIndexLength))
          : null;
      if (offsetIndex !== null) checkOffsetIndex(offsetIndex.pageLocations, c, rg.numRows);
      if (columnIndex !== null && offsetIndex !== null && columnIndex.nullPages.length !== offsetIndex.pageLocations.length) {
        throw new PartCorruptError(`column index of ${c.meta.path.join('.')} has ${columnIndex.nullPages.length} pages, offset index ${offsetIndex.pageLocations.length}`);
      }
      return { offsetIndex, columnIndex: offsetIndex === null ? null : columnIndex };
    }),
  );
}

function checkOffsetIndex(pages: readonly { offset: number; compressedPageSize: number; firstRowIndex: number }[], c: ColumnChunkMeta, rows: number): void {
  const m = c.meta;
  const start = m.dictionaryPageOffset !== undefined && m.dictionaryPageOffset > 0 && m.dictionaryPageOffset < m.dataPageOffset ? m.dictionaryPageOffset : m.dataPageOffset;
  const end = start + m.totalCompressedSize;
  let prevRow = -1;
  for (let i = 0; i < pages.length; i++) {
    const p = pages[i];
    if (i === 0 ? p.firstRowIndex !== 0 : p.firstRowIndex <= prevRow) throw new PartCorruptError(`offset index rows of ${m.path.join('.')} are not increasing`);
    if (p.firstRowIndex >= rows && rows > 0) throw new PartCorruptError(`offset index row ${p.firstRowIndex} beyond the ${rows}-row group`);
    if (p.offset < start || p.compressedPageSize <= 0 || p.offset + p.compressedPageSize > end) throw new PartCorruptError(`offset index page of ${m.path.join('.')} lies outside its chunk`);
    prevRow = p.firstRowIndex;
  }
}

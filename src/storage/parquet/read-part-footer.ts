/**
 * Reads and validates the footer of a part: magic bytes, footer length, Thrift
 * metadata, Pharlux key/values, and that the Parquet schema is exactly the table's.
 * Every failure is a PartCorruptError naming the problem.
 */
import { parquetMetadata, type FileMetaData, type SchemaElement, type Statistics } from 'hyparquet';
import { TABLE_NAMES, TABLE_SCHEMAS, TABLE_SCHEMA_VERSION, type DataType, type ScalarValue, type TableName } from '../../columnar/index.ts';
import type { ByteSource } from './byte-source.ts';
import { PartCorruptError } from './part-corrupt-error.ts';
import type { ColumnStats, PartFooter, RowGroupFooter } from './part-footer.ts';
import { parquetElementFor } from './parquet-schema.ts';

const MAGIC = 0x31524150; // "PAR1" little-endian

const textDecoder = new TextDecoder();
const parsers = {
  timestampFromNanoseconds: (ns: bigint): bigint => ns,
  jsonFromBytes: (bytes: Uint8Array): string | undefined => (bytes === undefined ? undefined : textDecoder.decode(bytes)),
};

/** Parses and validates the footer of a part; throws PartCorruptError on a bad file. */
export function readPartFooter(source: ByteSource): PartFooter {
  const size = source.byteLength;
  if (size < 12) throw new PartCorruptError(`part is ${size} bytes, too short for a Parquet file`);
  const tail = source.read(size - 8, 8);
  const view = new DataView(tail.buffer, tail.byteOffset, 8);
  if (view.getUint32(4, true) !== MAGIC) throw new PartCorruptError('part does not end with the Parquet magic PAR1');
  const head = source.read(0, 4);
  if (new DataView(head.buffer, head.byteOffset, 4).getUint32(0, true) !== MAGIC) {
    throw new PartCorruptError('part does not start with the Parquet magic PAR1');
  }
  const footerLength = view.getUint32(0, true);
  if (footerLength + 12 > size) throw new PartCorruptError(`footer length ${footerLength} exceeds the ${size}-byte part`);
  const footerBytes = source.read(size - 8 - footerLength, footerLength + 8);
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(footerBytes, { parsers, geoparquet: false });
  } catch (err) {
    throw new PartCorruptError(`part footer does not parse: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  return footerFromMetadata(metadata, size);
}

function footerFromMetadata(metadata: FileMetaData, fileBytes: number): PartFooter {
  const kv = new Map((metadata.key_value_metadata ?? []).map((e) => [e.key, e.value]));
  const table = kv.get('pharlux.table');
  if (table === undefined || !(TABLE_NAMES as readonly string[]).includes(table)) {
    throw new PartCorruptError(`part footer has no valid pharlux.table (got ${JSON.stringify(table)})`);
  }
  const tableName = table as TableName;
  const schemaVersion = Number(kv.get('pharlux.schema_version'));
  if (schemaVersion !== TABLE_SCHEMA_VERSION) {
    throw new PartCorruptError(`part has schema version ${kv.get('pharlux.schema_version')}, this build reads ${TABLE_SCHEMA_VERSION}`);
  }
  const schema = TABLE_SCHEMAS[tableName];
  checkSchema(tableName, metadata.schema);
  const rowGroups: RowGroupFooter[] = [];
  let firstRow = 0;
  const tsIndex = schema.fields.findIndex((f) => f.name === 'timestamp');
  let minTs: bigint | null = null;
  let maxTs: bigint | null = null;
  for (const rg of metadata.row_groups) {
    if (rg.columns.length !== schema.fields.length) throw new PartCorruptError(`row group has ${rg.columns.length} columns, expected ${schema.fields.length}`);
    const rowCount = Number(rg.num_rows);
    const columns = rg.columns.map((c, i) => statsFrom(c.meta_data?.statistics, schema.fields[i].type, rowCount));
    let compressedBytes = 0;
    for (const c of rg.columns) compressedBytes += Number(c.meta_data?.total_compressed_size ?? 0n);
    rowGroups.push({ rowCount, firstRow, compressedBytes, columns });
    firstRow += rowCount;
    const ts = columns[tsIndex];
    if (typeof ts.min === 'bigint' && (minTs === null || ts.min < minTs)) minTs = ts.min;
    if (typeof ts.max === 'bigint' && (maxTs === null || ts.max > maxTs)) maxTs = ts.max;
  }
  const rowCount = Number(metadata.num_rows);
  if (rowCount !== firstRow) throw new PartCorruptError(`footer says ${rowCount} rows but row groups hold ${firstRow}`);
  return { table: tableName, schemaVersion, schema, rowCount, minTimestampNs: minTs, maxTimestampNs: maxTs, rowGroups, fileBytes, metadata };
}

function checkSchema(table: TableName, elements: readonly SchemaElement[]): void {
  const fields = TABLE_SCHEMAS[table].fields;
  if (elements.length !== fields.length + 1) throw new PartCorruptError(`part schema has ${elements.length - 1} columns, ${table} has ${fields.length}`);
  fields.forEach((f, i) => {
    const e = elements[i + 1];
    const want = parquetElementFor(f);
    if (e.name !== f.name || e.type !== want.type || e.repetition_type !== want.repetition_type) {
      throw new PartCorruptError(`part column ${i} is ${e.name} ${e.type} ${e.repetition_type}, ${table} needs ${f.name} ${want.type} ${want.repetition_type}`);
    }
  });
}

function statsFrom(stats: Statistics | undefined, type: DataType, rowCount: number): ColumnStats {
  const nullCount = stats?.null_count === undefined ? null : Number(stats.null_count);
  const allNull = nullCount === rowCount;
  const min = allNull ? null : scalarFrom(stats?.min_value ?? stats?.min, type);
  const max = allNull ? null : scalarFrom(stats?.max_value ?? stats?.max, type);
  return { nullCount, min, max };
}

function scalarFrom(v: unknown, type: DataType): ScalarValue {
  if (v === undefined || v === null) return null;
  switch (type) {
    case 'timestamp':
      return typeof v === 'bigint' ? v : null;
    case 'int64':
      return typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : null;
    case 'float64':
      return typeof v === 'number' ? v : null;
    case 'boolean':
      return typeof v === 'boolean' ? v : null;
    case 'string':
    case 'json':
      return typeof v === 'string' ? v : null;
  }
}

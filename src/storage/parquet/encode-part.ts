/**
 * Encodes the rows of one part: combine the input batches, sort them by the table's
 * sort keys, and write one Parquet file. First version: hyparquet-writer does the
 * Parquet work; the input shape and output bytes are the contract.
 */
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { ColumnSource } from 'hyparquet-writer/src/types.js';
type WriterSchema = ConstructorParameters<typeof ParquetWriter>[0]['schema'];
import {
  TABLE_BLOOM_COLUMNS,
  TABLE_INDEXED_COLUMNS,
  TABLE_SCHEMAS,
  TABLE_SCHEMA_VERSION,
  TABLE_SORT_KEYS,
  joinNs,
  takeBatch,
  type Batch,
  type TableName,
  type Vector,
} from '../../columnar/index.ts';
import { combineBatches } from './combine-batches.ts';
import { codecOf, compressPage, CODEC_SNAPPY, CODEC_UNCOMPRESSED, CODEC_ZSTD, type PartCompression } from './page-codec.ts';
import { parquetSchemaFor } from './parquet-schema.ts';
import { sortPermutation } from './sort-permutation.ts';

/** How a part is written (SPEC §3 storage.parquet_*). */
export interface PartWriteOptions {
  compression: PartCompression;
  zstdLevel: number;
  /** Rows per row group (default 131072). */
  rowGroupRows?: number;
  /** Rows per page on indexed columns (default 8192). */
  pageRows?: number;
}

const DEFAULT_ROW_GROUP_ROWS = 128 * 1024;

/**
 * Sorts the rows by TABLE_SORT_KEYS[table] and encodes one Parquet file (bytes). Pure CPU:
 * must run inside a worker thread. Input batches have the full table schema and may each
 * have their own dictionaries.
 */
export function encodePart(table: TableName, batches: readonly Batch[], options: PartWriteOptions): Uint8Array {
  const schema = TABLE_SCHEMAS[table];
  const combined = combineBatches(schema, batches);
  const sorted = takeBatch(combined, sortPermutation(combined, TABLE_SORT_KEYS[table]));
  const parquetSchema = parquetSchemaFor(schema).map((e) =>
    // hyparquet-writer would JSON.stringify json values again; the logical type alone says JSON.
    e.converted_type === 'JSON' ? { ...e, converted_type: undefined } : e,
  ) as WriterSchema;
  const codec = codecOf(options.compression);
  const writer = new ByteWriter();
  const pw = new ParquetWriter({
    writer,
    schema: parquetSchema,
    codec: codec === CODEC_ZSTD ? 'ZSTD' : codec === CODEC_SNAPPY ? 'SNAPPY' : 'UNCOMPRESSED',
    compressors: { ZSTD: (input: Uint8Array) => compressPage(CODEC_ZSTD, input, options.zstdLevel) },
    statistics: true,
    kvMetadata: [
      { key: 'pharlux.schema_version', value: String(TABLE_SCHEMA_VERSION) },
      { key: 'pharlux.table', value: table },
    ],
    createdBy: 'pharlux',
  });
  const indexed = new Set(TABLE_INDEXED_COLUMNS[table]);
  const bloom = new Set(TABLE_BLOOM_COLUMNS[table]);
  const columnData: ColumnSource[] = schema.fields.map((f, i) => ({
    name: f.name,
    data: jsValues(sorted.columns[i]),
    nullable: f.nullable,
    encoding: f.type === 'timestamp' ? 'DELTA_BINARY_PACKED' : undefined,
    columnIndex: indexed.has(f.name),
    bloomFilter: bloom.has(f.name),
  }));
  void CODEC_UNCOMPRESSED;
  pw.write({ columnData, rowGroupSize: options.rowGroupRows ?? DEFAULT_ROW_GROUP_ROWS, pageSize: 64 * 1024 });
  pw.finish();
  return new Uint8Array(writer.getBuffer());
}

function jsValues(v: Vector): (string | number | bigint | boolean | null)[] {
  const out = new Array<string | number | bigint | boolean | null>(v.length);
  for (let i = 0; i < v.length; i++) {
    switch (v.type) {
      case 'string':
      case 'json':
        out[i] = v.codes[i] < 0 ? null : v.dict[v.codes[i]];
        break;
      case 'timestamp':
        out[i] = v.validity !== null && v.validity[i] === 0 ? null : joinNs(v.ms[i], v.nanos[i]);
        break;
      case 'int64':
        out[i] = v.validity !== null && v.validity[i] === 0 ? null : BigInt(v.values[i]);
        break;
      case 'float64':
        out[i] = v.validity !== null && v.validity[i] === 0 ? null : v.values[i];
        break;
      case 'boolean':
        out[i] = v.validity !== null && v.validity[i] === 0 ? null : v.values[i] === 1;
        break;
    }
  }
  return out;
}

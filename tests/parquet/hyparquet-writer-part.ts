/**
 * Writes a Pharlux part with hyparquet-writer instead of our encoder: the test oracle
 * for our reader (files from an independent writer, including encodings our decoder
 * hands to the hyparquet fallback).
 */
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { ColumnSource } from 'hyparquet-writer/src/types.js';
import { joinNs, TABLE_SCHEMAS, TABLE_SCHEMA_VERSION, type Batch, type TableName, type Vector } from '../../src/columnar/index.ts';

type WriterSchema = ConstructorParameters<typeof ParquetWriter>[0]['schema'];
type Encoding = NonNullable<ColumnSource['encoding']>;

function jsValues(v: Vector): (string | number | bigint | boolean | null)[] {
  return Array.from({ length: v.length }, (_, i) => {
    switch (v.type) {
      case 'string':
      case 'json':
        return v.codes[i] < 0 ? null : v.dict[v.codes[i]];
      case 'timestamp':
        return v.validity !== null && v.validity[i] === 0 ? null : joinNs(v.ms[i], v.nanos[i]);
      case 'int64':
        return v.validity !== null && v.validity[i] === 0 ? null : BigInt(v.values[i]);
      case 'float64':
        return v.validity !== null && v.validity[i] === 0 ? null : v.values[i];
      case 'boolean':
        return v.validity !== null && v.validity[i] === 0 ? null : v.values[i] === 1;
    }
  });
}

/** A Parquet file of `batch` (rows in the given order) that readPartFooter accepts. */
export function writePartWithHyparquetWriter(table: TableName, batch: Batch, options: { encodings?: Record<string, Encoding>; rowGroupRows?: number; columnIndex?: boolean } = {}): Uint8Array {
  const fields = TABLE_SCHEMAS[table].fields;
  const schema = [
    { name: 'root', num_children: fields.length },
    ...fields.map((f) => {
      const repetition_type = f.nullable ? 'OPTIONAL' : 'REQUIRED';
      switch (f.type) {
        case 'string':
          return { name: f.name, repetition_type, type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } };
        case 'json':
          // The logical type alone (no converted type) keeps hyparquet-writer from JSON.stringify-ing text again.
          return { name: f.name, repetition_type, type: 'BYTE_ARRAY', logical_type: { type: 'JSON' } };
        case 'int64':
          return { name: f.name, repetition_type, type: 'INT64' };
        case 'float64':
          return { name: f.name, repetition_type, type: 'DOUBLE' };
        case 'boolean':
          return { name: f.name, repetition_type, type: 'BOOLEAN' };
        case 'timestamp':
          return { name: f.name, repetition_type, type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'NANOS' } };
      }
    }),
  ] as WriterSchema;
  const writer = new ByteWriter();
  const pw = new ParquetWriter({
    writer,
    schema,
    codec: 'ZSTD',
    compressors: { ZSTD: (input: Uint8Array) => Bun.zstdCompressSync(input) },
    kvMetadata: [
      { key: 'pharlux.schema_version', value: String(TABLE_SCHEMA_VERSION) },
      { key: 'pharlux.table', value: table },
    ],
  });
  pw.write({
    columnData: fields.map((f, i) => ({
      name: f.name,
      data: jsValues(batch.columns[i]),
      nullable: f.nullable,
      encoding: options.encodings?.[f.name],
      columnIndex: options.columnIndex ?? false,
    })),
    rowGroupSize: options.rowGroupRows ?? 1000,
    pageSize: 4096,
  });
  pw.finish();
  return new Uint8Array(writer.getBuffer());
}

/**
 * How a Pharlux field maps to a Parquet schema element (SPEC §5): strings are
 * BYTE_ARRAY/STRING, json is BYTE_ARRAY/JSON, int64 INT64, float64 DOUBLE, boolean
 * BOOLEAN, timestamps INT64 TIMESTAMP(NANOS, isAdjustedToUTC=false) so DuckDB keeps the
 * nanoseconds. Nullable fields are OPTIONAL, the rest REQUIRED.
 */
import type { Field, Schema } from '../../columnar/index.ts';
import { ConvertedType, ParquetType, Repetition, type SchemaElementMeta } from './thrift/index.ts';

/** The Parquet schema element of one field. */
export function parquetElementFor(field: Field): SchemaElementMeta {
  const repetition = field.nullable ? Repetition.OPTIONAL : Repetition.REQUIRED;
  const name = field.name;
  switch (field.type) {
    case 'string':
      return { name, repetition, type: ParquetType.BYTE_ARRAY, convertedType: ConvertedType.UTF8, logicalType: { kind: 'string' } };
    case 'json':
      return { name, repetition, type: ParquetType.BYTE_ARRAY, convertedType: ConvertedType.JSON, logicalType: { kind: 'json' } };
    case 'int64':
      return { name, repetition, type: ParquetType.INT64 };
    case 'float64':
      return { name, repetition, type: ParquetType.DOUBLE };
    case 'boolean':
      return { name, repetition, type: ParquetType.BOOLEAN };
    case 'timestamp':
      return { name, repetition, type: ParquetType.INT64, logicalType: { kind: 'timestamp', isAdjustedToUTC: false, unit: 'NANOS' } };
  }
}

/** The flat Parquet schema (root element first) of a table schema. */
export function parquetSchemaFor(schema: Schema): SchemaElementMeta[] {
  return [{ name: 'schema', numChildren: schema.fields.length }, ...schema.fields.map(parquetElementFor)];
}

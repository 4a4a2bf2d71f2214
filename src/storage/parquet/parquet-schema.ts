/**
 * How a Pharlux field maps to a Parquet schema element (SPEC §5): strings are
 * BYTE_ARRAY/STRING, json is BYTE_ARRAY/JSON, int64 INT64, float64 DOUBLE, boolean
 * BOOLEAN, timestamps INT64 TIMESTAMP(NANOS, isAdjustedToUTC=false) so DuckDB keeps the
 * nanoseconds. Nullable fields are OPTIONAL, the rest REQUIRED.
 */
import type { SchemaElement } from 'hyparquet';
import type { Field, Schema } from '../../columnar/index.ts';

/** The Parquet schema element of one field. */
export function parquetElementFor(field: Field): SchemaElement {
  const repetition_type = field.nullable ? 'OPTIONAL' : 'REQUIRED';
  const name = field.name;
  switch (field.type) {
    case 'string':
      return { name, repetition_type, type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } };
    case 'json':
      return { name, repetition_type, type: 'BYTE_ARRAY', converted_type: 'JSON', logical_type: { type: 'JSON' } };
    case 'int64':
      return { name, repetition_type, type: 'INT64' };
    case 'float64':
      return { name, repetition_type, type: 'DOUBLE' };
    case 'boolean':
      return { name, repetition_type, type: 'BOOLEAN' };
    case 'timestamp':
      return { name, repetition_type, type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'NANOS' } };
  }
}

/** The flat Parquet schema (root element first) of a table schema. */
export function parquetSchemaFor(schema: Schema): SchemaElement[] {
  return [{ name: 'schema', num_children: schema.fields.length }, ...schema.fields.map(parquetElementFor)];
}

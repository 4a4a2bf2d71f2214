/**
 * SQL types as the engine and the API name them, and their mapping to columnar
 * DataTypes. `interval` exists only inside the engine (see vec.ts); `null` is the type of
 * a bare NULL literal before context gives it a real type.
 */
import type { DataType } from '../../columnar/index.ts';

export type SqlType = 'boolean' | 'bigint' | 'double' | 'text' | 'json' | 'timestamp' | 'interval' | 'null';

/** The physical vector type that holds values of a SQL type. */
export type VecType = DataType | 'interval';

/** SQL type of a stored column type. */
export function sqlTypeOf(type: DataType): SqlType {
  switch (type) {
    case 'boolean':
      return 'boolean';
    case 'int64':
      return 'bigint';
    case 'float64':
      return 'double';
    case 'string':
      return 'text';
    case 'json':
      return 'json';
    case 'timestamp':
      return 'timestamp';
  }
}

/** Physical vector type used for a SQL type (`null` is carried as an all-null text column). */
export function vecTypeOf(type: SqlType): VecType {
  switch (type) {
    case 'boolean':
      return 'boolean';
    case 'bigint':
      return 'int64';
    case 'double':
      return 'float64';
    case 'text':
    case 'null':
      return 'string';
    case 'json':
      return 'json';
    case 'timestamp':
      return 'timestamp';
    case 'interval':
      return 'interval';
  }
}

/** True for bigint and double. */
export function isNumericType(t: SqlType): boolean {
  return t === 'bigint' || t === 'double';
}

/** True for text and json (both dictionary-encoded strings). */
export function isStringType(t: SqlType): boolean {
  return t === 'text' || t === 'json';
}

/** Parses a SQL type name (as written in CAST or ::) into an engine type, or null. */
export function parseTypeName(name: string): SqlType | null {
  const n = name.toLowerCase().replace(/\s+/g, ' ').replace(/\s*\(.*\)$/, '');
  switch (n) {
    case 'bigint':
    case 'int8':
    case 'int':
    case 'integer':
    case 'int4':
    case 'smallint':
    case 'int2':
    case 'tinyint':
    case 'long':
      return 'bigint';
    case 'double':
    case 'double precision':
    case 'float':
    case 'float8':
    case 'float4':
    case 'real':
    case 'numeric':
    case 'decimal':
      return 'double';
    case 'text':
    case 'varchar':
    case 'character varying':
    case 'char':
    case 'character':
    case 'string':
      return 'text';
    case 'boolean':
    case 'bool':
      return 'boolean';
    case 'timestamp':
    case 'timestamptz':
    case 'timestamp_ns':
    case 'timestamp without time zone':
    case 'timestamp with time zone':
      return 'timestamp';
    case 'interval':
      return 'interval';
    case 'json':
    case 'jsonb':
      return 'json';
    default:
      return null;
  }
}

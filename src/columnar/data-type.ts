/**
 * Logical types shared by storage, the SQL engine and the API. The physical layout of
 * each type is fixed in vector.ts.
 */
export type DataType =
  | 'boolean'
  | 'int64' // exact for |v| <= 2^53 (Number.MAX_SAFE_INTEGER); see vector.ts
  | 'float64'
  | 'string'
  | 'json' // canonical JSON text; physically identical to string
  | 'timestamp'; // nanoseconds since the Unix epoch, UTC

export interface Field {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
  /** One line for DESCRIBE and the UI's schema rail. */
  readonly description?: string;
}

export interface Schema {
  readonly fields: readonly Field[];
}

/** Creates a schema, rejecting duplicate names. */
export function makeSchema(fields: readonly Field[]): Schema {
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.name)) throw new Error(`duplicate field name ${f.name}`);
    seen.add(f.name);
  }
  return { fields };
}

/** Index of a field by name, or -1. */
export function fieldIndex(schema: Schema, name: string): number {
  return schema.fields.findIndex((f) => f.name === name);
}

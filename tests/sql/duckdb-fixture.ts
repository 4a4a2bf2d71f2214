/**
 * Loads rows given as plain objects (the same rows a MemoryTableSource holds) into
 * DuckDB tables with matching types: timestamps as TIMESTAMP_NS, JSON as VARCHAR, int64
 * as BIGINT. Used by the differential tests and the golden cross-check script.
 */
import { DuckDBTimestampNanosecondsValue, type DuckDBConnection } from '@duckdb/node-api';
import type { BuilderValue, Schema } from '../../src/columnar/index.ts';

const DUCK_TYPES: Record<string, string> = {
  boolean: 'BOOLEAN',
  int64: 'BIGINT',
  float64: 'DOUBLE',
  string: 'VARCHAR',
  json: 'VARCHAR',
  timestamp: 'TIMESTAMP_NS',
};

/** Creates `table` in DuckDB with the schema's columns and appends the rows. */
export async function loadDuckTable(conn: DuckDBConnection, table: string, schema: Schema, rows: readonly Record<string, BuilderValue>[]): Promise<void> {
  await conn.run(`CREATE OR REPLACE TABLE ${table} (${schema.fields.map((f) => `"${f.name}" ${DUCK_TYPES[f.type]}`).join(', ')})`);
  const appender = await conn.createAppender(table);
  for (const row of rows) {
    for (const f of schema.fields) {
      const v = row[f.name];
      if (v === null || v === undefined) appender.appendNull();
      else if (f.type === 'boolean') appender.appendBoolean(Boolean(v));
      else if (f.type === 'int64') appender.appendBigInt(BigInt(v as number));
      else if (f.type === 'float64') appender.appendDouble(Number(v));
      else if (f.type === 'timestamp') appender.appendTimestampNanoseconds(new DuckDBTimestampNanosecondsValue(BigInt(v as bigint)));
      else appender.appendVarchar(String(v));
    }
    appender.endRow();
  }
  appender.closeSync();
}

/** A DuckDB result value normalised to what batchToRows gives (timestamps as bigint ns). */
export function normaliseDuckValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.nanos === 'bigint' && !('months' in o)) return o.nanos;
    if (typeof o.micros === 'bigint' && !('months' in o)) return (o.micros as bigint) * 1000n;
    if (typeof (o as { toDouble?: () => number }).toDouble === 'function') return (o as { toDouble: () => number }).toDouble();
    return String(v);
  }
  return v;
}

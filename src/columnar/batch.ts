/**
 * A `Batch` is a horizontal slice of a table: one vector per schema field, all of the
 * same length. Batches are immutable once published.
 */
import type { Schema } from './data-type.ts';
import { fieldIndex } from './data-type.ts';
import { sliceVector, takeRows, valueAt, type Vector } from './vector.ts';

export interface Batch {
  readonly schema: Schema;
  readonly length: number;
  readonly columns: readonly Vector[];
}

/** Creates a batch, checking that column count, types and lengths agree with the schema. */
export function makeBatch(schema: Schema, columns: readonly Vector[]): Batch {
  if (columns.length !== schema.fields.length) {
    throw new Error(`batch has ${columns.length} columns but schema has ${schema.fields.length}`);
  }
  const length = columns.length === 0 ? 0 : columns[0].length;
  for (let i = 0; i < columns.length; i++) {
    const f = schema.fields[i];
    if (columns[i].type !== f.type) throw new Error(`column ${f.name} is ${columns[i].type}, schema says ${f.type}`);
    if (columns[i].length !== length) throw new Error(`column ${f.name} has ${columns[i].length} rows, expected ${length}`);
  }
  return { schema, length, columns };
}

/** The vector of a named column; throws when absent. */
export function column(batch: Batch, name: string): Vector {
  const i = fieldIndex(batch.schema, name);
  if (i < 0) throw new Error(`batch has no column ${name}`);
  return batch.columns[i];
}

/** Rows [start, end) as a zero-copy batch. */
export function sliceBatch(batch: Batch, start: number, end: number): Batch {
  return { schema: batch.schema, length: end - start, columns: batch.columns.map((c) => sliceVector(c, start, end)) };
}

/** Selected rows as a new batch. */
export function takeBatch(batch: Batch, indices: Int32Array | readonly number[]): Batch {
  return { schema: batch.schema, length: indices.length, columns: batch.columns.map((c) => takeRows(c, indices)) };
}

/** Row objects for tests and small results (never on a hot path). */
export function batchToRows(batch: Batch): Record<string, null | boolean | number | string | bigint>[] {
  const rows: Record<string, null | boolean | number | string | bigint>[] = [];
  for (let r = 0; r < batch.length; r++) {
    const row: Record<string, null | boolean | number | string | bigint> = {};
    batch.schema.fields.forEach((f, c) => {
      row[f.name] = valueAt(batch.columns[c], r);
    });
    rows.push(row);
  }
  return rows;
}

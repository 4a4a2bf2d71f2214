/**
 * Turns engine vectors into the result's columnar batches: dense (no selection),
 * intervals rendered as PostgreSQL text, dictionaries trimmed to the entries the rows
 * use (a result of 10 rows never drags a million-entry dictionary to the API or across
 * a worker boundary), duplicate column names made unique (`count`, `count_1`).
 */
import type { Batch, DataType, Field, Vector } from '../../columnar/index.ts';
import type { PlanField } from '../plan/logical-plan.ts';
import { formatIntervalText } from '../values/interval-text.ts';
import { vecTypeOf } from '../values/sql-type.ts';
import { vecBytes, type Vec } from '../values/vec.ts';
import { stringBytes } from '../values/string-charge.ts';
import { StringOut } from '../values/vec-builders.ts';
import type { ResultColumn, ResultColumnType } from './query-context.ts';

/** Result column descriptors with unique names. */
export function resultColumns(fields: readonly PlanField[]): ResultColumn[] {
  const seen = new Map<string, number>();
  return fields.map((f) => {
    let name = f.name;
    const n = seen.get(name);
    if (n !== undefined) {
      let k = n;
      while (seen.has(`${f.name}_${k}`)) k++;
      seen.set(f.name, k + 1);
      name = `${f.name}_${k}`;
    }
    seen.set(name, 1);
    return { name, type: (f.type === 'null' ? 'text' : f.type) as ResultColumnType };
  });
}

/** The columnar field for a result column. */
export function resultField(c: ResultColumn): Field {
  const type: DataType = c.type === 'interval' ? 'string' : (vecTypeOf(c.type) as DataType);
  return { name: c.name, type, nullable: true };
}

/** One dense engine vector as a compact columnar vector. */
export function toResultVector(v: Vec): Vector {
  if (v.type === 'interval') {
    const out = new StringOut(v.length);
    for (let i = 0; i < v.length; i++) out.set(i, v.validity !== null && v.validity[i] === 0 ? null : formatIntervalText(v.months[i], v.ms[i], v.nanos[i]));
    return out.finish() as Vector;
  }
  if ((v.type === 'string' || v.type === 'json') && v.dict.length > v.length) {
    const remap = new Map<number, number>();
    const dict: string[] = [];
    const codes = new Int32Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const c = v.codes[i];
      if (c < 0) {
        codes[i] = -1;
        continue;
      }
      let m = remap.get(c);
      if (m === undefined) {
        m = dict.length;
        dict.push(v.dict[c]);
        remap.set(c, m);
      }
      codes[i] = m;
    }
    return { type: v.type, length: v.length, codes, dict };
  }
  return v;
}

/** Builds a result batch from dense vectors. */
export function toResultBatch(columns: readonly ResultColumn[], vecs: readonly Vec[], length: number): Batch {
  return { schema: { fields: columns.map(resultField) }, length, columns: vecs.map(toResultVector) };
}

/**
 * Bytes a result batch holds, strings by their real size. Result dictionaries hold at
 * most one entry per row (toResultVector trims bigger ones), so this walks at most
 * `length` entries per column.
 */
export function resultBatchBytes(batch: Batch): number {
  let bytes = 0;
  for (const c of batch.columns) {
    bytes += vecBytes(c);
    if (c.type === 'string' || c.type === 'json') {
      const dict = c.dict;
      for (let i = 0; i < dict.length; i++) bytes += stringBytes(dict[i].length);
    }
  }
  return bytes;
}

/**
 * Concatenates batches of one schema into a single batch. Dictionary columns get one
 * merged dictionary: each input dictionary is remapped once (per distinct value, not per
 * row), so the per-row cost is one Int32Array lookup.
 */
import { isDictionary, type Batch, type DataType, type Schema, type Vector } from '../../../columnar/index.ts';
import { PartEncodeError } from '../part-corrupt-error.ts';

/** One batch holding every row of `batches` in order; checks each against `schema`. */
export function combineBatches(schema: Schema, batches: readonly Batch[]): Batch {
  for (const b of batches) checkBatch(schema, b);
  if (batches.length === 1) return { schema, length: batches[0].length, columns: batches[0].columns };
  let length = 0;
  for (const b of batches) length += b.length;
  const columns = schema.fields.map((f, c) => combineColumn(f.type, batches.map((b) => b.columns[c]), length));
  return { schema, length, columns };
}

function checkBatch(schema: Schema, batch: Batch): void {
  if (batch.columns.length !== schema.fields.length) {
    throw new PartEncodeError(`batch has ${batch.columns.length} columns, table schema has ${schema.fields.length}`);
  }
  schema.fields.forEach((f, c) => {
    const v = batch.columns[c];
    if (v.type !== f.type) throw new PartEncodeError(`column ${f.name} is ${v.type}, table schema says ${f.type}`);
    if (v.length !== batch.length) throw new PartEncodeError(`column ${f.name} has ${v.length} rows, batch has ${batch.length}`);
  });
}

function combineColumn(type: DataType, parts: readonly Vector[], length: number): Vector {
  switch (type) {
    case 'string':
    case 'json':
      return combineDictionary(type, parts, length);
    case 'timestamp': {
      const ms = new Float64Array(length);
      const nanos = new Int32Array(length);
      const validity = combineValidity(parts, length);
      let at = 0;
      for (const p of parts) {
        if (p.type !== 'timestamp') throw new PartEncodeError('mixed vector types');
        ms.set(p.ms, at);
        nanos.set(p.nanos, at);
        at += p.length;
      }
      return { type, length, ms, nanos, validity };
    }
    case 'boolean': {
      const values = new Uint8Array(length);
      let at = 0;
      for (const p of parts) {
        if (p.type !== 'boolean') throw new PartEncodeError('mixed vector types');
        values.set(p.values, at);
        at += p.length;
      }
      return { type, length, values, validity: combineValidity(parts, length) };
    }
    case 'int64':
    case 'float64': {
      const values = new Float64Array(length);
      let at = 0;
      for (const p of parts) {
        if (p.type !== 'int64' && p.type !== 'float64') throw new PartEncodeError('mixed vector types');
        values.set(p.values, at);
        at += p.length;
      }
      return { type, length, values, validity: combineValidity(parts, length) };
    }
  }
}

function validityOf(v: Vector): Uint8Array | null {
  return isDictionary(v) ? null : v.validity;
}

function combineValidity(parts: readonly Vector[], length: number): Uint8Array | null {
  if (parts.every((p) => validityOf(p) === null)) return null;
  const out = new Uint8Array(length).fill(1);
  let at = 0;
  for (const p of parts) {
    const validity = validityOf(p);
    if (validity !== null) out.set(validity, at);
    at += p.length;
  }
  return out;
}

function combineDictionary(type: 'string' | 'json', parts: readonly Vector[], length: number): Vector {
  const codes = new Int32Array(length);
  const first = parts[0];
  const sharedDict = first !== undefined && (first.type === 'string' || first.type === 'json') ? first.dict : null;
  if (sharedDict !== null && parts.every((p) => (p.type === 'string' || p.type === 'json') && p.dict === sharedDict)) {
    let at = 0;
    for (const p of parts) {
      if (p.type !== 'string' && p.type !== 'json') throw new PartEncodeError('mixed vector types');
      codes.set(p.codes, at);
      at += p.length;
    }
    return { type, length, codes, dict: sharedDict };
  }
  const dict: string[] = [];
  const index = new Map<string, number>();
  let at = 0;
  for (const p of parts) {
    if (p.type !== 'string' && p.type !== 'json') throw new PartEncodeError('mixed vector types');
    const remap = new Int32Array(p.dict.length).fill(-2);
    for (let i = 0; i < p.length; i++) {
      const c = p.codes[i];
      if (c < 0) {
        codes[at + i] = -1;
        continue;
      }
      let m = remap[c];
      if (m === -2) {
        const s = p.dict[c];
        if (s === undefined) throw new PartEncodeError(`dictionary code ${c} out of range (${p.dict.length} entries)`);
        let existing = index.get(s);
        if (existing === undefined) {
          existing = dict.length;
          dict.push(s);
          index.set(s, existing);
        }
        m = remap[c] = existing;
      }
      codes[at + i] = m;
    }
    at += p.length;
  }
  return { type, length, codes, dict };
}

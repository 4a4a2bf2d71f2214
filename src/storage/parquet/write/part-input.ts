/**
 * The rows of one encode call as they arrived: one or more batches of one table schema,
 * addressed by a global row number (batch after batch) and never copied. Each dictionary
 * column gets one merged dictionary: batches that share their dictionary array (a head's
 * chunks all do) use it as is; otherwise each distinct input dictionary is translated
 * once, per value — never per row — into a merged one (one remap table per dictionary).
 */
import { isDictionary, type Batch, type Schema } from '../../../columnar/index.ts';
import { PartEncodeError } from '../part-corrupt-error.ts';

/** One dictionary for a column across all batches. */
export interface MergedDictionary {
  readonly values: readonly string[];
  /** Per batch: input code → merged code, or null when the batch's codes index `values` already. */
  readonly remaps: readonly (Int32Array | null)[];
}

export class PartInput {
  readonly batches: readonly Batch[];
  /** Global row number of each batch's first row; offsets[batches.length] = length. */
  readonly offsets: Int32Array;
  readonly length: number;
  /** Per column: the merged dictionary (null for non-dictionary columns). */
  readonly dicts: readonly (MergedDictionary | null)[];

  /** Checks every batch against `schema`; empty batches are dropped. */
  constructor(
    readonly schema: Schema,
    batches: readonly Batch[],
  ) {
    for (const b of batches) checkBatch(schema, b);
    this.batches = batches.filter((b) => b.length > 0);
    this.offsets = new Int32Array(this.batches.length + 1);
    let length = 0;
    this.batches.forEach((b, i) => {
      this.offsets[i] = length;
      length += b.length;
    });
    this.offsets[this.batches.length] = length;
    this.length = length;
    this.dicts = schema.fields.map((_f, c) => (isDictionaryColumn(schema, c) ? mergeDictionaries(this.batches, c) : null));
  }
}

function isDictionaryColumn(schema: Schema, c: number): boolean {
  const t = schema.fields[c].type;
  return t === 'string' || t === 'json';
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

function mergeDictionaries(batches: readonly Batch[], c: number): MergedDictionary {
  const dictOf = (b: Batch): readonly string[] => {
    const v = b.columns[c];
    if (!isDictionary(v)) throw new PartEncodeError('mixed vector types');
    return v.dict;
  };
  const first = batches.length > 0 ? dictOf(batches[0]) : [];
  if (batches.every((b) => dictOf(b) === first)) return { values: first, remaps: batches.map(() => null) };
  const values: string[] = [];
  const index = new Map<string, number>();
  const byDict = new Map<readonly string[], Int32Array>();
  const remaps = batches.map((b) => {
    const dict = dictOf(b);
    let remap = byDict.get(dict);
    if (remap === undefined) {
      remap = new Int32Array(dict.length);
      for (let i = 0; i < dict.length; i++) {
        const s = dict[i];
        let m = index.get(s);
        if (m === undefined) {
          m = values.length;
          values.push(s);
          index.set(s, m);
        }
        remap[i] = m;
      }
      byDict.set(dict, remap);
    }
    return remap;
  });
  return { values, remaps };
}

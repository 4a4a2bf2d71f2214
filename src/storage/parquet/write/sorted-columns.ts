/**
 * The columns of one partition in sort order, ready for the chunk writer. Many columns of
 * a part hold one value on every row (tenant, flags, a scope version) or none at all
 * (histogram fields in a part of gauges): those are found with a sequential scan of each
 * input batch (stopping at the first difference) and handed over as a single value, so
 * neither the scatter nor the writer touches their rows. Every other column is scattered
 * into sort order (scatter-rows.ts).
 */
import { isDictionary, sliceVector, type DataType, type Vector } from '../../../columnar/index.ts';
import type { PartInput } from './part-input.ts';
import type { PartitionRange, RowOrder } from './row-order.ts';
import { batchesIn, scatterColumn } from './scatter-rows.ts';

/** A column of a partition in sort order. */
export type SortedColumn =
  | { readonly kind: 'values'; readonly vector: Vector }
  /** Every row is null. */
  | { readonly kind: 'null'; readonly type: DataType }
  /** Every row holds the value of this one-row, non-null vector. */
  | { readonly kind: 'constant'; readonly vector: Vector };

/** What one batch holds in one column: no value, one value (non-null everywhere), or several. */
type Summary = { readonly kind: 'null' } | { readonly kind: 'constant'; readonly vector: Vector } | { readonly kind: 'mixed' };

const NULL: Summary = { kind: 'null' };
const MIXED: Summary = { kind: 'mixed' };

function allZero(a: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) return false;
  return true;
}

function allOne(a: Uint8Array | null): boolean {
  if (a === null) return true;
  for (let i = 0; i < a.length; i++) if (a[i] !== 1) return false;
  return true;
}

function sameF64(a: Float64Array): boolean {
  const first = a[0];
  if (first !== first) return false; // NaN: no bit-exact comparison here, so treat as varying
  if (first === 0) {
    // 0 and -0 compare equal but are different doubles.
    const sign = 1 / first;
    for (let i = 1; i < a.length; i++) if (a[i] !== 0 || 1 / a[i] !== sign) return false;
    return true;
  }
  for (let i = 1; i < a.length; i++) if (a[i] !== first) return false;
  return true;
}

function sameI32(a: Int32Array): boolean {
  const first = a[0];
  for (let i = 1; i < a.length; i++) if (a[i] !== first) return false;
  return true;
}

function sameU8(a: Uint8Array): boolean {
  const first = a[0];
  for (let i = 1; i < a.length; i++) if (a[i] !== first) return false;
  return true;
}

/** Summary of a whole input vector (codes already in the merged dictionary when `remap` is null). */
function summarize(v: Vector, remap: Int32Array | null, mergedDict: readonly string[] | null): Summary {
  if (v.length === 0) return NULL;
  switch (v.type) {
    case 'string':
    case 'json': {
      const c = v.codes[0];
      if (!sameI32(v.codes)) return MIXED;
      if (c < 0) return NULL;
      const merged = remap === null ? c : (remap[c] ?? -1);
      if (mergedDict === null || merged < 0 || merged >= mergedDict.length) return MIXED; // let the scatter report it
      return { kind: 'constant', vector: { type: v.type, length: 1, codes: Int32Array.of(merged), dict: mergedDict } };
    }
    case 'timestamp':
      if (v.validity !== null && allZero(v.validity)) return NULL;
      if (!sameF64(v.ms) || !sameI32(v.nanos) || !allOne(v.validity)) return MIXED;
      return { kind: 'constant', vector: { type: 'timestamp', length: 1, ms: Float64Array.of(v.ms[0]), nanos: Int32Array.of(v.nanos[0]), validity: null } };
    case 'boolean':
      if (v.validity !== null && allZero(v.validity)) return NULL;
      if (!sameU8(v.values) || !allOne(v.validity)) return MIXED;
      return { kind: 'constant', vector: { type: 'boolean', length: 1, values: Uint8Array.of(v.values[0]), validity: null } };
    case 'int64':
    case 'float64':
      if (v.validity !== null && allZero(v.validity)) return NULL;
      if (!sameF64(v.values) || !allOne(v.validity)) return MIXED;
      return { kind: 'constant', vector: { type: v.type, length: 1, values: Float64Array.of(v.values[0]), validity: null } };
  }
}

function sameConstant(a: Vector, b: Vector): boolean {
  switch (a.type) {
    case 'string':
    case 'json':
      return isDictionary(b) && a.codes[0] === b.codes[0];
    case 'timestamp':
      return b.type === 'timestamp' && a.ms[0] === b.ms[0] && a.nanos[0] === b.nanos[0];
    case 'boolean':
      return b.type === 'boolean' && a.values[0] === b.values[0];
    case 'int64':
    case 'float64':
      return (b.type === 'int64' || b.type === 'float64') && Object.is(a.values[0], b.values[0]);
  }
}

/** Sorted columns of the partitions of one RowOrder; batch summaries are computed once and shared. */
export class SortedColumns {
  private readonly summaries: (Summary | undefined)[][];

  constructor(
    private readonly input: PartInput,
    private readonly order: RowOrder,
  ) {
    this.summaries = input.batches.map(() => []);
  }

  /** Every column of `range` in sort order. */
  columns(range: PartitionRange): SortedColumn[] {
    const { start, end } = range;
    const batches = batchesIn(this.input, this.order.spans, start, end);
    return this.input.schema.fields.map((field, c): SortedColumn => {
      const sorted = this.order.sortedColumns.get(c);
      if (sorted !== undefined) return { kind: 'values', vector: start === 0 && end === sorted.length ? sorted : sliceVector(sorted, start, end) };
      let common: Summary | null = null;
      for (const b of batches) {
        const s = this.summary(b, c);
        if (s.kind === 'mixed' || (common !== null && (common.kind !== s.kind || (common.kind === 'constant' && s.kind === 'constant' && !sameConstant(common.vector, s.vector))))) {
          common = MIXED;
          break;
        }
        common = s;
      }
      if (common !== null && common.kind === 'null') return { kind: 'null', type: field.type };
      if (common !== null && common.kind === 'constant') return { kind: 'constant', vector: common.vector };
      return { kind: 'values', vector: scatterColumn(this.input, c, this.order.dest, this.order.spans, start, end) };
    });
  }

  private summary(b: number, c: number): Summary {
    let s = this.summaries[b][c];
    if (s === undefined) {
      const merged = this.input.dicts[c];
      s = summarize(this.input.batches[b].columns[c], merged?.remaps[b] ?? null, merged?.values ?? null);
      this.summaries[b][c] = s;
    }
    return s;
  }
}

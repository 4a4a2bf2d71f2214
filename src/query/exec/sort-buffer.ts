/**
 * Buffered rows plus their sort keys, sortable by a multi-key comparator. Keys are
 * turned into comparable typed arrays first (strings into ranks of their merged
 * dictionary), so the comparator never touches strings or objects. Shared by SortExec,
 * TopNExec and WindowExec.
 */
import type { SortKey } from '../plan/bound-expr.ts';
import { compareNumbers, compareStrings } from '../values/compare-values.ts';
import { concatVecs } from '../values/concat-vecs.ts';
import { intervalSortMs } from '../values/time-arith.ts';
import type { VecType } from '../values/sql-type.ts';
import { gatherVec, vecsBytes, type Vec } from '../values/vec.ts';

/** A key column in comparable form. */
interface ComparableKey {
  readonly primary: Float64Array;
  readonly secondary: Int32Array | null;
  readonly nulls: Uint8Array | null;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

/** Makes one key vector comparable. */
export function comparableKey(v: Vec, descending: boolean, nullsFirst: boolean): ComparableKey {
  const n = v.length;
  switch (v.type) {
    case 'int64':
    case 'float64':
      return { primary: v.values, secondary: null, nulls: invert(v.validity), descending, nullsFirst };
    case 'boolean':
      return { primary: Float64Array.from(v.values), secondary: null, nulls: invert(v.validity), descending, nullsFirst };
    case 'timestamp':
      return { primary: v.ms, secondary: v.nanos, nulls: invert(v.validity), descending, nullsFirst };
    case 'interval': {
      const p = new Float64Array(n);
      for (let i = 0; i < n; i++) p[i] = intervalSortMs(v.months[i], v.ms[i]);
      return { primary: p, secondary: v.nanos, nulls: invert(v.validity), descending, nullsFirst };
    }
    case 'string':
    case 'json': {
      // Rank the dictionary once; rows compare by rank.
      const order = Array.from({ length: v.dict.length }, (_, i) => i).sort((a, b) => compareStrings(v.dict[a], v.dict[b]));
      const rank = new Float64Array(v.dict.length);
      let r = 0;
      for (let k = 0; k < order.length; k++) {
        if (k > 0 && v.dict[order[k]] !== v.dict[order[k - 1]]) r++;
        rank[order[k]] = r;
      }
      const p = new Float64Array(n);
      let nulls: Uint8Array | null = null;
      for (let i = 0; i < n; i++) {
        const c = v.codes[i];
        if (c < 0) {
          if (nulls === null) nulls = new Uint8Array(n);
          nulls[i] = 1;
        } else p[i] = rank[c];
      }
      return { primary: p, secondary: null, nulls, descending, nullsFirst };
    }
  }
}

function invert(validity: Uint8Array | null): Uint8Array | null {
  if (validity === null) return null;
  const out = new Uint8Array(validity.length);
  let any = false;
  for (let i = 0; i < validity.length; i++) if (validity[i] === 0) {
    out[i] = 1;
    any = true;
  }
  return any ? out : null;
}

/** Compares rows a and b by the keys (ties broken by row index, so sorting is stable). */
export function compareRows(keys: readonly ComparableKey[], a: number, b: number): number {
  for (const k of keys) {
    const na = k.nulls !== null && k.nulls[a] === 1;
    const nb = k.nulls !== null && k.nulls[b] === 1;
    if (na || nb) {
      if (na && nb) continue;
      return na === k.nullsFirst ? -1 : 1;
    }
    const pa = k.primary[a];
    const pb = k.primary[b];
    let d = pa < pb ? -1 : pa > pb ? 1 : pa === pb ? 0 : compareNumbers(pa, pb);
    if (d === 0 && k.secondary !== null) d = k.secondary[a] - k.secondary[b];
    if (d !== 0) return k.descending ? -d : d;
  }
  return a - b;
}

/** Row order of the keys. */
export function sortPermutation(keys: readonly ComparableKey[], n: number): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  if (keys.length === 1 && keys[0].nulls === null && keys[0].secondary === null) {
    const p = keys[0].primary;
    const sign = keys[0].descending ? -1 : 1;
    return idx.sort((a, b) => {
      const x = p[a];
      const y = p[b];
      const d = x < y ? -1 : x > y ? 1 : x === y ? 0 : compareNumbers(x, y);
      return d !== 0 ? sign * d : a - b;
    });
  }
  return idx.sort((a, b) => compareRows(keys, a, b));
}

/** Rows collected for sorting: data columns and key columns, in chunks until sorted. */
export class SortBuffer {
  private columnChunks: Vec[][] = [];
  private keyChunks: Vec[][] = [];
  private rows = 0;
  private bytes = 0;

  constructor(
    private readonly columnTypes: readonly VecType[],
    private readonly sortKeys: readonly Pick<SortKey, 'descending' | 'nullsFirst'>[],
    private readonly keyTypes: readonly VecType[],
  ) {}

  get rowCount(): number {
    return this.rows;
  }

  get byteSize(): number {
    return this.bytes;
  }

  /** Adds dense columns and their dense key vectors. */
  add(columns: readonly Vec[], keys: readonly Vec[], n: number): void {
    this.columnChunks.push([...columns]);
    this.keyChunks.push([...keys]);
    this.rows += n;
    this.bytes += vecsBytes([...columns, ...keys], n);
  }

  /** Concatenates all chunks into one (columns, keys). */
  private flatten(): { columns: Vec[]; keys: Vec[] } {
    const columns = this.columnTypes.map((t, c) => concatVecs(t, this.columnChunks.map((ch) => ch[c])));
    const keys = this.keyTypes.map((t, c) => concatVecs(t, this.keyChunks.map((ch) => ch[c])));
    this.columnChunks = [columns];
    this.keyChunks = [keys];
    return { columns, keys };
  }

  /** Sorts and returns the first `limit` rows (all when null) in order. */
  sorted(limit: number | null): { columns: Vec[]; keys: Vec[]; n: number } {
    const { columns, keys } = this.flatten();
    const comparable = keys.map((k, i) => comparableKey(k, this.sortKeys[i].descending, this.sortKeys[i].nullsFirst));
    let perm = sortPermutation(comparable, this.rows);
    if (limit !== null && perm.length > limit) perm = perm.slice(0, limit);
    return { columns: columns.map((c) => gatherVec(c, perm)), keys: keys.map((k) => gatherVec(k, perm)), n: perm.length };
  }

  /** Keeps only the first `limit` rows in sort order (top-N compaction). */
  truncate(limit: number): void {
    const s = this.sorted(limit);
    this.columnChunks = [s.columns];
    this.keyChunks = [s.keys];
    this.rows = s.n;
    this.bytes = vecsBytes([...s.columns, ...s.keys], s.n);
  }
}

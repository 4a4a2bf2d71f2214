/**
 * Dense ids for the distinct values of one key column (GROUP BY, join keys, DISTINCT).
 * Id 0 is NULL; real values get 1, 2, ... in order of first appearance. Dictionary
 * columns map each dictionary entry once (cached per dictionary), so grouping on a
 * string column is an integer gather per row; numbers and timestamps use
 * open-addressing tables over typed arrays.
 */
import { InternalError } from '../../../common/index.ts';
import type { VecType } from '../../values/sql-type.ts';
import type { Vec } from '../../values/vec.ts';
import { F64HashTable } from './hash-f64.ts';
import { PairHashTable } from './pair-hash-table.ts';

export interface KeyInterner {
  /** Distinct non-null values seen (ids run 1 ..= size). */
  readonly size: number;
  /** Ids of the n rows of v, adding new values. */
  intern(v: Vec, n: number): Int32Array;
  /** Ids of the n rows of v without adding; -1 for NULL or unseen values. */
  lookup(v: Vec, n: number): Int32Array;
  /** Value of every id 0 ..= size (id 0 is NULL) as a vector. */
  values(): Vec;
  bytes(): number;
}

class DictKeyInterner implements KeyInterner {
  private readonly index = new Map<string, number>();
  private readonly strs: string[] = [];
  private readonly remaps = new Map<readonly string[], Int32Array>();
  private strBytes = 0;
  constructor(private readonly type: 'string' | 'json') {}

  get size(): number {
    return this.strs.length;
  }

  /** Code → id for one source dictionary (0 = not yet mapped); grows with append-only dictionaries. */
  private remapFor(dict: readonly string[]): Int32Array {
    let r = this.remaps.get(dict);
    if (r === undefined || r.length < dict.length) {
      if (r === undefined && this.remaps.size > 64) this.remaps.clear();
      const grown = new Int32Array(dict.length);
      if (r !== undefined) grown.set(r);
      r = grown;
      this.remaps.set(dict, r);
    }
    return r;
  }

  intern(v: Vec, n: number): Int32Array {
    if (v.type !== 'string' && v.type !== 'json') throw new InternalError(`dictionary interner given ${v.type}`);
    const out = new Int32Array(n);
    const remap = this.remapFor(v.dict);
    const codes = v.codes;
    for (let i = 0; i < n; i++) {
      const c = codes[i];
      if (c < 0) continue;
      let id = remap[c];
      if (id === 0) {
        const s = v.dict[c];
        let known = this.index.get(s);
        if (known === undefined) {
          this.strs.push(s);
          known = this.strs.length;
          this.index.set(s, known);
          this.strBytes += 2 * s.length + 64;
        }
        id = known;
        remap[c] = id;
      }
      out[i] = id;
    }
    return out;
  }

  lookup(v: Vec, n: number): Int32Array {
    if (v.type !== 'string' && v.type !== 'json') throw new InternalError(`dictionary interner given ${v.type}`);
    const out = new Int32Array(n);
    const memo = new Int32Array(v.dict.length); // 0 = not looked up, -1 = absent, else id
    for (let i = 0; i < n; i++) {
      const c = v.codes[i];
      if (c < 0) {
        out[i] = -1;
        continue;
      }
      let id = memo[c];
      if (id === 0) {
        id = this.index.get(v.dict[c]) ?? -1;
        memo[c] = id;
      }
      out[i] = id;
    }
    return out;
  }

  values(): Vec {
    const codes = new Int32Array(this.strs.length + 1);
    codes[0] = -1;
    for (let i = 1; i <= this.strs.length; i++) codes[i] = i - 1;
    return { type: this.type, length: codes.length, codes, dict: this.strs };
  }

  bytes(): number {
    let remapBytes = 0;
    for (const r of this.remaps.values()) remapBytes += r.byteLength;
    return this.strBytes + remapBytes;
  }
}

class NumberKeyInterner implements KeyInterner {
  private readonly table = new F64HashTable();
  constructor(private readonly type: 'int64' | 'float64' | 'boolean') {}

  get size(): number {
    return this.table.size;
  }

  intern(v: Vec, n: number): Int32Array {
    const out = new Int32Array(n);
    if (v.type !== 'int64' && v.type !== 'float64' && v.type !== 'boolean') throw new InternalError(`number interner given ${v.type}`);
    const values = v.values;
    const val = v.validity;
    let last = NaN;
    let lastId = 0;
    for (let i = 0; i < n; i++) {
      if (val !== null && val[i] === 0) continue;
      const x = values[i];
      // Repeated keys in runs skip the hash (NaN never equals itself, so it always hashes).
      if (x !== last) {
        lastId = this.table.intern(x) + 1;
        last = x;
      }
      out[i] = lastId;
    }
    return out;
  }

  lookup(v: Vec, n: number): Int32Array {
    const out = new Int32Array(n);
    if (v.type !== 'int64' && v.type !== 'float64' && v.type !== 'boolean') throw new InternalError(`number interner given ${v.type}`);
    for (let i = 0; i < n; i++) {
      if (v.validity !== null && v.validity[i] === 0) out[i] = -1;
      else {
        const id = this.table.find(v.values[i]);
        out[i] = id < 0 ? -1 : id + 1;
      }
    }
    return out;
  }

  values(): Vec {
    const n = this.table.size + 1;
    const validity = new Uint8Array(n).fill(1);
    validity[0] = 0;
    if (this.type === 'boolean') {
      const values = new Uint8Array(n);
      for (let k = 1; k < n; k++) values[k] = this.table.keyAt(k - 1);
      return { type: 'boolean', length: n, values, validity };
    }
    const values = new Float64Array(n);
    for (let k = 1; k < n; k++) values[k] = this.table.keyAt(k - 1);
    return { type: this.type, length: n, values, validity };
  }

  bytes(): number {
    return this.table.bytes();
  }
}

class TimestampKeyInterner implements KeyInterner {
  private readonly msTable = new F64HashTable();
  private readonly pairs = new PairHashTable();
  /** ms id → pair id of (ms, 0 nanos), -1 = not yet: whole-millisecond keys (date_bin, date_trunc) skip the pair table. */
  private wholeMs = new Int32Array(64).fill(-1);

  /** Pair id of (ms id, nanos). */
  private pairOf(msId: number, ns: number): number {
    if (ns !== 0) return this.pairs.intern(msId, ns);
    if (msId >= this.wholeMs.length) {
      const grown = new Int32Array(Math.max(msId + 1, this.wholeMs.length * 2)).fill(-1);
      grown.set(this.wholeMs);
      this.wholeMs = grown;
    }
    let id = this.wholeMs[msId];
    if (id < 0) id = this.wholeMs[msId] = this.pairs.intern(msId, 0);
    return id;
  }

  get size(): number {
    return this.pairs.size;
  }

  intern(v: Vec, n: number): Int32Array {
    if (v.type !== 'timestamp') throw new InternalError(`timestamp interner given ${v.type}`);
    const out = new Int32Array(n);
    const ms = v.ms;
    const nanos = v.nanos;
    // Time keys come in runs (buckets, sorted parts): remember the last one.
    let lastMs = NaN;
    let lastNanos = -1;
    let lastId = 0;
    for (let i = 0; i < n; i++) {
      if (v.validity !== null && v.validity[i] === 0) continue;
      const m = ms[i];
      const ns = nanos[i];
      if (m !== lastMs || ns !== lastNanos) {
        lastId = this.pairOf(this.msTable.intern(m), ns) + 1;
        lastMs = m;
        lastNanos = ns;
      }
      out[i] = lastId;
    }
    return out;
  }

  lookup(v: Vec, n: number): Int32Array {
    if (v.type !== 'timestamp') throw new InternalError(`timestamp interner given ${v.type}`);
    const out = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      if (v.validity !== null && v.validity[i] === 0) continue;
      const m = this.msTable.find(v.ms[i]);
      if (m < 0) continue;
      const id = this.pairs.find(m, v.nanos[i]);
      out[i] = id < 0 ? -1 : id + 1;
    }
    return out;
  }

  values(): Vec {
    const n = this.pairs.size + 1;
    const ms = new Float64Array(n);
    const nanos = new Int32Array(n);
    const validity = new Uint8Array(n).fill(1);
    validity[0] = 0;
    for (let k = 1; k < n; k++) {
      ms[k] = this.msTable.keyAt(this.pairs.firstOf(k - 1));
      nanos[k] = this.pairs.secondOf(k - 1);
    }
    return { type: 'timestamp', length: n, ms, nanos, validity };
  }

  bytes(): number {
    return this.msTable.bytes() + this.pairs.bytes() + this.wholeMs.byteLength;
  }
}

class IntervalKeyInterner implements KeyInterner {
  private readonly index = new Map<string, number>();
  private readonly months: number[] = [];
  private readonly ms: number[] = [];
  private readonly nanos: number[] = [];

  get size(): number {
    return this.months.length;
  }

  private id(v: Vec & { type: 'interval' }, i: number, insert: boolean): number {
    const key = `${v.months[i]}:${v.ms[i]}:${v.nanos[i]}`;
    let id = this.index.get(key);
    if (id === undefined) {
      if (!insert) return -1;
      this.months.push(v.months[i]);
      this.ms.push(v.ms[i]);
      this.nanos.push(v.nanos[i]);
      id = this.months.length;
      this.index.set(key, id);
    }
    return id;
  }

  intern(v: Vec, n: number): Int32Array {
    if (v.type !== 'interval') throw new InternalError(`interval interner given ${v.type}`);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = v.validity !== null && v.validity[i] === 0 ? 0 : this.id(v, i, true);
    return out;
  }

  lookup(v: Vec, n: number): Int32Array {
    if (v.type !== 'interval') throw new InternalError(`interval interner given ${v.type}`);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = v.validity !== null && v.validity[i] === 0 ? -1 : this.id(v, i, false);
    return out;
  }

  values(): Vec {
    const n = this.months.length + 1;
    const validity = new Uint8Array(n).fill(1);
    validity[0] = 0;
    return {
      type: 'interval',
      length: n,
      months: Float64Array.from([0, ...this.months]),
      ms: Float64Array.from([0, ...this.ms]),
      nanos: Int32Array.from([0, ...this.nanos]),
      validity,
    };
  }

  bytes(): number {
    return this.months.length * 80;
  }
}

/** An interner for values of one vector type. */
export function createKeyInterner(type: VecType): KeyInterner {
  switch (type) {
    case 'string':
    case 'json':
      return new DictKeyInterner(type);
    case 'int64':
    case 'float64':
    case 'boolean':
      return new NumberKeyInterner(type);
    case 'timestamp':
      return new TimestampKeyInterner();
    case 'interval':
      return new IntervalKeyInterner();
  }
}

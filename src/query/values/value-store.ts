/**
 * A growable per-slot store of values of one vector type (one slot per group): used by
 * min/max, first_value/last_value and the like. Strings are kept as JS strings per
 * group (not per row), numbers and timestamps in typed arrays.
 */
import { InternalError } from '../../common/index.ts';
import { compareVecRows } from './compare-values.ts';
import { intervalSortMs } from './time-arith.ts';
import type { VecType } from './sql-type.ts';
import type { Vec } from './vec.ts';

function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T, n: number, make: (n: number) => T): T {
  if (a.length >= n) return a;
  const b = make(Math.max(n, a.length * 2, 16));
  b.set(a);
  return b;
}

export class ValueStore {
  private num = new Float64Array(0);
  private aux = new Float64Array(0);
  private nanos = new Int32Array(0);
  private set_ = new Uint8Array(0);
  private strs: (string | null)[] = [];
  private slots = 0;
  private strBytes = 0;

  constructor(readonly type: VecType) {}

  /** Makes room for `n` slots. */
  ensure(n: number): void {
    if (n <= this.slots) return;
    this.set_ = grow(this.set_, n, (k) => new Uint8Array(k));
    switch (this.type) {
      case 'string':
      case 'json':
        while (this.strs.length < n) this.strs.push(null);
        break;
      case 'timestamp':
        this.num = grow(this.num, n, (k) => new Float64Array(k));
        this.nanos = grow(this.nanos, n, (k) => new Int32Array(k));
        break;
      case 'interval':
        this.num = grow(this.num, n, (k) => new Float64Array(k));
        this.aux = grow(this.aux, n, (k) => new Float64Array(k));
        this.nanos = grow(this.nanos, n, (k) => new Int32Array(k));
        break;
      default:
        this.num = grow(this.num, n, (k) => new Float64Array(k));
    }
    this.slots = n;
  }

  /** True once slot g holds a value. */
  has(g: number): boolean {
    return this.set_[g] === 1;
  }

  /** Stores row i of v (non-null) in slot g. */
  put(g: number, v: Vec, i: number): void {
    this.set_[g] = 1;
    switch (v.type) {
      case 'string':
      case 'json': {
        const s = v.dict[v.codes[i]];
        const old = this.strs[g];
        this.strBytes += 2 * s.length - (old === null ? 0 : 2 * old.length);
        this.strs[g] = s;
        return;
      }
      case 'boolean':
        this.num[g] = v.values[i];
        return;
      case 'int64':
      case 'float64':
        this.num[g] = v.values[i];
        return;
      case 'timestamp':
        this.num[g] = v.ms[i];
        this.nanos[g] = v.nanos[i];
        return;
      case 'interval':
        this.num[g] = v.ms[i];
        this.aux[g] = v.months[i];
        this.nanos[g] = v.nanos[i];
        return;
    }
  }

  /** Compares row i of v (non-null) with the value in slot g (which must be set). */
  compare(v: Vec, i: number, g: number): number {
    switch (v.type) {
      case 'string':
      case 'json': {
        const a = v.dict[v.codes[i]];
        const b = this.strs[g] as string;
        return a < b ? -1 : a > b ? 1 : 0;
      }
      case 'boolean':
        return v.values[i] - this.num[g];
      case 'int64':
      case 'float64': {
        const a = v.values[i];
        const b = this.num[g];
        if (a < b) return -1;
        if (a > b) return 1;
        if (a === b) return 0;
        return compareVecRows(v, i, { type: 'float64', length: 1, values: new Float64Array([b]), validity: null }, 0);
      }
      case 'timestamp': {
        const d = v.ms[i] - this.num[g];
        return d !== 0 ? d : v.nanos[i] - this.nanos[g];
      }
      case 'interval': {
        const d = intervalSortMs(v.months[i], v.ms[i]) - intervalSortMs(this.aux[g], this.num[g]);
        return d !== 0 ? d : v.nanos[i] - this.nanos[g];
      }
    }
  }

  /** The first `n` slots as a vector (unset slots are null). */
  finish(n: number): Vec {
    this.ensure(n);
    const validity = this.set_.slice(0, n);
    switch (this.type) {
      case 'string':
      case 'json': {
        const dict: string[] = [];
        const index = new Map<string, number>();
        const codes = new Int32Array(n);
        for (let g = 0; g < n; g++) {
          const s = this.strs[g];
          if (s === null || validity[g] === 0) {
            codes[g] = -1;
            continue;
          }
          let c = index.get(s);
          if (c === undefined) {
            c = dict.length;
            dict.push(s);
            index.set(s, c);
          }
          codes[g] = c;
        }
        return { type: this.type, length: n, codes, dict };
      }
      case 'boolean':
        return { type: 'boolean', length: n, values: Uint8Array.from(this.num.subarray(0, n)), validity };
      case 'int64':
      case 'float64':
        return { type: this.type, length: n, values: this.num.slice(0, n), validity };
      case 'timestamp':
        return { type: 'timestamp', length: n, ms: this.num.slice(0, n), nanos: this.nanos.slice(0, n), validity };
      case 'interval':
        return { type: 'interval', length: n, months: this.aux.slice(0, n), ms: this.num.slice(0, n), nanos: this.nanos.slice(0, n), validity };
      default:
        throw new InternalError(`value store of type ${String(this.type)}`);
    }
  }

  /** Approximate bytes held. */
  bytes(): number {
    const slotBytes = this.type === 'string' || this.type === 'json' ? this.strs.length * 8 : 0;
    return this.num.byteLength + this.aux.byteLength + this.nanos.byteLength + this.set_.byteLength + slotBytes + this.strBytes;
  }
}

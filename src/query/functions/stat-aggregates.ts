/**
 * Statistical aggregates: stddev/variance (sample and population, Welford's method) and
 * percentiles. Percentiles are exact (values are collected, then selected per group with
 * quickselect); `approx_percentile` uses the same exact method and is named for
 * compatibility. Interpolation follows PostgreSQL's percentile_cont / percentile_disc.
 */
import { QueryRuntimeError } from '../errors.ts';
import type { Scalar } from '../values/scalar.ts';
import { isNumericType, type SqlType } from '../values/sql-type.ts';
import type { Vec } from '../values/vec.ts';
import { growF64, type AggregateDef, type GroupedAccumulator } from './aggregate-function.ts';

class WelfordAccumulator implements GroupedAccumulator {
  private n: Float64Array = new Float64Array(0);
  private mean: Float64Array = new Float64Array(0);
  private m2: Float64Array = new Float64Array(0);
  constructor(
    private readonly population: boolean,
    private readonly sqrt: boolean,
  ) {}
  update(args: readonly Vec[], g: Int32Array, rows: number, groupCount: number): void {
    const cnt = (this.n = growF64(this.n, groupCount));
    const mean = (this.mean = growF64(this.mean, groupCount));
    const m2 = (this.m2 = growF64(this.m2, groupCount));
    const v = args[0] as Vec & { values: Float64Array; validity: Uint8Array | null };
    for (let i = 0; i < rows; i++) {
      if (v.validity !== null && v.validity[i] === 0) continue;
      const k = g[i];
      const x = v.values[i];
      const c = ++cnt[k];
      const d = x - mean[k];
      mean[k] += d / c;
      m2[k] += d * (x - mean[k]);
    }
  }
  finish(groupCount: number): Vec {
    this.n = growF64(this.n, groupCount);
    this.m2 = growF64(this.m2, groupCount);
    const values = new Float64Array(groupCount);
    const validity = new Uint8Array(groupCount);
    for (let k = 0; k < groupCount; k++) {
      const c = this.n[k];
      const denom = this.population ? c : c - 1;
      if (denom <= 0) continue;
      const variance = this.m2[k] / denom;
      values[k] = this.sqrt ? Math.sqrt(variance) : variance;
      validity[k] = 1;
    }
    return { type: 'float64', length: groupCount, values, validity };
  }
  bytes(): number {
    return this.n.byteLength * 3;
  }
}

/** In-place quickselect: the k-th smallest of a[lo..hi] (NaN sorts last). */
function select(a: Float64Array, lo: number, hi: number, k: number): number {
  while (hi > lo) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (less(a[i], pivot)) i++;
      while (less(pivot, a[j])) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

function less(x: number, y: number): boolean {
  return x < y || (y !== y && x === x);
}

class PercentileAccumulator implements GroupedAccumulator {
  private values: Float64Array = new Float64Array(0);
  private groups: Int32Array = new Int32Array(0);
  private count = 0;
  constructor(
    private readonly q: number,
    private readonly continuous: boolean,
  ) {}
  update(args: readonly Vec[], g: Int32Array, n: number): void {
    const v = args[0] as Vec & { values: Float64Array; validity: Uint8Array | null };
    this.values = growF64(this.values, this.count + n);
    if (this.groups.length < this.count + n) {
      const grown = new Int32Array(Math.max(this.count + n, this.groups.length * 2, 64));
      grown.set(this.groups.subarray(0, this.count));
      this.groups = grown;
    }
    let c = this.count;
    const values = this.values;
    const groups = this.groups;
    const x = v.values;
    const val = v.validity;
    if (val === null) {
      values.set(x.subarray(0, n), c);
      groups.set(g.subarray(0, n), c);
      c += n;
    } else {
      for (let i = 0; i < n; i++) {
        if (val[i] === 0) continue;
        values[c] = x[i];
        groups[c] = g[i];
        c++;
      }
    }
    this.count = c;
  }
  finish(groupCount: number): Vec {
    // Counting sort of the collected values by group, then one selection per group.
    const starts = new Int32Array(groupCount + 1);
    for (let i = 0; i < this.count; i++) starts[this.groups[i] + 1]++;
    for (let k = 0; k < groupCount; k++) starts[k + 1] += starts[k];
    const pos = starts.slice(0, groupCount);
    const sorted = new Float64Array(this.count);
    for (let i = 0; i < this.count; i++) sorted[pos[this.groups[i]]++] = this.values[i];
    const out = new Float64Array(groupCount);
    const validity = new Uint8Array(groupCount);
    for (let k = 0; k < groupCount; k++) {
      const lo = starts[k];
      const n = starts[k + 1] - lo;
      if (n === 0) continue;
      validity[k] = 1;
      if (this.continuous) {
        const rank = this.q * (n - 1);
        const below = Math.floor(rank);
        const a = select(sorted, lo, lo + n - 1, lo + below);
        if (rank === below) out[k] = a;
        else {
          const b = select(sorted, lo + below + 1, lo + n - 1, lo + below + 1);
          out[k] = a + (rank - below) * (b - a);
        }
      } else {
        const idx = Math.max(0, Math.ceil(this.q * n) - 1);
        out[k] = select(sorted, lo, lo + n - 1, lo + idx);
      }
    }
    return { type: 'float64', length: groupCount, values: out, validity };
  }
  bytes(): number {
    return this.values.byteLength + this.groups.byteLength;
  }
}

function fraction(params: readonly Scalar[], name: string): number {
  const q = params[0];
  if (typeof q !== 'number' || !(q >= 0 && q <= 1)) {
    throw new QueryRuntimeError('invalid_argument', `percentile value ${String(q)} is not between 0 and 1 in ${name}`);
  }
  return q;
}

const numeric = (name: string) => (types: readonly SqlType[]) => {
  if (!isNumericType(types[0]) && types[0] !== 'null') return `function ${name}(${types[0]}) does not exist (expects a number)`;
  return { params: types.map(() => 'double' as SqlType), returns: 'double' as SqlType };
};

function welford(name: string, population: boolean, sqrt: boolean): AggregateDef {
  return { name, minArgs: 1, maxArgs: 1, resolve: numeric(name), create: () => new WelfordAccumulator(population, sqrt) };
}

function percentile(name: string, continuous: boolean): AggregateDef {
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    constArgs: [1],
    resolve: numeric(name),
    create: (_t, _r, params) => new PercentileAccumulator(fraction(params, name), continuous),
  };
}

export const STAT_AGGREGATES: readonly AggregateDef[] = [
  welford('stddev', false, true),
  welford('stddev_samp', false, true),
  welford('stddev_pop', true, true),
  welford('variance', false, false),
  welford('var_samp', false, false),
  welford('var_pop', true, false),
  percentile('approx_percentile', true),
  percentile('percentile_cont', true),
  percentile('percentile_disc', false),
  percentile('quantile_cont', true),
  percentile('quantile_disc', false),
  percentile('quantile', true),
  { name: 'median', minArgs: 1, maxArgs: 1, resolve: numeric('median'), create: () => new PercentileAccumulator(0.5, true) },
];

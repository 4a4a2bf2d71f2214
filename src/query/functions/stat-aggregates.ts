/**
 * Statistical aggregates: stddev/variance (sample and population, Welford's method) and
 * percentiles. Percentiles are exact (values are collected, then the rank is selected per
 * group: percentile-select.ts); `approx_percentile` uses the same exact method and is
 * named for compatibility. Interpolation follows PostgreSQL's percentile_cont / percentile_disc.
 */
import { QueryRuntimeError } from '../errors.ts';
import type { Scalar } from '../values/scalar.ts';
import { isNumericType, type SqlType } from '../values/sql-type.ts';
import type { Vec } from '../values/vec.ts';
import { growF64, type AggregateDef, type GroupedAccumulator } from './aggregate-function.ts';
import { kthAndNext } from './percentile-select.ts';

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

/** Rows an aggregate saw, kept by reference until finish (input vectors are immutable). */
interface Collected {
  readonly values: Float64Array;
  readonly validity: Uint8Array | null;
  /** Per-row group ids, or null with runs. */
  readonly ids: Int32Array | null;
  readonly n: number;
  readonly starts: Int32Array | null;
  readonly groups: Int32Array | null;
  readonly runs: number;
}

/**
 * Percentiles: keeps references to the batches' values and group ids (no copy per row),
 * then at finish lays each group's values out contiguously once and selects the rank
 * (percentile-select.ts).
 */
class PercentileAccumulator implements GroupedAccumulator {
  private readonly seen: Collected[] = [];
  private heldBytes = 0;
  constructor(
    private readonly q: number,
    private readonly continuous: boolean,
  ) {}

  update(args: readonly Vec[], g: Int32Array, n: number): void {
    const v = args[0] as Vec & { values: Float64Array; validity: Uint8Array | null };
    this.seen.push({ values: v.values, validity: v.validity, ids: g, n, starts: null, groups: null, runs: 0 });
    this.heldBytes += n * 12;
  }

  updateRuns(args: readonly Vec[], starts: Int32Array, groups: Int32Array, runs: number): void {
    const v = args[0] as Vec & { values: Float64Array; validity: Uint8Array | null };
    this.seen.push({ values: v.values, validity: v.validity, ids: null, n: starts[runs], starts, groups, runs });
    this.heldBytes += starts[runs] * 8 + runs * 8;
  }

  finish(groupCount: number): Vec {
    // Counting sort by group: sizes, offsets, then every value to its group's slice.
    const offsets = new Int32Array(groupCount + 1);
    for (const c of this.seen) {
      if (c.ids !== null) {
        const { ids, validity } = c;
        for (let i = 0; i < c.n; i++) if (validity === null || validity[i] === 1) offsets[ids[i] + 1]++;
      } else if (c.starts !== null && c.groups !== null) {
        for (let r = 0; r < c.runs; r++) offsets[c.groups[r] + 1] += validRows(c.validity, c.starts[r], c.starts[r + 1]);
      }
    }
    for (let k = 0; k < groupCount; k++) offsets[k + 1] += offsets[k];
    const all = new Float64Array(offsets[groupCount]);
    const at = offsets.slice(0, groupCount);
    for (const c of this.seen) {
      const { values, validity } = c;
      if (c.ids !== null) {
        const ids = c.ids;
        for (let i = 0; i < c.n; i++) if (validity === null || validity[i] === 1) all[at[ids[i]]++] = values[i];
      } else if (c.starts !== null && c.groups !== null) {
        for (let r = 0; r < c.runs; r++) {
          const k = c.groups[r];
          const s = c.starts[r];
          const e = c.starts[r + 1];
          if (validity === null) {
            all.set(values.subarray(s, e), at[k]);
            at[k] += e - s;
          } else for (let i = s; i < e; i++) if (validity[i] === 1) all[at[k]++] = values[i];
        }
      }
    }
    this.seen.length = 0;
    this.heldBytes = all.byteLength;
    const out = new Float64Array(groupCount);
    const validity = new Uint8Array(groupCount);
    for (let k = 0; k < groupCount; k++) {
      const n = offsets[k + 1] - offsets[k];
      if (n === 0) continue;
      const a = all.subarray(offsets[k], offsets[k + 1]);
      validity[k] = 1;
      if (this.continuous) {
        const rank = this.q * (n - 1);
        const below = Math.floor(rank);
        const [lo, hi] = kthAndNext(a, n, below);
        out[k] = rank === below ? lo : lo + (rank - below) * (hi - lo);
      } else {
        out[k] = kthAndNext(a, n, Math.max(0, Math.ceil(this.q * n) - 1))[0];
      }
    }
    return { type: 'float64', length: groupCount, values: out, validity };
  }

  bytes(): number {
    return this.heldBytes;
  }
}

function validRows(validity: Uint8Array | null, start: number, end: number): number {
  if (validity === null) return end - start;
  let n = 0;
  for (let i = start; i < end; i++) n += validity[i];
  return n;
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

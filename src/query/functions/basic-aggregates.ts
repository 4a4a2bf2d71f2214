/**
 * count, sum, avg, min, max, bool_and, bool_or. Sums of bigints stay exact or fail
 * with the out-of-range error; sums and averages of no rows are NULL.
 */
import { outOfRange } from '../values/checked-int.ts';
import { isNumericType, vecTypeOf, type SqlType } from '../values/sql-type.ts';
import { ValueStore } from '../values/value-store.ts';
import { isDictVec, type Vec } from '../values/vec.ts';
import { growF64, validAt, type AggregateDef, type GroupedAccumulator } from './aggregate-function.ts';

const MAX = Number.MAX_SAFE_INTEGER;

class CountAccumulator implements GroupedAccumulator {
  private counts: Float64Array = new Float64Array(0);
  constructor(private readonly star: boolean) {}
  update(args: readonly Vec[], g: Int32Array, n: number, groupCount: number): void {
    const counts = (this.counts = growF64(this.counts, groupCount));
    if (this.star || args.length === 0) {
      for (let i = 0; i < n; i++) counts[g[i]]++;
      return;
    }
    const v = args[0];
    if (isDictVec(v)) {
      const codes = v.codes;
      for (let i = 0; i < n; i++) if (codes[i] >= 0) counts[g[i]]++;
    } else if (v.validity === null) {
      for (let i = 0; i < n; i++) counts[g[i]]++;
    } else {
      const val = v.validity;
      for (let i = 0; i < n; i++) counts[g[i]] += val[i];
    }
  }
  updateRuns(args: readonly Vec[], starts: Int32Array, groups: Int32Array, runs: number, groupCount: number): void {
    const counts = (this.counts = growF64(this.counts, groupCount));
    const v = this.star || args.length === 0 ? null : args[0];
    for (let r = 0; r < runs; r++) counts[groups[r]] += v === null ? starts[r + 1] - starts[r] : validCount(v, starts[r], starts[r + 1]);
  }
  finish(groupCount: number): Vec {
    this.counts = growF64(this.counts, groupCount);
    return { type: 'int64', length: groupCount, values: this.counts.slice(0, groupCount), validity: null };
  }
  bytes(): number {
    return this.counts.byteLength;
  }
}

class SumAccumulator implements GroupedAccumulator {
  private sums: Float64Array = new Float64Array(0);
  private counts: Float64Array = new Float64Array(0);
  constructor(
    private readonly mode: 'sum_int' | 'sum_double' | 'avg',
  ) {}
  update(args: readonly Vec[], g: Int32Array, n: number, groupCount: number): void {
    const sums = (this.sums = growF64(this.sums, groupCount));
    const counts = (this.counts = growF64(this.counts, groupCount));
    const v = args[0] as Vec & { values: Float64Array; validity: Uint8Array | null };
    const values = v.values;
    const val = v.validity;
    if (this.mode === 'sum_int') {
      for (let i = 0; i < n; i++) {
        if (val !== null && val[i] === 0) continue;
        const s = sums[g[i]] + values[i];
        if (s > MAX || s < -MAX) throw outOfRange();
        sums[g[i]] = s;
        counts[g[i]]++;
      }
      return;
    }
    if (val === null) {
      for (let i = 0; i < n; i++) {
        sums[g[i]] += values[i];
        counts[g[i]]++;
      }
    } else {
      for (let i = 0; i < n; i++) {
        if (val[i] === 0) continue;
        sums[g[i]] += values[i];
        counts[g[i]]++;
      }
    }
  }
  updateRuns(args: readonly Vec[], starts: Int32Array, groups: Int32Array, runs: number, groupCount: number): void {
    const sums = (this.sums = growF64(this.sums, groupCount));
    const counts = (this.counts = growF64(this.counts, groupCount));
    const v = args[0] as Vec & { values: Float64Array; validity: Uint8Array | null };
    const values = v.values;
    const val = v.validity;
    const checked = this.mode === 'sum_int';
    for (let r = 0; r < runs; r++) {
      const k = groups[r];
      const end = starts[r + 1];
      // Adds in row order from the group's running sum: the same result as row at a time.
      let sum = sums[k];
      let c = 0;
      if (val === null && !checked) {
        for (let i = starts[r]; i < end; i++) sum += values[i];
        c = end - starts[r];
      } else {
        for (let i = starts[r]; i < end; i++) {
          if (val !== null && val[i] === 0) continue;
          sum += values[i];
          c++;
          if (checked && (sum > MAX || sum < -MAX)) throw outOfRange();
        }
      }
      sums[k] = sum;
      counts[k] += c;
    }
  }
  finish(groupCount: number): Vec {
    this.sums = growF64(this.sums, groupCount);
    this.counts = growF64(this.counts, groupCount);
    const values = new Float64Array(groupCount);
    let validity: Uint8Array | null = null;
    for (let k = 0; k < groupCount; k++) {
      const c = this.counts[k];
      if (c === 0) {
        if (validity === null) validity = new Uint8Array(groupCount).fill(1);
        validity[k] = 0;
        continue;
      }
      values[k] = this.mode === 'avg' ? this.sums[k] / c : this.sums[k];
    }
    return { type: this.mode === 'sum_int' ? 'int64' : 'float64', length: groupCount, values, validity };
  }
  bytes(): number {
    return this.sums.byteLength + this.counts.byteLength;
  }
}

/** min/max of numbers in typed arrays (NaN is the largest value, as in PostgreSQL). */
class NumberExtremeAccumulator implements GroupedAccumulator {
  private best: Float64Array = new Float64Array(0);
  private seen: Float64Array = new Float64Array(0);
  constructor(
    private readonly type: 'int64' | 'float64',
    private readonly isMax: boolean,
  ) {}
  update(args: readonly Vec[], g: Int32Array, n: number, groupCount: number): void {
    const best = (this.best = growF64(this.best, groupCount));
    const seen = (this.seen = growF64(this.seen, groupCount));
    const v = args[0] as Vec & { values: Float64Array; validity: Uint8Array | null };
    const x = v.values;
    const val = v.validity;
    const isMax = this.isMax;
    for (let i = 0; i < n; i++) {
      if (val !== null && val[i] === 0) continue;
      const k = g[i];
      const xi = x[i];
      if (seen[k] === 0) {
        seen[k] = 1;
        best[k] = xi;
        continue;
      }
      const b = best[k];
      if (isMax) {
        if (xi > b || (xi !== xi && b === b)) best[k] = xi;
      } else if (xi < b || (b !== b && xi === xi)) best[k] = xi;
    }
  }
  updateRuns(args: readonly Vec[], starts: Int32Array, groups: Int32Array, runs: number, groupCount: number): void {
    const best = (this.best = growF64(this.best, groupCount));
    const seen = (this.seen = growF64(this.seen, groupCount));
    const v = args[0] as Vec & { values: Float64Array; validity: Uint8Array | null };
    const x = v.values;
    const val = v.validity;
    for (let r = 0; r < runs; r++) {
      const k = groups[r];
      let start = starts[r];
      const end = starts[r + 1];
      if (seen[k] === 0) {
        // The run's first non-null value opens the group.
        while (start < end && val !== null && val[start] === 0) start++;
        if (start === end) continue;
        seen[k] = 1;
        best[k] = x[start++];
      }
      best[k] = this.isMax ? maxOf(x, val, start, end, best[k]) : minOf(x, val, start, end, best[k]);
    }
  }
  finish(groupCount: number): Vec {
    this.best = growF64(this.best, groupCount);
    this.seen = growF64(this.seen, groupCount);
    const validity = new Uint8Array(groupCount);
    for (let k = 0; k < groupCount; k++) validity[k] = this.seen[k] === 1 ? 1 : 0;
    return { type: this.type, length: groupCount, values: this.best.slice(0, groupCount), validity };
  }
  bytes(): number {
    return this.best.byteLength + this.seen.byteLength;
  }
}

/** min/max of any other type through a ValueStore. */
class ExtremeAccumulator implements GroupedAccumulator {
  private readonly store: ValueStore;
  constructor(
    type: SqlType,
    private readonly sign: 1 | -1,
  ) {
    this.store = new ValueStore(vecTypeOf(type));
  }
  update(args: readonly Vec[], g: Int32Array, n: number, groupCount: number): void {
    const store = this.store;
    store.ensure(groupCount);
    const v = args[0];
    for (let i = 0; i < n; i++) {
      if (!validAt(v, i)) continue;
      const k = g[i];
      if (!store.has(k) || this.sign * store.compare(v, i, k) > 0) store.put(k, v, i);
    }
  }
  finish(groupCount: number): Vec {
    return this.store.finish(groupCount);
  }
  bytes(): number {
    return this.store.bytes();
  }
}

class BoolAccumulator implements GroupedAccumulator {
  private state: Float64Array = new Float64Array(0); // 0 = no value, 1 = false, 2 = true
  constructor(private readonly isAnd: boolean) {}
  update(args: readonly Vec[], g: Int32Array, n: number, groupCount: number): void {
    const st = (this.state = growF64(this.state, groupCount));
    const v = args[0] as Vec & { type: 'boolean' };
    for (let i = 0; i < n; i++) {
      if (v.validity !== null && v.validity[i] === 0) continue;
      const b = v.values[i] === 1;
      const k = g[i];
      const cur = st[k];
      st[k] = cur === 0 ? (b ? 2 : 1) : this.isAnd ? (cur === 2 && b ? 2 : 1) : cur === 2 || b ? 2 : 1;
    }
  }
  finish(groupCount: number): Vec {
    this.state = growF64(this.state, groupCount);
    const values = new Uint8Array(groupCount);
    const validity = new Uint8Array(groupCount);
    for (let k = 0; k < groupCount; k++) {
      values[k] = this.state[k] === 2 ? 1 : 0;
      validity[k] = this.state[k] === 0 ? 0 : 1;
    }
    return { type: 'boolean', length: groupCount, values, validity };
  }
  bytes(): number {
    return this.state.byteLength;
  }
}

/** max(b, x[start..end) non-null) with NaN as the largest value. */
function maxOf(x: Float64Array, val: Uint8Array | null, start: number, end: number, b: number): number {
  if (val === null) {
    for (let i = start; i < end; i++) {
      const xi = x[i];
      // One comparison for the common case (xi <= b); NaN on either side falls through.
      if (!(xi <= b) && (xi > b || b === b)) b = xi;
    }
    return b;
  }
  for (let i = start; i < end; i++) {
    const xi = x[i];
    if (val[i] === 1 && (xi > b || (xi !== xi && b === b))) b = xi;
  }
  return b;
}

/** min(b, x[start..end) non-null) with NaN as the largest value. */
function minOf(x: Float64Array, val: Uint8Array | null, start: number, end: number, b: number): number {
  if (val === null) {
    for (let i = start; i < end; i++) {
      const xi = x[i];
      if (!(xi >= b) && (xi < b || (b !== b && xi === xi))) b = xi;
    }
    return b;
  }
  for (let i = start; i < end; i++) {
    const xi = x[i];
    if (val[i] === 1 && (xi < b || (b !== b && xi === xi))) b = xi;
  }
  return b;
}

/** Non-null rows of v in [start, end). */
function validCount(v: Vec, start: number, end: number): number {
  let n = 0;
  if (isDictVec(v)) {
    const codes = v.codes;
    for (let i = start; i < end; i++) if (codes[i] >= 0) n++;
    return n;
  }
  const val = v.validity;
  if (val === null) return end - start;
  for (let i = start; i < end; i++) n += val[i];
  return n;
}

const numericArg = (name: string, returns: (t: SqlType) => SqlType) => (types: readonly SqlType[]) => {
  const t = types[0] === 'null' ? 'double' : types[0];
  if (!isNumericType(t)) return `function ${name}(${types[0]}) does not exist (expects a number)`;
  return { params: [t], returns: returns(t) };
};

export const BASIC_AGGREGATES: readonly AggregateDef[] = [
  {
    name: 'count',
    minArgs: 0,
    maxArgs: 1,
    resolve: (types) => ({ params: [...types], returns: 'bigint' }),
    create: (types) => new CountAccumulator(types.length === 0),
  },
  {
    name: 'sum',
    minArgs: 1,
    maxArgs: 1,
    resolve: numericArg('sum', (t) => t),
    create: (_t, returns) => new SumAccumulator(returns === 'bigint' ? 'sum_int' : 'sum_double'),
  },
  {
    name: 'avg',
    minArgs: 1,
    maxArgs: 1,
    resolve: numericArg('avg', () => 'double'),
    create: () => new SumAccumulator('avg'),
  },
  ...(['min', 'max'] as const).map(
    (name): AggregateDef => ({
      name,
      minArgs: 1,
      maxArgs: 1,
      resolve: (types) => (types[0] === 'null' ? { params: ['text'], returns: 'text' } : { params: [types[0]], returns: types[0] }),
      create: (_t, returns) =>
        returns === 'bigint' || returns === 'double'
          ? new NumberExtremeAccumulator(returns === 'bigint' ? 'int64' : 'float64', name === 'max')
          : new ExtremeAccumulator(returns, name === 'max' ? 1 : -1),
    }),
  ),
  ...(['bool_and', 'bool_or', 'every'] as const).map(
    (name): AggregateDef => ({
      name,
      minArgs: 1,
      maxArgs: 1,
      resolve: (types) => (types[0] === 'boolean' || types[0] === 'null' ? { params: ['boolean'], returns: 'boolean' } : `${name} expects a boolean`),
      create: () => new BoolAccumulator(name !== 'bool_or'),
    }),
  ),
];

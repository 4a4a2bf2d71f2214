import { describe, expect, test } from 'bun:test';
import type { SqlType } from '../values/sql-type.ts';
import type { Vec } from '../values/vec.ts';
import { findAggregate } from './aggregate-registry.ts';

/** Runs of equal ids: [starts, groups, count]. */
function runs(ids: Int32Array): [Int32Array, Int32Array, number] {
  const starts: number[] = [0];
  const groups: number[] = [ids[0]];
  for (let i = 1; i < ids.length; i++) {
    if (ids[i] !== ids[i - 1]) {
      starts.push(i);
      groups.push(ids[i]);
    }
  }
  starts.push(ids.length);
  return [Int32Array.from(starts), Int32Array.from(groups), groups.length];
}

describe('aggregates folded by runs equal aggregates folded by rows', () => {
  const cases: [string, SqlType, number[]][] = [
    ['count', 'double', []],
    ['sum', 'double', []],
    ['sum', 'bigint', []],
    ['avg', 'double', []],
    ['min', 'double', []],
    ['max', 'double', []],
    ['approx_percentile', 'double', [0.99]],
    ['percentile_cont', 'double', [0.5]],
    ['percentile_disc', 'double', [0.1]],
  ];
  for (const [name, type, params] of cases) {
    test(`${name}(${type})`, () => {
      let seed = 11;
      const rand = (): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      const def = findAggregate(name);
      if (def === undefined) throw new Error(name);
      const returns = type === 'bigint' && name !== 'avg' && !name.includes('percentile') ? 'bigint' : 'double';
      const byRows = def.create([type], returns, params);
      const byRuns = def.create([type], returns, params);
      expect(byRuns.updateRuns).toBeDefined();
      let groupCount = 0;
      for (let batch = 0; batch < 5; batch++) {
        const n = 300 + batch * 17;
        const ids = new Int32Array(n);
        let g = 0;
        for (let i = 0; i < n; i++) {
          if (i % 23 === 0) g = Math.floor(rand() * (4 + batch));
          ids[i] = g;
        }
        groupCount = Math.max(groupCount, 4 + batch);
        const values = Float64Array.from({ length: n }, () => (type === 'bigint' ? Math.floor(rand() * 1000) : batch >= 2 && rand() < 0.005 ? NaN : rand() * 200 - 100));
        const validity = batch % 2 === 0 ? null : Uint8Array.from({ length: n }, () => (rand() < 0.1 ? 0 : 1));
        const arg: Vec = { type: type === 'bigint' ? 'int64' : 'float64', length: n, values, validity };
        byRows.update([arg], ids, n, groupCount);
        const [starts, groups, count] = runs(ids);
        byRuns.updateRuns?.([arg], starts, groups, count, groupCount);
      }
      // Compared as plain arrays: typed-array equality would treat NaN as unequal to itself.
      const a = byRuns.finish(groupCount) as Vec & { values: Float64Array; validity: Uint8Array | null };
      const b = byRows.finish(groupCount) as Vec & { values: Float64Array; validity: Uint8Array | null };
      expect(a.type).toBe(b.type);
      expect(Array.from(a.values)).toEqual(Array.from(b.values));
      expect(a.validity === null ? null : Array.from(a.validity)).toEqual(b.validity === null ? null : Array.from(b.validity));
    });
  }
});

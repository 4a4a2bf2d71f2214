import { describe, expect, test } from 'bun:test';
import { GroupKeys } from './group-keys.ts';

describe('GroupKeys', () => {
  test('one dictionary key: codes of different dictionaries with the same string share a group; NULL is a group', () => {
    const keys = new GroupKeys(['string']);
    const a = keys.assign([{ type: 'string', length: 4, codes: Int32Array.of(0, 1, -1, 0), dict: ['x', 'y'] }], 4);
    const b = keys.assign([{ type: 'string', length: 3, codes: Int32Array.of(0, 1, -1), dict: ['y', 'z'] }], 3);
    expect([...a]).toEqual([0, 1, 2, 0]);
    expect([...b]).toEqual([1, 3, 2]);
    const [v] = keys.keyVectors();
    expect(v.type === 'string' && [...v.codes].map((c) => (c < 0 ? null : v.dict[c]))).toEqual(['x', 'y', null, 'z']);
  });

  test('a dictionary that grows between batches keeps its codes', () => {
    const dict = ['x'];
    const keys = new GroupKeys(['string']);
    keys.assign([{ type: 'string', length: 1, codes: Int32Array.of(0), dict }], 1);
    dict.push('y');
    const g = keys.assign([{ type: 'string', length: 3, codes: Int32Array.of(1, 0, -1), dict }], 3);
    expect([...g]).toEqual([1, 0, 2]);
  });

  test('several key columns of mixed types, and lookups for joins', () => {
    const keys = new GroupKeys(['int64', 'timestamp', 'string']);
    const cols = [
      { type: 'int64' as const, length: 3, values: Float64Array.of(1, 1, 2), validity: null },
      { type: 'timestamp' as const, length: 3, ms: Float64Array.of(5, 5, 5), nanos: Int32Array.of(1, 1, 2), validity: null },
      { type: 'string' as const, length: 3, codes: Int32Array.of(0, 0, 0), dict: ['a'] },
    ];
    expect([...keys.assign(cols, 3)]).toEqual([0, 0, 1]);
    const probe = [
      { type: 'int64' as const, length: 2, values: Float64Array.of(2, 3), validity: null },
      { type: 'timestamp' as const, length: 2, ms: Float64Array.of(5, 5), nanos: Int32Array.of(2, 2), validity: null },
      { type: 'string' as const, length: 2, codes: Int32Array.of(0, 0), dict: ['a'] },
    ];
    expect([...keys.lookup(probe, 2)]).toEqual([1, -1]);
    const out = keys.keyVectors();
    expect(out[1].type === 'timestamp' && [...out[1].nanos]).toEqual([1, 2]);
  });

  test('assignRuns gives the same groups as assign, as runs when rows are run-like', () => {
    let seed = 7;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const dict = ['a', 'b', 'c', 'd', 'e'];
    for (const runLength of [1, 3, 8, 40, 1000]) {
      const perRow = new GroupKeys(['string']);
      const byRuns = new GroupKeys(['string']);
      let sawRuns = false;
      for (let batch = 0; batch < 6; batch++) {
        const n = 500 + batch * 37;
        const codes = new Int32Array(n);
        let c = 0;
        for (let i = 0; i < n; i++) {
          if (i % runLength === 0) c = Math.floor(rand() * 6) - 1; // -1 = NULL
          codes[i] = c;
        }
        // A new dictionary object per batch, as every part has its own.
        const key = { type: 'string' as const, length: n, codes, dict: [...dict] };
        const want = perRow.assign([key], n);
        const got = byRuns.assignRuns([key], n);
        if (got.runs !== null) {
          sawRuns = true;
          expect(got.runs.starts[got.runs.count]).toBe(n);
        }
        expect([...got.ids()]).toEqual([...want]);
      }
      if (runLength === 1) expect(sawRuns).toBe(false);
      if (runLength >= 40) expect(sawRuns).toBe(true);
      expect(byRuns.count).toBe(perRow.count);
      expect(byRuns.keyVectors()).toEqual(perRow.keyVectors());
    }
  });

  test('assignRuns without keys is one run of group 0; other keys detect runs of their ids', () => {
    const none = new GroupKeys([]);
    const all = none.assignRuns([], 10);
    expect(all.runs).toEqual({ count: 1, starts: Int32Array.of(0, 10), groups: Int32Array.of(0) });
    expect([...all.ids()]).toEqual(new Array(10).fill(0));
    const ints = new GroupKeys(['int64']);
    const values = Float64Array.from({ length: 64 }, (_, i) => Math.floor(i / 16));
    const a = ints.assignRuns([{ type: 'int64', length: 64, values, validity: null }], 64);
    expect(a.runs?.count).toBe(4);
    expect([...(a.runs?.groups ?? [])]).toEqual([0, 1, 2, 3]);
  });
});

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
});

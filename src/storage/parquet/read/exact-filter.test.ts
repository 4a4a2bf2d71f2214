import { describe, expect, test } from 'bun:test';
import { METRICS_SCHEMA } from '../../../columnar/index.ts';
import { composeRanges, exactFilters, matchingRanges } from './exact-filter.ts';

describe('exact filters', () => {
  test('only string = / IN hints on projected columns apply', () => {
    const fields = METRICS_SCHEMA.fields.filter((f) => ['name', 'value', 'attributes'].includes(f.name));
    const got = exactFilters(
      [
        { kind: 'compare', column: 'name', op: '=', value: 'cpu' },
        { kind: 'compare', column: 'name', op: '<', value: 'cpu' },
        { kind: 'in', column: 'name', values: ['a', 'b'] },
        { kind: 'in', column: 'name', values: ['a', null] },
        { kind: 'compare', column: 'service_name', op: '=', value: 'api' }, // not projected
        { kind: 'compare', column: 'attributes', op: '=', value: '{}' }, // json, not string
        { kind: 'compare', column: 'value', op: '=', value: 3 },
      ],
      fields,
    );
    expect(got).toEqual([
      { column: fields.findIndex((f) => f.name === 'name'), values: ['cpu'] },
      { column: fields.findIndex((f) => f.name === 'name'), values: ['a', 'b'] },
    ]);
  });

  test('matchingRanges compares each dictionary entry once; nulls never match; all-match is null', () => {
    const v = { type: 'string' as const, length: 8, codes: Int32Array.of(0, 1, 2, -1, 1, 3, 3, 0), dict: ['a', 'b', 'c', 'b'] };
    expect(matchingRanges(v, ['b'])).toEqual([1, 2, 4, 7]);
    expect(matchingRanges(v, ['a', 'c'])).toEqual([0, 1, 2, 3, 7, 8]);
    expect(matchingRanges(v, ['z'])).toEqual([]);
    expect(matchingRanges({ ...v, codes: Int32Array.of(1, 3, 1), length: 3 }, ['b'])).toBeNull();
    expect(matchingRanges({ ...v, codes: Int32Array.of(-2, 1), length: 2 }, ['b'])).toEqual([1, 2]);
  });

  test('composeRanges maps ranges of positions in the selected rows back to row-group ranges', () => {
    const outer = [10, 20, 30, 35, 50, 60];
    // positions 0-2 → rows 10-12; 9-10 → rows 19 and 30; 14-15 → rows 34 and 50; 24 → row 59
    expect(composeRanges(outer, [0, 3, 9, 11, 14, 16, 24, 25])).toEqual([10, 13, 19, 20, 30, 31, 34, 35, 50, 51, 59, 60]);
    expect(composeRanges(outer, [0, 25])).toEqual(outer);
    expect(composeRanges([0, 5, 5, 9], [2, 7])).toEqual([2, 7]);
    expect(composeRanges(outer, [])).toEqual([]);
  });
});

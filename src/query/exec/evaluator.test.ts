import { describe, expect, test } from 'bun:test';
import type { BoundExpr } from '../plan/bound-expr.ts';
import type { Vec } from '../values/vec.ts';
import { ExpressionEvaluator } from './evaluator.ts';
import type { ExecBatch } from './exec-batch.ts';

/** A dictionary whose element reads are counted. */
function countingDict(values: string[]): { dict: string[]; reads: () => number } {
  let reads = 0;
  const dict = new Proxy(values, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && /^\d+$/.test(prop)) reads++;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { dict, reads: () => reads };
}

const attrs: BoundExpr = { kind: 'column', index: 0, type: 'json', name: 'attributes' };
const routeOf: BoundExpr = { kind: 'call', name: 'json_get_text', args: [attrs, { kind: 'literal', value: 'http.route', type: 'text' }], type: 'text' };

function batchOf(dict: readonly string[], rows: number): ExecBatch {
  const codes = new Int32Array(rows);
  for (let i = 0; i < rows; i++) codes[i] = i % 4 === 3 ? -1 : i % 3;
  const col: Vec = { type: 'json', length: rows, codes, dict };
  return { columns: [col], length: rows, sel: null };
}

describe('dictionary-aware evaluation', () => {
  test("attributes['k'] is computed once per dictionary entry, not per row, and cached across batches", () => {
    const { dict, reads } = countingDict(['{"http.route":"/a"}', '{"http.route":"/b","x":1}', '{}']);
    const ev = new ExpressionEvaluator();
    const b = batchOf(dict, 100_000);
    const v = ev.evaluate(routeOf, b);
    if (v.type !== 'string') throw new Error('expected strings');
    expect([0, 1, 2, 3].map((i) => (v.codes[i] < 0 ? null : v.dict[v.codes[i]]))).toEqual(['/a', '/b', null, null]);
    expect(v.dict.length).toBeLessThanOrEqual(3);
    const afterFirst = reads();
    expect(afterFirst).toBeLessThanOrEqual(3 * 2);
    ev.evaluate(routeOf, batchOf(dict, 50_000));
    expect(reads()).toBe(afterFirst);
  });

  test('predicates on a dictionary column select rows from per-entry verdicts', () => {
    const { dict, reads } = countingDict(['{"http.route":"/a"}', '{"http.route":"/b"}', '{}']);
    const ev = new ExpressionEvaluator();
    const pred: BoundExpr = { kind: 'compare', op: '=', left: routeOf, right: { kind: 'literal', value: '/b', type: 'text' }, type: 'boolean' };
    const sel = ev.filter(pred, batchOf(dict, 12));
    expect([...sel]).toEqual([1, 4, 10]);
    expect(reads()).toBeLessThanOrEqual(6);
  });

  test('an entry no row uses may fail to evaluate without failing the query', () => {
    const ev = new ExpressionEvaluator();
    const col: Vec = { type: 'string', length: 2, codes: Int32Array.from([0, 0]), dict: ['42', 'not a number'] };
    const cast: BoundExpr = { kind: 'cast', arg: { kind: 'column', index: 0, type: 'text', name: 'x' }, type: 'bigint' };
    const v = ev.evaluate(cast, { columns: [col], length: 2, sel: null });
    expect(v.type === 'int64' && [...v.values]).toEqual([42, 42]);
  });

  test('CASE evaluates each branch only on the rows that reach it', () => {
    const ev = new ExpressionEvaluator();
    const x: Vec = { type: 'int64', length: 3, values: Float64Array.from([0, 2, 4]), validity: null };
    const col: BoundExpr = { kind: 'column', index: 0, type: 'bigint', name: 'x' };
    const e: BoundExpr = {
      kind: 'case',
      whens: [{ when: { kind: 'compare', op: '=', left: col, right: { kind: 'literal', value: 0, type: 'bigint' }, type: 'boolean' }, then: { kind: 'literal', value: -1, type: 'bigint' } }],
      else: { kind: 'arith', op: '/', left: { kind: 'literal', value: 8, type: 'bigint' }, right: col, type: 'bigint' },
      type: 'bigint',
    };
    const v = ev.evaluate(e, { columns: [x], length: 3, sel: null });
    expect(v.type === 'int64' && [...v.values]).toEqual([-1, 4, 2]);
  });
});

describe('append-only dictionaries that grow between batches', () => {
  test('cached per-entry results are not reused for a longer dictionary', () => {
    const dict = ['{"http.route":"/a"}'];
    const ev = new ExpressionEvaluator();
    const first = ev.evaluate(routeOf, { columns: [{ type: 'json', length: 1, codes: Int32Array.of(0), dict }], length: 1, sel: null });
    expect(first.type === 'string' && first.dict[first.codes[0]]).toBe('/a');
    dict.push('{"http.route":"/b"}');
    const second = ev.evaluate(routeOf, { columns: [{ type: 'json', length: 2, codes: Int32Array.of(1, 0), dict }], length: 2, sel: null });
    expect(second.type === 'string' && [...second.codes].map((c) => second.dict[c])).toEqual(['/b', '/a']);
    const pred: BoundExpr = { kind: 'compare', op: '=', left: routeOf, right: { kind: 'literal', value: '/b', type: 'text' }, type: 'boolean' };
    expect([...ev.filter(pred, { columns: [{ type: 'json', length: 2, codes: Int32Array.of(1, 0), dict }], length: 2, sel: null })]).toEqual([0]);
    dict.push('{"http.route":"/b"}');
    expect([...ev.filter(pred, { columns: [{ type: 'json', length: 3, codes: Int32Array.of(2, 0, 1), dict }], length: 3, sel: null })]).toEqual([0, 2]);
  });
});

import { describe, expect, test } from 'bun:test';
import type { ScanPredicate } from '../../../columnar/index.ts';
import { rangeMayMatch } from './range-may-match.ts';

const cmp = (op: '=' | '!=' | '<' | '<=' | '>' | '>=', value: ScanPredicate extends never ? never : number | bigint | string | null): ScanPredicate => ({ kind: 'compare', column: 'c', op, value });

describe('rangeMayMatch', () => {
  const ints = { min: 10, max: 20, nullCount: 0, rowCount: 100 };
  test('comparisons against [10, 20]', () => {
    const cases: [ScanPredicate, boolean][] = [
      [cmp('=', 9), false],
      [cmp('=', 10), true],
      [cmp('=', 21), false],
      [cmp('<', 10), false],
      [cmp('<=', 10), true],
      [cmp('>', 20), false],
      [cmp('>=', 20), true],
      [cmp('!=', 15), true],
      [cmp('=', null), true],
      [cmp('=', 'x'), true],
      [{ kind: 'in', column: 'c', values: [1, 2, 30] }, false],
      [{ kind: 'in', column: 'c', values: [1, 15] }, true],
    ];
    for (const [p, want] of cases) expect([p, rangeMayMatch(p, 'int64', ints)]).toEqual([p, want]);
    expect(rangeMayMatch(cmp('!=', 5), 'int64', { min: 5, max: 5, nullCount: 3, rowCount: 10 })).toBe(false);
  });

  test('nulls', () => {
    expect(rangeMayMatch({ kind: 'null', column: 'c', isNull: true }, 'int64', ints)).toBe(false);
    expect(rangeMayMatch({ kind: 'null', column: 'c', isNull: false }, 'int64', { min: null, max: null, nullCount: 5, rowCount: 5 })).toBe(false);
    expect(rangeMayMatch({ kind: 'null', column: 'c', isNull: true }, 'int64', { ...ints, nullCount: null })).toBe(true);
    expect(rangeMayMatch(cmp('=', 3), 'int64', { min: null, max: null, nullCount: 5, rowCount: 5 })).toBe(false);
  });

  test('timestamps compare as bigint ns; numbers do not prune them', () => {
    const ts = { min: 1_000n, max: 2_000n, nullCount: 0, rowCount: 3 };
    expect(rangeMayMatch(cmp('>=', 2_001n), 'timestamp', ts)).toBe(false);
    expect(rangeMayMatch(cmp('<', 1_000n), 'timestamp', ts)).toBe(false);
    expect(rangeMayMatch(cmp('<', 1_001n), 'timestamp', ts)).toBe(true);
    expect(rangeMayMatch(cmp('>=', 5000), 'timestamp', ts)).toBe(true);
  });

  test('strings, prefixes, and code-point-unsafe strings', () => {
    const s = { min: 'checkout', max: 'payment', nullCount: 0, rowCount: 9 };
    expect(rangeMayMatch(cmp('=', 'auth'), 'string', s)).toBe(false);
    expect(rangeMayMatch(cmp('=', 'frontend'), 'string', s)).toBe(true);
    expect(rangeMayMatch({ kind: 'prefix', column: 'c', prefix: 'zz' }, 'string', s)).toBe(false);
    expect(rangeMayMatch({ kind: 'prefix', column: 'c', prefix: 'a' }, 'string', s)).toBe(false);
    expect(rangeMayMatch({ kind: 'prefix', column: 'c', prefix: 'check' }, 'string', s)).toBe(true);
    expect(rangeMayMatch({ kind: 'prefix', column: 'c', prefix: 'pay' }, 'string', s)).toBe(true);
    expect(rangeMayMatch(cmp('=', '\u{1F600}'), 'string', { min: '\uFFFD', max: '\uFFFD', nullCount: 0, rowCount: 1 })).toBe(true);
  });

  test('NaN never prunes', () => {
    expect(rangeMayMatch(cmp('=', NaN), 'float64', { min: 1, max: 2, nullCount: 0, rowCount: 2 })).toBe(true);
  });
});

import { describe, expect, test } from 'bun:test';
import { kthAndNext } from './percentile-select.ts';

/** Ascending with NaN last, as percentiles order values. */
function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort((a, b) => (a !== a ? (b !== b ? 0 : 1) : b !== b ? -1 : a - b));
}

describe('kthAndNext', () => {
  test('matches a sort for every rank: tails (heaps), middles (quickselect), ties, NaN', () => {
    let seed = 3;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const shapes: (() => number)[] = [() => Math.round(Math.exp(10 + rand() * 4)), () => Math.floor(rand() * 5), () => (rand() < 0.05 ? NaN : rand() * 100 - 50), () => 7];
    for (const shape of shapes) {
      for (const n of [1, 2, 3, 9, 64, 333]) {
        const values = Array.from({ length: n }, shape);
        const want = sortedCopy(values);
        for (let k = 0; k < n; k++) {
          const [kth, next] = kthAndNext(Float64Array.from(values), n, k);
          expect([n, k, kth]).toEqual([n, k, want[k]]);
          expect([n, k, next]).toEqual([n, k, k + 1 < n ? want[k + 1] : NaN]);
        }
      }
    }
  });
});

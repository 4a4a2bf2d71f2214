import { describe, expect, test } from 'bun:test';
import { batchFromRows, batchToRows, METRICS_SCHEMA, takeBatch, takeRows, TABLE_SORT_KEYS, type Batch } from '../../../columnar/index.ts';
import { permuteColumns } from './permute-batch.ts';
import { sortPermutation, type RowOrder } from './sort-permutation.ts';

/** permuteColumns, with lazily permuted columns materialised for comparison. */
function permuteBatch(batch: Batch, order: RowOrder): Batch {
  const columns = permuteColumns(batch, order).map((c) => (c.perm === null ? c.vector : takeRows(c.vector, c.perm)));
  return { schema: batch.schema, length: batch.length, columns };
}

describe('sortPermutation', () => {
  test('orders by name, service, attributes, then timestamp (ms, nanos); nulls first; stable', () => {
    const rows = [
      { name: 'b', service_name: 's', attributes: '{}', timestamp: 5n, flags: 0 },
      { name: 'a', service_name: 't', attributes: '{}', timestamp: 2n, flags: 1 },
      { name: 'a', service_name: 's', attributes: '{"x":1}', timestamp: 1_000_001n, flags: 2 },
      { name: 'a', service_name: 's', attributes: '{"x":1}', timestamp: 1_000_000n, flags: 3 },
      { name: 'a', service_name: 's', attributes: '{}', timestamp: -7n, flags: 4 },
      { name: 'a', service_name: 's', attributes: '{}', timestamp: -7n, flags: 5 },
    ];
    const batch = batchFromRows(METRICS_SCHEMA, rows);
    const order = sortPermutation(batch, TABLE_SORT_KEYS.metrics);
    const perm = order.perm;
    expect(Array.from(perm)).toEqual([3, 2, 4, 5, 1, 0]); // '{"x":1}' < '{}'
    expect(batchToRows(permuteBatch(batch, order)).map((r) => r.flags)).toEqual([3, 2, 4, 5, 1, 0]);
  });

  test('many series with a large dictionary: every row once, keys non-decreasing', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      name: `m${(i * 7) % 13}`,
      service_name: `svc${i % 3}`,
      attributes: `{"k":${(i * 31) % 1009}}`,
      timestamp: BigInt((i * 7919) % 10007) * 1000n,
    }));
    const batch = batchFromRows(METRICS_SCHEMA, rows);
    const order = sortPermutation(batch, TABLE_SORT_KEYS.metrics);
    expect(new Set(order.perm).size).toBe(5000);
    const out = batchToRows(takeBatch(batch, order.perm));
    expect(batchToRows(permuteBatch(batch, order))).toEqual(out);
    for (let i = 1; i < out.length; i++) {
      const a = [out[i - 1].name, out[i - 1].service_name, out[i - 1].attributes] as string[];
      const b = [out[i].name, out[i].service_name, out[i].attributes] as string[];
      const c = a.join('\u0000') < b.join('\u0000') ? -1 : a.join('\u0000') > b.join('\u0000') ? 1 : 0;
      expect(c <= 0).toBe(true);
      if (c === 0) expect((out[i - 1].timestamp as bigint) <= (out[i].timestamp as bigint)).toBe(true);
    }
  });
});

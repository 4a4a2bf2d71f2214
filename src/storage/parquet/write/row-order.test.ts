import { describe, expect, test } from 'bun:test';
import { batchFromRows, batchToRows, METRICS_SCHEMA, nullVector, sliceBatch, takeRows, TABLE_SORT_KEYS, type BuilderValue } from '../../../columnar/index.ts';
import { PartInput } from './part-input.ts';
import { sortRows, type RowOrder } from './row-order.ts';
import { SortedColumns } from './sorted-columns.ts';

const HOUR_MS = 3_600_000;

/** The rows of every partition, in the order the writer gets them (uniform columns expanded). */
function sortedRows(input: PartInput, order: RowOrder): Record<string, unknown>[][] {
  const columns = new SortedColumns(input, order);
  return order.partitions.map((range) => {
    const length = range.end - range.start;
    const vectors = columns.columns(range).map((c) => {
      if (c.kind === 'values') return c.vector;
      if (c.kind === 'null') return nullVector(c.type, length);
      return takeRows(c.vector, new Int32Array(length));
    });
    return batchToRows({ schema: METRICS_SCHEMA, length, columns: vectors });
  });
}

function keyOf(r: Record<string, unknown>): string {
  return [r.name, r.service_name, r.attributes].join('\u0000');
}

function expectSorted(rows: Record<string, unknown>[]): void {
  for (let i = 1; i < rows.length; i++) {
    const a = keyOf(rows[i - 1]);
    const b = keyOf(rows[i]);
    expect(a <= b).toBe(true);
    if (a === b) expect((rows[i - 1].timestamp as bigint) <= (rows[i].timestamp as bigint)).toBe(true);
  }
}

describe('sortRows', () => {
  test('orders by name, service, attributes, then timestamp (ms, nanos); nulls first; stable', () => {
    const rows = [
      { name: 'b', service_name: 's', attributes: '{}', timestamp: 5n, flags: 0 },
      { name: 'a', service_name: 't', attributes: '{}', timestamp: 2n, flags: 1 },
      { name: 'a', service_name: 's', attributes: '{"x":1}', timestamp: 1_000_001n, flags: 2 },
      { name: 'a', service_name: 's', attributes: '{"x":1}', timestamp: 1_000_000n, flags: 3 },
      { name: 'a', service_name: 's', attributes: '{}', timestamp: -7n, flags: 4 },
      { name: 'a', service_name: 's', attributes: '{}', timestamp: -7n, flags: 5 },
    ];
    const input = new PartInput(METRICS_SCHEMA, [batchFromRows(METRICS_SCHEMA, rows)]);
    const order = sortRows(input, TABLE_SORT_KEYS.metrics);
    expect(Array.from(order.perm)).toEqual([3, 2, 4, 5, 1, 0]); // '{"x":1}' < '{}'
    for (let i = 0; i < order.perm.length; i++) expect(order.dest[order.perm[i]]).toBe(i);
    expect(sortedRows(input, order)[0].map((r) => r.flags)).toEqual([3, 2, 4, 5, 1, 0]);
  });

  const manySeries = (n: number): Record<string, BuilderValue>[] =>
    Array.from({ length: n }, (_, i) => ({
      name: `m${(i * 7) % 13}`,
      service_name: `svc${i % 3}`,
      attributes: `{"k":${(i * 31) % 1009}}`,
      timestamp: BigInt((i * 7919) % 10007) * 1000n + BigInt(HOUR_MS) * 1_000_000n * BigInt(i % 4),
      flags: i,
    }));

  for (const digitLimit of [undefined, 16, 1]) {
    test(`many series in batches with their own dictionaries, split by hour (digit limit ${digitLimit ?? 'default'})`, () => {
      const all = batchFromRows(METRICS_SCHEMA, manySeries(5000));
      // Batches with their own dictionaries, in an order that is not the time order.
      const batches = [2000, 0, 4500, 1000, 3000].map((s, i) => batchFromRows(METRICS_SCHEMA, batchToRows(sliceBatch(all, s, s + [1000, 1000, 500, 1000, 1500][i]))));
      const input = new PartInput(METRICS_SCHEMA, batches);
      const order = sortRows(input, TABLE_SORT_KEYS.metrics, HOUR_MS, digitLimit);
      expect(new Set(order.perm).size).toBe(5000);
      expect(order.partitions.map((p) => p.key)).toEqual([0, 1, 2, 3]);
      const parts = sortedRows(input, order);
      expect(parts.map((p) => p.length)).toEqual([1250, 1250, 1250, 1250]);
      parts.forEach((rows, hour) => {
        expectSorted(rows);
        for (const r of rows) expect(Number((r.timestamp as bigint) / 1_000_000n / BigInt(HOUR_MS))).toBe(hour);
      });
      expect(new Set(parts.flat().map((r) => r.flags)).size).toBe(5000);
    });
  }

  test('timestamps far apart (int64 extremes) still make ordered partitions', () => {
    const rows = [
      { name: 'a', service_name: 's', attributes: '{}', timestamp: 9_223_372_036_854_775_806n },
      { name: 'a', service_name: 's', attributes: '{}', timestamp: -9_223_372_036_854_775_807n },
      { name: 'a', service_name: 's', attributes: '{}', timestamp: 0n },
      { name: 'b', service_name: 's', attributes: '{}', timestamp: 1n },
    ];
    const input = new PartInput(METRICS_SCHEMA, [batchFromRows(METRICS_SCHEMA, rows)]);
    const order = sortRows(input, TABLE_SORT_KEYS.metrics, HOUR_MS);
    const keys = order.partitions.map((p) => p.key);
    expect(keys.length).toBe(3);
    expect([...keys].sort((a, b) => a - b)).toEqual(keys);
    expect(order.partitions.map((p) => p.end - p.start)).toEqual([1, 2, 1]);
    expect(sortedRows(input, order)[1].map((r) => r.name)).toEqual(['a', 'b']);
  });

  test('a series that arrived out of time order is sorted; the rest keep their order', () => {
    const rows = [5n, 3n, 9n, 1n, 7n].map((t, i) => ({ name: 'm', service_name: 's', attributes: i % 2 === 0 ? '{"a":1}' : '{"b":1}', timestamp: t, flags: i }));
    const input = new PartInput(METRICS_SCHEMA, [batchFromRows(METRICS_SCHEMA, rows)]);
    const order = sortRows(input, TABLE_SORT_KEYS.metrics);
    expect(sortedRows(input, order)[0].map((r) => r.flags)).toEqual([0, 4, 2, 3, 1]);
    for (let i = 0; i < order.perm.length; i++) expect(order.dest[order.perm[i]]).toBe(i);
  });

  test('no rows: no partitions', () => {
    const input = new PartInput(METRICS_SCHEMA, []);
    expect(sortRows(input, TABLE_SORT_KEYS.metrics, HOUR_MS).partitions).toEqual([]);
    expect(sortRows(input, TABLE_SORT_KEYS.metrics).partitions).toEqual([]);
  });
});

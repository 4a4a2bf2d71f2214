/**
 * encodePartitions (one sort for a whole multi-hour head, one part per hour) must write
 * exactly the part that encodePart writes for each hour's rows on their own.
 */
import { describe, expect, test } from 'bun:test';
import { batchFromRows, batchToRows, sliceBatch, takeBatch, TABLE_NAMES, type Batch, type TableName } from '../../src/columnar/index.ts';
import { encodePart, encodePartitions, memoryByteSource, readPartFooter, type PartWriteOptions } from '../../src/storage/parquet/index.ts';
import { metricsWorkload } from '../../bench/parquet-workload.ts';
import { randomBatch } from './part-fixtures.ts';

const HOUR_MS = 3_600_000;
const OPTIONS: PartWriteOptions = { compression: 'zstd', zstdLevel: 1, rowGroupRows: 5000, pageRows: 700 };

/** The rows of `batches` whose timestamp falls in hour `key`, as one batch. */
function hourRows(batches: readonly Batch[], key: number): Batch[] {
  return batches.map((b) => {
    const ts = b.columns[b.schema.fields.findIndex((f) => f.name === 'timestamp')];
    if (ts.type !== 'timestamp') throw new Error('no timestamp');
    const rows: number[] = [];
    for (let i = 0; i < b.length; i++) if (Math.floor(ts.ms[i] / HOUR_MS) === key) rows.push(i);
    return takeBatch(b, rows);
  });
}

function expectSameAsPerHour(table: TableName, batches: readonly Batch[], hours: number): void {
  const parts = [...encodePartitions(table, batches, HOUR_MS, OPTIONS)];
  expect(parts.length).toBe(hours);
  let rows = 0;
  for (const p of parts) {
    const alone = encodePart(table, hourRows(batches, p.key), OPTIONS);
    expect(Buffer.from(p.bytes).equals(Buffer.from(alone))).toBe(true);
    expect(readPartFooter(memoryByteSource(p.bytes)).rowCount).toBe(p.rowCount);
    rows += p.rowCount;
  }
  expect(rows).toBe(batches.reduce((n, b) => n + b.length, 0));
  expect(parts.map((p) => p.key)).toEqual([...parts.map((p) => p.key)].sort((a, b) => a - b));
}

describe('encodePartitions', () => {
  test('a head-shaped metrics input (shared dictionaries, chunks across hour boundaries)', () => {
    const all = metricsWorkload(180, 420); // 240 collections of 15 s: 45 min .. 105 min
    const chunks: Batch[] = [];
    for (let s = 0, size = 1024; s < all.length; s += size, size = Math.min(size * 2, 65536)) chunks.push(sliceBatch(all, s, Math.min(all.length, s + size)));
    expectSameAsPerHour('metrics', chunks, 2);
  });

  for (const table of TABLE_NAMES) {
    test(`${table}: batches with their own dictionaries, rows from many hours, nulls and edge values`, () => {
      const batches = [1, 2, 3].map((seed) => {
        const b = randomBatch(table, 900, seed, { extremeTimestamps: false });
        // Spread the rows over four hours without changing anything else.
        const rows = batchToRows(b).map((r, i) => ({ ...r, timestamp: 1_764_000_000_000_000_000n + BigInt(i % 4) * BigInt(HOUR_MS) * 1_000_000n + BigInt(i) }));
        return batchFromRows(b.schema, rows);
      });
      expectSameAsPerHour(table, batches, 4);
    });
  }

  test('without partitioning: one part, the same as encodePart; an empty input still yields one empty part', () => {
    const b = randomBatch('logs', 300, 5);
    const parts = [...encodePartitions('logs', [b], null, OPTIONS)];
    expect(parts.length).toBe(1);
    expect(Buffer.from(parts[0].bytes).equals(Buffer.from(encodePart('logs', [b], OPTIONS)))).toBe(true);
    const empty = [...encodePartitions('logs', [], null, OPTIONS)];
    expect(empty.map((p) => p.rowCount)).toEqual([0]);
    expect(readPartFooter(memoryByteSource(empty[0].bytes)).rowCount).toBe(0);
    expect([...encodePartitions('logs', [], HOUR_MS, OPTIONS)]).toEqual([]);
  });
});

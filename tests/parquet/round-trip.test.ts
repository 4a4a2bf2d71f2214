import { describe, expect, test } from 'bun:test';
import {
  batchToRows,
  emptyScanStats,
  TABLE_NAMES,
  TABLE_SCHEMAS,
  TABLE_SORT_KEYS,
  type Batch,
  type TableName,
} from '../../src/columnar/index.ts';
import { encodePart, memoryByteSource, readPartFooter, scanPart, type PartWriteOptions } from '../../src/storage/parquet/index.ts';
import { canonicalRows, randomBatch } from './part-fixtures.ts';

async function scanAll(bytes: Uint8Array, columns?: readonly string[]): Promise<{ rows: Record<string, unknown>[]; batches: Batch[] }> {
  const source = memoryByteSource(bytes);
  const footer = readPartFooter(source);
  const cols = columns ?? footer.schema.fields.map((f) => f.name);
  const batches: Batch[] = [];
  for await (const b of scanPart(source, footer, { columns: cols, predicates: [], stats: emptyScanStats() })) batches.push(b);
  return { rows: batches.flatMap((b) => batchToRows(b)), batches };
}

function sortKeyOf(row: Record<string, unknown>, keys: readonly string[]): unknown[] {
  return keys.map((k) => row[k]);
}

function compareKeys(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    return (x as string | bigint) < (y as string | bigint) ? -1 : 1;
  }
  return 0;
}

const OPTIONS: PartWriteOptions[] = [
  { compression: 'zstd', zstdLevel: 3, rowGroupRows: 700, pageRows: 128 },
  { compression: 'snappy', zstdLevel: 3 },
  { compression: 'none', zstdLevel: 3, rowGroupRows: 1000 },
];

describe('encodePart → scanPart round trip', () => {
  for (const table of TABLE_NAMES) {
    for (const options of OPTIONS) {
      test(`${table} with ${options.compression}`, async () => {
        const input = [randomBatch(table, 1200, 1), randomBatch(table, 600, 2), randomBatch(table, 3, 3)];
        const bytes = encodePart(table, input, options);
        const columns = TABLE_SCHEMAS[table].fields.map((f) => f.name);
        const { rows, batches } = await scanAll(bytes);
        expect(rows.length).toBe(1803);
        expect(canonicalRows(rows, columns)).toEqual(canonicalRows(input.flatMap((b) => batchToRows(b)), columns));
        for (const b of batches) expect(b.schema.fields.map((f) => f.name)).toEqual(columns);
        const keys = TABLE_SORT_KEYS[table];
        for (let i = 1; i < rows.length; i++) {
          expect(compareKeys(sortKeyOf(rows[i - 1], keys), sortKeyOf(rows[i], keys))).toBeLessThanOrEqual(0);
        }
      });
    }
  }

  test('projection returns exactly the requested columns in order', async () => {
    const bytes = encodePart('spans', [randomBatch('spans', 500, 9)], { compression: 'zstd', zstdLevel: 1 });
    const { batches, rows } = await scanAll(bytes, ['trace_id', 'timestamp', 'duration_ns']);
    expect(batches[0].schema.fields.map((f) => f.name)).toEqual(['trace_id', 'timestamp', 'duration_ns']);
    expect(batches[0].columns.map((c) => c.type)).toEqual(['string', 'timestamp', 'int64']);
    expect(rows.length).toBe(500);
  });

  test('large pages (inflated off-thread, next row group started early) round-trip; an abandoned scan leaves nothing behind', async () => {
    // 60k metric points of random values: value pages compress to well over 16 KiB.
    const n = 60_000;
    const input = randomBatch('metrics', n, 21, { nullRate: 0.01, distinctStrings: 50 });
    const bytes = encodePart('metrics', [input], { compression: 'zstd', zstdLevel: 1, rowGroupRows: 20_000 });
    const footer = readPartFooter(memoryByteSource(bytes));
    expect(footer.rowGroups.length).toBe(3);
    const value = TABLE_SCHEMAS.metrics.fields.findIndex((f) => f.name === 'value');
    expect(footer.physical.file.rowGroups[0].columns[value].meta.totalCompressedSize).toBeGreaterThan(3 * 16 * 1024);
    const columns = ['name', 'timestamp', 'value', 'attributes'];
    const { rows } = await scanAll(bytes, columns);
    expect(canonicalRows(rows, columns)).toEqual(canonicalRows(batchToRows(input), columns));
    // Stop after the first batch: the row group started ahead is dropped without errors.
    const source = memoryByteSource(bytes);
    for await (const b of scanPart(source, footer, { columns, predicates: [], batchRows: 1000 })) {
      expect(b.length).toBe(1000);
      break;
    }
  });

  test('an empty part round-trips', async () => {
    for (const table of TABLE_NAMES as readonly TableName[]) {
      const bytes = encodePart(table, [], { compression: 'zstd', zstdLevel: 3 });
      const footer = readPartFooter(memoryByteSource(bytes));
      expect(footer.rowCount).toBe(0);
      expect(footer.minTimestampNs).toBeNull();
      const { rows } = await scanAll(bytes);
      expect(rows).toEqual([]);
    }
  });
});

describe('encodePart rejects input that breaks the table contract', () => {
  test('wrong column count, wrong type, ragged lengths, nulls in a required column', async () => {
    const { PartEncodeError } = await import('../../src/storage/parquet/index.ts');
    const good = randomBatch('logs', 10, 1);
    expect(() => encodePart('logs', [{ ...good, columns: good.columns.slice(1) }], { compression: 'none', zstdLevel: 1 })).toThrow(PartEncodeError);
    expect(() => encodePart('metrics', [good], { compression: 'none', zstdLevel: 1 })).toThrow(PartEncodeError);
    const ragged = { ...good, columns: good.columns.map((c, i) => (i === 3 && c.type === 'int64' ? { ...c, length: 9, values: c.values.subarray(0, 9) } : c)) };
    expect(() => encodePart('logs', [ragged], { compression: 'none', zstdLevel: 1 })).toThrow(PartEncodeError);
    const service = TABLE_SCHEMAS.logs.fields.findIndex((f) => f.name === 'service_name');
    const withNull = {
      ...good,
      columns: good.columns.map((c, i) => (i === service && (c.type === 'string' || c.type === 'json') ? { ...c, codes: Int32Array.from(c.codes, (x, r) => (r === 4 ? -1 : x)) } : c)),
    };
    expect(() => encodePart('logs', [withNull], { compression: 'none', zstdLevel: 1 })).toThrow(/service_name is not nullable/);
  });
});

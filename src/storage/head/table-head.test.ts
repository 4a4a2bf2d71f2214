import { describe, expect, test } from 'bun:test';
import { batchToRows, emptyScanStats, TABLE_SCHEMAS, type Batch, type ScanRequest } from '../../columnar/index.ts';
import { sampleBatch, sampleRows } from '../../../tests/storage/sample-rows.ts';
import { HeadGeneration } from './head-generation.ts';
import { scanHeads, type HeadScanSource } from './head-scan.ts';
import { chunkCapacity, TableHead, type TableHeadView } from './table-head.ts';

function sourceOf(view: TableHeadView): HeadScanSource {
  const chunks = view.head.chunks.slice(0, view.chunkCount).map((chunk, i) => ({ chunk, length: i === view.chunkCount - 1 ? view.lastLength : chunk.length }));
  return { chunks, dicts: view.head.dicts };
}

function collect(batches: Iterable<Batch>): ReturnType<typeof batchToRows> {
  const out: ReturnType<typeof batchToRows> = [];
  for (const b of batches) out.push(...batchToRows(b));
  return out;
}

const allColumns = (table: 'metrics' | 'logs' | 'spans'): ScanRequest => ({ tenant: 't', columns: TABLE_SCHEMAS[table].fields.map((f) => f.name), predicates: [] });

describe('TableHead', () => {
  for (const table of ['metrics', 'logs', 'spans'] as const) {
    test(`${table}: rows read back exactly across chunk boundaries and dictionaries`, () => {
      const head = new TableHead(table, 't', TABLE_SCHEMAS[table]);
      const expected: ReturnType<typeof sampleRows> = [];
      for (let b = 0; b < 5; b++) {
        const rows = sampleRows(table, 't', 700 + b * 300, { seed: b + 1, firstSeq: expected.length });
        head.append(sampleBatch(table, rows));
        expected.push(...rows);
      }
      expect(head.chunks.length).toBeGreaterThan(1);
      expect(head.rows).toBe(expected.length);
      const got = collect(scanHeads(TABLE_SCHEMAS[table], [sourceOf(head.view())], allColumns(table)));
      expect(got).toEqual(expected.map((r) => batchToRows(sampleBatch(table, [r]))[0]));
    });
  }

  test('tenant_id always names the head tenant', () => {
    const head = new TableHead('logs', 'acme', TABLE_SCHEMAS.logs);
    head.append(sampleBatch('logs', sampleRows('logs', 'evil', 10)));
    const got = collect(scanHeads(TABLE_SCHEMAS.logs, [sourceOf(head.view())], { tenant: 'acme', columns: ['tenant_id'], predicates: [] }));
    expect(new Set(got.map((r) => r.tenant_id))).toEqual(new Set(['acme']));
  });

  test('a view keeps seeing exactly the rows it saw', () => {
    const head = new TableHead('spans', 't', TABLE_SCHEMAS.spans);
    head.append(sampleBatch('spans', sampleRows('spans', 't', 1000)));
    const view = head.view();
    head.append(sampleBatch('spans', sampleRows('spans', 't', 3000, { seed: 9 })));
    const got = collect(scanHeads(TABLE_SCHEMAS.spans, [sourceOf(view)], { tenant: 't', columns: ['flags'], predicates: [] }));
    expect(got.length).toBe(1000);
    expect(head.rows).toBe(4000);
  });

  test('projection, batch size and pruning by time and dictionary', () => {
    const head = new TableHead('metrics', 't', TABLE_SCHEMAS.metrics);
    const start = 1_764_504_000_000_000_000n;
    head.append(sampleBatch('metrics', sampleRows('metrics', 't', 5000, { startNs: start, stepNs: 1_000_000_000n })));
    const src = [sourceOf(head.view())];
    const batches = [...scanHeads(TABLE_SCHEMAS.metrics, src, { tenant: 't', columns: ['name', 'value'], predicates: [], batchRows: 100 })];
    expect(batches.every((b) => b.length <= 100 && b.schema.fields.map((f) => f.name).join() === 'name,value')).toBe(true);
    expect(batches.reduce((n, b) => n + b.length, 0)).toBe(5000);

    const stats = emptyScanStats();
    const late = collect(scanHeads(TABLE_SCHEMAS.metrics, src, { tenant: 't', columns: ['timestamp'], predicates: [{ kind: 'compare', column: 'timestamp', op: '>=', value: start + 4_500_000_000_000n }], stats }));
    expect(late.length).toBeGreaterThan(0);
    expect(late.length).toBeLessThan(5000);
    expect(stats.headChunksRead).toBeLessThan(stats.headChunksTotal);
    expect(late.filter((r) => (r.timestamp as bigint) >= start + 4_500_000_000_000n).length).toBe(500);

    const none = collect(scanHeads(TABLE_SCHEMAS.metrics, src, { tenant: 't', columns: ['name'], predicates: [{ kind: 'compare', column: 'name', op: '=', value: 'no.such.metric' }] }));
    expect(none.length).toBe(0);
  });
});

test('chunk capacities double to 64 Ki rows and stay there, however many chunks', () => {
  expect([0, 1, 2, 6, 7, 21, 22, 40, 1000].map(chunkCapacity)).toEqual([1024, 2048, 4096, 65536, 65536, 65536, 65536, 65536, 65536]);
});

describe('HeadGeneration', () => {
  test('accounts rows, bytes and LSN per table and tenant', () => {
    const gen = new HeadGeneration(1);
    gen.append('logs', 'a', sampleBatch('logs', sampleRows('logs', 'a', 100)), 1, 0);
    gen.append('logs', 'b', sampleBatch('logs', sampleRows('logs', 'b', 50)), 2, 0);
    gen.append('spans', 'a', sampleBatch('spans', sampleRows('spans', 'a', 10)), 3, 0);
    expect(gen.rows).toBe(160);
    expect(gen.bytes).toBeGreaterThan(160 * 40);
    expect(gen.lastLsn).toBe(3);
    expect([...gen.headsOf('logs')].map((h) => h.tenant).sort()).toEqual(['a', 'b']);
    expect([...gen.allHeads()].length).toBe(3);
  });
});

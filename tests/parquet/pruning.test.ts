import { describe, expect, test } from 'bun:test';
import {
  batchFromRows,
  batchToRows,
  emptyScanStats,
  LOGS_SCHEMA,
  TABLE_NAMES,
  TABLE_SCHEMAS,
  type Batch,
  type ScanPredicate,
  type ScanStats,
  type TableName,
} from '../../src/columnar/index.ts';
import { ColumnChunkCache, encodePart, memoryByteSource, readPartFooter, scanPart, type PartScanOptions } from '../../src/storage/parquet/index.ts';
import { canonicalRows, randomBatch, seededRandom } from './part-fixtures.ts';

async function scan(bytes: Uint8Array, columns: readonly string[], predicates: readonly ScanPredicate[], options?: PartScanOptions): Promise<{ rows: Record<string, unknown>[]; stats: ScanStats; batches: Batch[] }> {
  const source = memoryByteSource(bytes);
  const footer = readPartFooter(source);
  const stats = emptyScanStats();
  const batches: Batch[] = [];
  for await (const b of scanPart(source, footer, { columns, predicates, stats }, options)) batches.push(b);
  return { rows: batches.flatMap((b) => batchToRows(b)), stats, batches };
}

/** SQL-ish evaluation of one predicate on a row (null never matches a comparison). */
function matches(p: ScanPredicate, row: Record<string, unknown>): boolean {
  const v = row[p.column];
  switch (p.kind) {
    case 'null':
      return (v === null) === p.isNull;
    case 'prefix':
      return typeof v === 'string' && v.startsWith(p.prefix);
    case 'in':
      return v !== null && p.values.some((x) => x === v);
    case 'compare': {
      if (v === null || p.value === null) return false;
      const a = v as number | bigint | string;
      const b = p.value as number | bigint | string;
      switch (p.op) {
        case '=':
          return a === b;
        case '!=':
          return a !== b;
        case '<':
          return a < b;
        case '<=':
          return a <= b;
        case '>':
          return a > b;
        case '>=':
          return a >= b;
      }
    }
  }
}

function randomPredicate(rows: readonly Record<string, unknown>[], table: TableName, rand: () => number): ScanPredicate {
  const fields = TABLE_SCHEMAS[table].fields.filter((f) => f.type !== 'json' && f.type !== 'boolean' && f.type !== 'float64');
  const f = fields[Math.floor(rand() * fields.length)];
  const pick = (): unknown => rows[Math.floor(rand() * rows.length)][f.name];
  const r = rand();
  if (r < 0.1) return { kind: 'null', column: f.name, isNull: rand() < 0.5 };
  if (r < 0.25) return { kind: 'in', column: f.name, values: [pick(), pick(), pick()] as (string | number | bigint | null)[] };
  if (r < 0.35 && f.type === 'string') {
    const s = pick();
    return { kind: 'prefix', column: f.name, prefix: typeof s === 'string' ? s.slice(0, 3) : 'x' };
  }
  const ops = ['=', '!=', '<', '<=', '>', '>='] as const;
  return { kind: 'compare', column: f.name, op: ops[Math.floor(rand() * ops.length)], value: pick() as string | number | bigint | null };
}

describe('pruning never drops a matching row', () => {
  for (const table of TABLE_NAMES) {
    test(`${table}: 50 random predicate sets`, async () => {
      const input = [randomBatch(table, 2000, 51, { distinctStrings: 40, extremeTimestamps: false }), randomBatch(table, 600, 52, { distinctStrings: 4 })];
      const rows = input.flatMap((b) => batchToRows(b));
      const bytes = encodePart(table, input, { compression: 'zstd', zstdLevel: 1, rowGroupRows: 400, pageRows: 50 });
      const rand = seededRandom(99);
      const cache = new ColumnChunkCache(64 << 20);
      let pruned = 0;
      for (let i = 0; i < 50; i++) {
        const predicates = Array.from({ length: 1 + Math.floor(rand() * 2) }, () => randomPredicate(rows, table, rand));
        // Project the predicate columns plus two that identify rows well enough for a multiset check.
        const columns = [...new Set([...predicates.map((p) => p.column), 'timestamp', 'attributes'])];
        const { rows: got, stats } = await scan(bytes, columns, predicates);
        const want = canonicalRows(rows.filter((r) => predicates.every((p) => matches(p, r))), columns);
        const gotMatching = canonicalRows(got.filter((r) => predicates.every((p) => matches(p, r))), columns);
        expect([predicates, gotMatching.length]).toEqual([predicates, want.length]);
        expect(gotMatching).toEqual(want);
        // The same through a chunk cache that earlier scans (other predicates) filled.
        const cached = await scan(bytes, columns, predicates, { cache, cacheKey: table });
        expect(canonicalRows(cached.rows, columns)).toEqual(canonicalRows(got, columns));
        if (stats.rowsRead < rows.length) pruned++;
      }
      expect(pruned).toBeGreaterThan(5); // the predicates do prune
    }, 30_000);
  }
});

describe('pruning statistics', () => {
  const N = 10_000;
  const t0 = 1_764_460_800_000_000_000n;
  const rows = Array.from({ length: N }, (_, i) => ({
    tenant_id: 't',
    timestamp: t0 + BigInt(i) * 1_000_000_007n,
    severity_number: 9,
    body: `request ${i} done`,
    trace_id: `${(i * 2654435761) % 1e9}`.padStart(32, '0'),
    flags: 0,
    service_name: 'api',
    attributes: '{}',
    resource: '{}',
  }));
  const bytes = encodePart('logs', [batchFromRows(LOGS_SCHEMA, rows)], { compression: 'zstd', zstdLevel: 3, rowGroupRows: 1000, pageRows: 100 });
  const tAt = (i: number): bigint => t0 + BigInt(i) * 1_000_000_007n;

  test('a 0.5 % time window reads one row group and one page per column', async () => {
    const { stats, rows: got } = await scan(bytes, ['timestamp', 'body'], [{ kind: 'compare', column: 'timestamp', op: '>=', value: tAt(9950) }]);
    expect(stats.rowGroupsTotal).toBe(10);
    expect(stats.rowGroupsRead).toBe(1);
    // timestamp: 10 pages of 100 rows; body (not indexed): 3 pages of 400/400/200 rows
    expect(stats.pagesTotal).toBe(13);
    expect(stats.pagesRead).toBe(2);
    expect(stats.rowsRead).toBe(100);
    expect(got.map((r) => r.body)).toEqual(rows.slice(9900).map((r) => r.body));
    expect(stats.bytesRead).toBeLessThan(bytes.length / 10);
  });

  test('a window across a row group boundary reads exactly the touched pages', async () => {
    const { stats, rows: got } = await scan(bytes, ['timestamp'], [
      { kind: 'compare', column: 'timestamp', op: '>=', value: tAt(2950) },
      { kind: 'compare', column: 'timestamp', op: '<', value: tAt(3050) },
    ]);
    expect(stats.rowGroupsRead).toBe(2);
    expect(stats.pagesTotal).toBe(20);
    expect(stats.pagesRead).toBe(2);
    expect(got.length).toBe(200);
  });

  test('bloom filter skips row groups for an absent trace id, finds a present one', async () => {
    const absent = await scan(bytes, ['body'], [{ kind: 'compare', column: 'trace_id', op: '=', value: 'f'.repeat(32) }]);
    expect(absent.stats.rowGroupsRead).toBeLessThanOrEqual(1);
    const present = await scan(bytes, ['trace_id', 'body'], [{ kind: 'in', column: 'trace_id', values: [rows[4321].trace_id, 'nope'] }]);
    expect(present.rows.some((r) => r.body === 'request 4321 done')).toBe(true);
    expect(present.stats.rowGroupsRead).toBeLessThanOrEqual(3);
  });

  test('IS NULL on a column without nulls and = on a missing service read nothing', async () => {
    for (const p of [{ kind: 'null', column: 'body', isNull: true }, { kind: 'compare', column: 'service_name', op: '=', value: 'web' }] as ScanPredicate[]) {
      const { stats, rows: got } = await scan(bytes, ['body'], [p]);
      expect([stats.rowGroupsRead, stats.pagesRead, got.length]).toEqual([0, 0, 0]);
    }
  });

  test('an empty projection yields row counts only (count(*))', async () => {
    const { batches, stats } = await scan(bytes, [], [{ kind: 'compare', column: 'timestamp', op: '<', value: tAt(150) }]);
    expect(batches.reduce((n, b) => n + b.length, 0)).toBe(200);
    expect(batches.every((b) => b.columns.length === 0)).toBe(true);
    expect(stats.pagesRead).toBe(0);
  });

  test('an aborted scan yields nothing', async () => {
    const source = memoryByteSource(bytes);
    const footer = readPartFooter(source);
    const controller = new AbortController();
    controller.abort();
    const out: Batch[] = [];
    for await (const b of scanPart(source, footer, { columns: ['body'], predicates: [], signal: controller.signal })) out.push(b);
    expect(out).toEqual([]);
  });

  test('the chunk cache serves whole chunks on the second scan', async () => {
    const cache = new ColumnChunkCache(64 << 20);
    const first = await scan(bytes, ['timestamp', 'body'], [], { cache, cacheKey: 'part-1' });
    const second = await scan(bytes, ['timestamp', 'body'], [], { cache, cacheKey: 'part-1' });
    expect(first.stats.pagesRead).toBe(first.stats.pagesTotal);
    expect(second.stats.pagesRead).toBe(0);
    expect(second.stats.bytesRead).toBe(0);
    expect(second.rows).toEqual(first.rows);
    expect(cache.stats().entries).toBe(20);
    // A partial read of a cached chunk gathers from it.
    const early = [{ kind: 'compare', column: 'timestamp', op: '<', value: tAt(50) }] satisfies ScanPredicate[];
    const fromChunk = await scan(bytes, ['timestamp', 'body'], early, { cache, cacheKey: 'part-1' });
    expect(fromChunk.rows.length).toBe(100);
    expect(fromChunk.stats.pagesRead).toBe(0);
    expect(cache.stats().entries).toBe(20);
  });

  test('partial reads cache pages and dictionaries; later partial reads decode only missing pages', async () => {
    const cache = new ColumnChunkCache(64 << 20);
    const opts = { cache, cacheKey: 'part-2' };
    const early = [{ kind: 'compare', column: 'timestamp', op: '<', value: tAt(50) }] satisfies ScanPredicate[];
    const plain = await scan(bytes, ['severity_number', 'service_name', 'body'], early);
    const a = await scan(bytes, ['severity_number', 'service_name', 'body'], early, opts);
    expect(a.rows).toEqual(plain.rows);
    expect(a.rows.length).toBe(100);
    expect(a.stats.pagesRead).toBeGreaterThan(0);
    expect(a.stats.pagesRead).toBeLessThan(a.stats.pagesTotal);
    const entries = cache.stats().entries;
    expect(entries).toBeGreaterThan(0);
    const again = await scan(bytes, ['severity_number', 'service_name', 'body'], early, opts);
    expect(again.rows).toEqual(plain.rows);
    expect(again.stats.pagesRead).toBe(0);
    expect(again.stats.bytesRead).toBe(0);
    // A wider window needs more pages: only those are read, the rest come from the cache.
    const wider = [{ kind: 'compare', column: 'timestamp', op: '<', value: tAt(300) }] satisfies ScanPredicate[];
    const w = await scan(bytes, ['severity_number', 'service_name', 'body'], wider, opts);
    const wPlain = await scan(bytes, ['severity_number', 'service_name', 'body'], wider);
    expect(w.rows).toEqual(wPlain.rows);
    expect(w.stats.pagesRead).toBeLessThan(wPlain.stats.pagesRead);
    expect(cache.stats().entries).toBeGreaterThan(entries);
  });

  test('string = hints are applied exactly: only matching rows leave the scan', async () => {
    // 13 services (~231 rows each once sorted): the page index (100-row pages) cannot
    // exclude the pages where one service ends and the next begins.
    const n = 3000;
    const svcRows = Array.from({ length: n }, (_, i) => ({
      tenant_id: 't',
      timestamp: t0 + BigInt(i) * 1_000_000_007n,
      severity_number: i % 7,
      body: `line ${i}`,
      flags: 0,
      service_name: `svc-${(i * 7) % 13}`,
      attributes: '{}',
      resource: '{}',
    }));
    const part = encodePart('logs', [batchFromRows(LOGS_SCHEMA, svcRows)], { compression: 'zstd', zstdLevel: 1, rowGroupRows: 1500, pageRows: 100 });
    const p = [{ kind: 'compare', column: 'service_name', op: '=', value: 'svc-3' }] satisfies ScanPredicate[];
    const exact = await scan(part, ['service_name', 'body'], p);
    const want = svcRows.filter((r) => r.service_name === 'svc-3');
    expect(exact.rows.length).toBe(want.length);
    expect(exact.rows.every((r) => r.service_name === 'svc-3')).toBe(true);
    expect(exact.rows.map((r) => r.body).sort()).toEqual(want.map((r) => r.body).sort());
    // Without the filter column in the projection the hint only prunes by page.
    const loose = await scan(part, ['body'], p);
    expect(loose.rows.length).toBeGreaterThan(want.length);
    expect(exact.stats.rowsRead).toBe(want.length);
    const inList = await scan(part, ['service_name', 'severity_number'], [{ kind: 'in', column: 'service_name', values: ['svc-1', 'svc-8'] }]);
    expect(inList.rows.length).toBe(svcRows.filter((r) => r.service_name === 'svc-1' || r.service_name === 'svc-8').length);
    const none = await scan(part, ['service_name', 'body'], [{ kind: 'compare', column: 'service_name', op: '=', value: 'svc-x' }]);
    expect(none.rows).toEqual([]);
  });

  test('batchRows splits row groups into smaller batches', async () => {
    const source = memoryByteSource(bytes);
    const footer = readPartFooter(source);
    const sizes: number[] = [];
    for await (const b of scanPart(source, footer, { columns: ['timestamp'], predicates: [], batchRows: 300 })) sizes.push(b.length);
    expect(sizes.slice(0, 4)).toEqual([300, 300, 300, 100]);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(N);
  });
});

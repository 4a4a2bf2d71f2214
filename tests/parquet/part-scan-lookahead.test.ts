/**
 * scanParts over several part files: with the next part opened (and its first row group
 * started) ahead of its turn, the rows are the same as part by part; a scan stopped early
 * leaves no file open; a part that cannot be opened fails the scan only when its turn
 * comes, after the earlier parts' rows.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchToRows, type Batch } from '../../src/columnar/index.ts';
import { ColumnChunkCache, encodePart } from '../../src/storage/parquet/index.ts';
import { FooterCache } from '../../src/storage/parts/index.ts';
import { scanParts, type ScannablePart } from '../../src/storage/snapshot/index.ts';
import { canonicalRows, randomBatch } from './part-fixtures.ts';

let dir: string;
const parts: ScannablePart[] = [];
const inputs: Batch[] = [];
const HOUR = 3_600_000;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pharlux-lookahead-'));
  for (let i = 0; i < 4; i++) {
    const batch = randomBatch('metrics', 3000 + i * 500, 40 + i, { extremeTimestamps: false });
    inputs.push(batch);
    const path = join(dir, `part-${i}.parquet`);
    writeFileSync(path, encodePart('metrics', [batch], { compression: 'zstd', zstdLevel: 1, rowGroupRows: 1000 }));
    // Hours far apart and no time bounds: every part survives pruning.
    parts.push({ path, hourMs: i * HOUR, rowCount: batch.length, minTimestampNs: null, maxTimestampNs: null });
  }
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const openFds = (): number => readdirSync('/proc/self/fd').length;
const COLUMNS = ['name', 'timestamp', 'value', 'service_name'];

async function collect(list: readonly ScannablePart[], cache?: ColumnChunkCache, stopAfter = Infinity): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  let batches = 0;
  for await (const b of scanParts(list, { tenant: 't', columns: COLUMNS, predicates: [] }, new FooterCache(), cache)) {
    rows.push(...batchToRows(b));
    if (++batches >= stopAfter) break;
  }
  return rows;
}

test('every part is read once, in order, with the same rows as scanning part by part', async () => {
  const want = canonicalRows(inputs.flatMap((b) => batchToRows(b)), COLUMNS);
  const before = openFds();
  expect(canonicalRows(await collect(parts), COLUMNS)).toEqual(want);
  // The same through a cache, cold then warm.
  const cache = new ColumnChunkCache(64 << 20);
  expect(canonicalRows(await collect(parts, cache), COLUMNS)).toEqual(want);
  expect(canonicalRows(await collect(parts, cache), COLUMNS)).toEqual(want);
  expect(openFds()).toBe(before);
});

test('a scan stopped early closes the part it opened ahead', async () => {
  const before = openFds();
  // Part 0 has three 1000-row batches; its last row group opens part 1 ahead.
  const rows = await collect(parts, undefined, 3);
  expect(rows.length).toBe(3000);
  expect(openFds()).toBe(before);
});

test('a missing part fails the scan when its turn comes', async () => {
  const gone = [...parts.slice(0, 2), { ...parts[2], path: join(dir, 'gone.parquet') }, parts[3]];
  const seen: number[] = [];
  const before = openFds();
  let error: unknown = null;
  try {
    for await (const b of scanParts(gone, { tenant: 't', columns: COLUMNS, predicates: [] }, new FooterCache())) seen.push(b.length);
  } catch (err) {
    error = err;
  }
  expect((error as NodeJS.ErrnoException | null)?.code).toBe('ENOENT');
  expect(seen.reduce((a, b) => a + b, 0)).toBe(inputs[0].length + inputs[1].length);
  expect(openFds()).toBe(before);
});

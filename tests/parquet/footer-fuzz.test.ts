import { describe, expect, test } from 'bun:test';
import { emptyScanStats, TABLE_SCHEMAS } from '../../src/columnar/index.ts';
import { encodePart, memoryByteSource, PartCorruptError, readPartFooter, scanPart } from '../../src/storage/parquet/index.ts';
import { randomBatch, seededRandom } from './part-fixtures.ts';

const bytes = encodePart('logs', [randomBatch('logs', 160, 61, { distinctStrings: 20 })], { compression: 'zstd', zstdLevel: 1, rowGroupRows: 70, pageRows: 20 });
const footerLength = new DataView(bytes.buffer).getUint32(bytes.length - 8, true);
const footerStart = bytes.length - 8 - footerLength;
const indexStart = Math.min(...readPartFooter(memoryByteSource(bytes)).physical.file.rowGroups.flatMap((rg) => rg.columns.map((c) => c.offsetIndexOffset ?? Infinity)));
const columns = TABLE_SCHEMAS.logs.fields.map((f) => f.name);

/** Opens and fully scans `file`; returns 'ok' or 'corrupt', rethrowing any other error. */
async function openAndScan(file: Uint8Array): Promise<'ok' | 'corrupt'> {
  try {
    const source = memoryByteSource(file);
    const footer = readPartFooter(source);
    for await (const _ of scanPart(source, footer, { columns, predicates: [{ kind: 'compare', column: 'trace_id', op: '=', value: 'ab' }], stats: emptyScanStats() })) void _;
    for await (const _ of scanPart(source, footer, { columns, predicates: [], stats: emptyScanStats() })) void _;
    return 'ok';
  } catch (err) {
    if (err instanceof PartCorruptError) return 'corrupt';
    throw err;
  }
}

function mutate(rand: () => number, from: number, to: number): Uint8Array {
  const copy = bytes.slice();
  const flips = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < flips; i++) {
    const at = from + Math.floor(rand() * (to - from));
    copy[at] = rand() < 0.5 ? copy[at] ^ (1 << Math.floor(rand() * 8)) : Math.floor(rand() * 256);
  }
  return copy;
}

describe('corrupt parts fail with PartCorruptError, never a crash or a hang', () => {
  test('every truncation of the tail, and random truncations', async () => {
    const rand = seededRandom(5);
    const cuts = [0, 1, 4, 7, 8, 11, 12];
    for (let k = 1; k <= footerLength + 8; k++) cuts.push(bytes.length - k);
    for (let i = 0; i < 200; i++) cuts.push(Math.floor(rand() * bytes.length));
    for (const cut of cuts) expect(await openAndScan(bytes.subarray(0, cut))).toBe('corrupt');
  });

  test('2000 mutated footers', async () => {
    const rand = seededRandom(6);
    const outcomes = { ok: 0, corrupt: 0 };
    for (let i = 0; i < 2000; i++) outcomes[await openAndScan(mutate(rand, footerStart, bytes.length))]++;
    expect(outcomes.corrupt).toBeGreaterThan(700);
  }, 60_000);

  test('1000 mutated page indexes and bloom filters', async () => {
    const rand = seededRandom(7);
    const outcomes = { ok: 0, corrupt: 0 };
    for (let i = 0; i < 1000; i++) outcomes[await openAndScan(mutate(rand, indexStart, footerStart))]++;
    expect(outcomes.corrupt).toBeGreaterThan(100);
  }, 60_000);

  test('1000 mutated data pages', async () => {
    const rand = seededRandom(8);
    const outcomes = { ok: 0, corrupt: 0 };
    for (let i = 0; i < 1000; i++) outcomes[await openAndScan(mutate(rand, 4, indexStart))]++;
    expect(outcomes.corrupt).toBeGreaterThan(100);
  }, 60_000);
});

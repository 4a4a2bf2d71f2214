import { describe, expect, test } from 'bun:test';
import { batchToRows, TABLE_SCHEMAS } from '../../columnar/index.ts';
import { sampleBatch, sampleRows } from '../../../tests/storage/sample-rows.ts';
import { ChunkMemoryPool } from './chunk-memory.ts';
import { HeadGeneration } from './head-generation.ts';
import { scanHeads } from './head-scan.ts';

function chunkBuffers(gen: HeadGeneration): ArrayBufferLike[] {
  const out: ArrayBufferLike[] = [];
  for (const head of gen.allHeads()) {
    for (const c of head.chunks) {
      const col = c.columns[1];
      if (col.type === 'timestamp') out.push(col.ms.buffer);
    }
  }
  return out;
}

describe('ChunkMemoryPool', () => {
  test('a flushed generation no snapshot saw gives its chunk memory to the next one, which reads back its own rows', () => {
    const pool = new ChunkMemoryPool(64 * 1024 * 1024);
    const first = new HeadGeneration(1, pool);
    first.append('logs', 't', sampleBatch('logs', sampleRows('logs', 't', 3000, { seed: 1 })), 1, 0);
    const used = chunkBuffers(first);
    first.recycleInto(pool);
    expect(pool.bytes).toBeGreaterThan(0);
    const second = new HeadGeneration(2, pool);
    const rows = sampleRows('logs', 't', 3000, { seed: 2, firstSeq: 10_000 });
    second.append('logs', 't', sampleBatch('logs', rows), 2, 0);
    expect(chunkBuffers(second)).toEqual(used);
    const head = second.head('logs', 't');
    if (head === undefined) throw new Error('no head');
    const view = head.view();
    const source = { chunks: head.chunks.slice(0, view.chunkCount).map((chunk, i) => ({ chunk, length: i === view.chunkCount - 1 ? view.lastLength : chunk.length })), dicts: head.dicts };
    const got = [...scanHeads(TABLE_SCHEMAS.logs, [source], { tenant: 't', columns: TABLE_SCHEMAS.logs.fields.map((f) => f.name), predicates: [] })].flatMap(batchToRows);
    expect(got).toEqual(batchToRows(sampleBatch('logs', rows)));
  });

  test('a generation a snapshot viewed keeps its memory (results may still view it)', () => {
    const pool = new ChunkMemoryPool(64 * 1024 * 1024);
    const gen = new HeadGeneration(1, pool);
    gen.append('logs', 't', sampleBatch('logs', sampleRows('logs', 't', 100)), 1, 0);
    gen.head('logs', 't')?.view();
    gen.recycleInto(pool);
    expect(pool.bytes).toBe(0);
  });

  test('the pool keeps at most its budget and hands out exact sizes only', () => {
    const pool = new ChunkMemoryPool(1000);
    const a = new SharedArrayBuffer(600);
    pool.give(a);
    pool.give(new SharedArrayBuffer(600)); // over budget: dropped
    expect(pool.bytes).toBe(600);
    expect(pool.take(500)).not.toBe(a);
    expect(pool.take(600)).toBe(a);
    expect(pool.bytes).toBe(0);
  });
});

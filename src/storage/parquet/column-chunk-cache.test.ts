import { describe, expect, test } from 'bun:test';
import type { Vector } from '../../columnar/index.ts';
import { ColumnChunkCache } from './column-chunk-cache.ts';

const vec = (n: number): Vector => ({ type: 'float64', length: n, values: new Float64Array(n), validity: null });

describe('ColumnChunkCache', () => {
  test('evicts least recently used entries beyond the byte budget', () => {
    const cache = new ColumnChunkCache(1000);
    const a = ColumnChunkCache.key('part-a', 0, 'value');
    const b = ColumnChunkCache.key('part-a', 1, 'value');
    const c = ColumnChunkCache.key('part-b', 0, 'value');
    cache.set(a, vec(1), 400);
    cache.set(b, vec(2), 400);
    expect(cache.get(a)?.length).toBe(1); // a is now most recent
    cache.set(c, vec(3), 400);
    expect(cache.get(b)).toBeUndefined();
    expect(cache.get(a)?.length).toBe(1);
    expect(cache.get(c)?.length).toBe(3);
    expect(cache.stats()).toMatchObject({ entries: 2, sizeBytes: 800, evictions: 1, hits: 3, misses: 1 });
    cache.set(ColumnChunkCache.key('x', 0, 'y'), vec(1), 5000);
    expect(cache.stats().entries).toBe(2);
    cache.evictPart('part-a');
    expect(cache.get(a)).toBeUndefined();
    expect(cache.stats().sizeBytes).toBe(400);
  });
});

import { describe, expect, test } from 'bun:test';
import type { Vector } from '../../columnar/index.ts';
import { ColumnChunkCache } from './column-chunk-cache.ts';

const vec = (n: number): Vector => ({ type: 'float64', length: n, values: new Float64Array(n), validity: null });
const G = ColumnChunkCache.group('metrics', 'default');

describe('ColumnChunkCache', () => {
  test('evicts least recently used entries beyond the byte budget', () => {
    const cache = new ColumnChunkCache(1000);
    const a = ColumnChunkCache.chunkKey('part-a', 0, 'value');
    const b = ColumnChunkCache.chunkKey('part-a', 1, 'value');
    const c = ColumnChunkCache.chunkKey('part-b', 0, 'value');
    cache.setVector(a, 'part-a', G, vec(1), 400);
    cache.setVector(b, 'part-a', G, vec(2), 400);
    expect(cache.getVector(a)?.length).toBe(1); // a is now most recent
    cache.setVector(c, 'part-b', G, vec(3), 400);
    expect(cache.getVector(b)).toBeUndefined();
    expect(cache.getVector(a)?.length).toBe(1);
    expect(cache.getVector(c)?.length).toBe(3);
    expect(cache.stats()).toMatchObject({ entries: 2, parts: 2, sizeBytes: 800, evictions: 1, hits: 3, misses: 1 });
    cache.setVector(ColumnChunkCache.chunkKey('x', 0, 'y'), 'x', G, vec(1), 5000);
    expect(cache.stats().entries).toBe(2);
    cache.evictPart('part-a');
    expect(cache.getVector(a)).toBeUndefined();
    expect(cache.stats()).toMatchObject({ sizeBytes: 400, parts: 1 });
  });

  test('chunks, pages and dictionaries are separate entries of one part', () => {
    const cache = new ColumnChunkCache(10_000);
    const dict = { strings: ['a', 'b'], values: null, ms: null, nanos: null, bools: null, size: 2 };
    cache.setVector(ColumnChunkCache.pageKey('p', 0, 'name', 3), 'p', G, vec(5), 100);
    cache.setDictionary(ColumnChunkCache.dictionaryKey('p', 0, 'name'), 'p', G, dict, 50);
    expect(cache.getVector(ColumnChunkCache.pageKey('p', 0, 'name', 3))?.length).toBe(5);
    expect(cache.getVector(ColumnChunkCache.chunkKey('p', 0, 'name'))).toBeUndefined();
    expect(cache.getDictionary(ColumnChunkCache.dictionaryKey('p', 0, 'name'))).toBe(dict);
    // A key holding a dictionary is not a vector, and the other way round.
    expect(cache.getVector(ColumnChunkCache.dictionaryKey('p', 0, 'name'))).toBeUndefined();
    expect(cache.getDictionary(ColumnChunkCache.pageKey('p', 0, 'name', 3))).toBeUndefined();
  });

  test('retainParts drops the parts of a group a newer snapshot no longer lists', () => {
    const cache = new ColumnChunkCache(10_000);
    const logs = ColumnChunkCache.group('logs', 'default');
    const otherTenant = ColumnChunkCache.group('metrics', 'acme');
    for (const part of ['m1', 'm2', 'm3']) cache.setVector(ColumnChunkCache.chunkKey(part, 0, 'value'), part, G, vec(1), 10);
    cache.setVector(ColumnChunkCache.chunkKey('l1', 0, 'body'), 'l1', logs, vec(1), 10);
    cache.setVector(ColumnChunkCache.chunkKey('a1', 0, 'value'), 'a1', otherTenant, vec(1), 10);
    cache.retainParts(G, new Set(['m2', 'm9']));
    expect(cache.getVector(ColumnChunkCache.chunkKey('m1', 0, 'value'))).toBeUndefined();
    expect(cache.getVector(ColumnChunkCache.chunkKey('m2', 0, 'value'))).toBeDefined();
    expect(cache.getVector(ColumnChunkCache.chunkKey('m3', 0, 'value'))).toBeUndefined();
    expect(cache.getVector(ColumnChunkCache.chunkKey('l1', 0, 'body'))).toBeDefined();
    expect(cache.getVector(ColumnChunkCache.chunkKey('a1', 0, 'value'))).toBeDefined();
    expect(cache.stats()).toMatchObject({ parts: 3, sizeBytes: 30 });
  });

  test('resize and clear', () => {
    const cache = new ColumnChunkCache(1000);
    for (let i = 0; i < 5; i++) cache.setVector(ColumnChunkCache.chunkKey('p', i, 'v'), 'p', G, vec(i), 100);
    cache.resize(250);
    expect(cache.stats()).toMatchObject({ entries: 2, sizeBytes: 200, maxBytes: 250 });
    expect(cache.getVector(ColumnChunkCache.chunkKey('p', 4, 'v'))?.length).toBe(4);
    cache.clear();
    expect(cache.stats()).toMatchObject({ entries: 0, parts: 0, sizeBytes: 0 });
  });
});

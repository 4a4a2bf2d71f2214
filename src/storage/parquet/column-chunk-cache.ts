/**
 * A byte-bounded LRU of decoded column chunks, so repeated dashboard queries over the same
 * parts do not decompress and decode again. Keyed by part + row group + column; only
 * whole-chunk decodes are cached. Owned by whoever owns the scans (no global instance).
 */
import type { Vector } from '../../columnar/index.ts';

/** Cache statistics for self-metrics. */
export interface ColumnChunkCacheStats {
  readonly entries: number;
  readonly sizeBytes: number;
  readonly hits: number;
  readonly misses: number;
  readonly evictions: number;
}

/** LRU cache of decoded chunks, at most `maxBytes` of vector memory. */
export class ColumnChunkCache {
  private readonly entries = new Map<string, { vector: Vector; bytes: number }>();
  private sizeBytes = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(readonly maxBytes: number) {}

  /** The key of one chunk: `partKey` must identify the part file uniquely (e.g. its id). */
  static key(partKey: string, rowGroup: number, column: string): string {
    return `${partKey}\u0000${rowGroup}\u0000${column}`;
  }

  get(key: string): Vector | undefined {
    const e = this.entries.get(key);
    if (e === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.vector;
  }

  /** Stores a decoded chunk of about `bytes` bytes; larger than the whole budget → not cached. */
  set(key: string, vector: Vector, bytes: number): void {
    if (bytes > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.sizeBytes -= old.bytes;
      this.entries.delete(key);
    }
    this.entries.set(key, { vector, bytes });
    this.sizeBytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.sizeBytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.sizeBytes -= e.bytes;
      this.evictions++;
    }
  }

  /** Drops every chunk of a part (call when the part is deleted). */
  evictPart(partKey: string): void {
    const prefix = `${partKey}\u0000`;
    for (const [k, e] of this.entries) {
      if (!k.startsWith(prefix)) continue;
      this.entries.delete(k);
      this.sizeBytes -= e.bytes;
    }
  }

  stats(): ColumnChunkCacheStats {
    return { entries: this.entries.size, sizeBytes: this.sizeBytes, hits: this.hits, misses: this.misses, evictions: this.evictions };
  }
}

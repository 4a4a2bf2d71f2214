/**
 * A byte-bounded LRU of decoded column data, so repeated dashboard queries over the same
 * parts do not read, decompress and decode again. Entries belong to one part (keyed by
 * its path, which is never reused for other contents) and are either a whole decoded
 * chunk, one decoded page (scans that pruned pages), or a chunk's decoded dictionary
 * (so later page reads of the chunk skip the dictionary page). Owned by whoever runs the
 * scans — one per query worker — never a global. Parts are grouped (table + tenant) so
 * that the owner can drop the parts a newer snapshot no longer lists (compaction,
 * retention): `retainParts`.
 */
import type { Vector } from '../../columnar/index.ts';
import type { DecodedDictionary } from './read/index.ts';

/** Cache statistics for self-metrics and benchmarks. */
export interface ColumnChunkCacheStats {
  readonly entries: number;
  readonly parts: number;
  readonly sizeBytes: number;
  readonly maxBytes: number;
  readonly hits: number;
  readonly misses: number;
  readonly evictions: number;
}

type Value = { readonly kind: 'vector'; readonly vector: Vector } | { readonly kind: 'dictionary'; readonly dictionary: DecodedDictionary };

interface Entry {
  readonly part: string;
  readonly value: Value;
  readonly bytes: number;
}

interface PartEntries {
  readonly group: string;
  readonly keys: Set<string>;
}

/** LRU cache of decoded chunks, pages and dictionaries: at most `maxBytes` of memory. */
export class ColumnChunkCache {
  /** Insertion order = recency order (a hit moves the entry to the end). */
  private readonly entries = new Map<string, Entry>();
  private readonly parts = new Map<string, PartEntries>();
  private sizeBytes = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(private maxBytes: number) {}

  /** Key of a whole chunk (`rowGroup`, `column`) of a part. */
  static chunkKey(part: string, rowGroup: number, column: string): string {
    return `${part}\u0000${rowGroup}\u0000${column}`;
  }

  /** Key of data page `page` (OffsetIndex position) of a chunk. */
  static pageKey(part: string, rowGroup: number, column: string, page: number): string {
    return `${part}\u0000${rowGroup}\u0000${column}\u0000p${page}`;
  }

  /** Key of a chunk's dictionary. */
  static dictionaryKey(part: string, rowGroup: number, column: string): string {
    return `${part}\u0000${rowGroup}\u0000${column}\u0000d`;
  }

  /** The group of a part: its table and tenant (see retainParts). */
  static group(table: string, tenant: string): string {
    return `${table}\u0000${tenant}`;
  }

  /** True when `key` is cached (no effect on recency or the hit counters). */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  getVector(key: string): Vector | undefined {
    const v = this.get(key);
    return v?.kind === 'vector' ? v.vector : undefined;
  }

  getDictionary(key: string): DecodedDictionary | undefined {
    const v = this.get(key);
    return v?.kind === 'dictionary' ? v.dictionary : undefined;
  }

  /** Stores a decoded chunk or page of about `bytes` bytes (not cached when larger than the whole budget). */
  setVector(key: string, part: string, group: string, vector: Vector, bytes: number): void {
    this.set(key, part, group, { kind: 'vector', vector }, bytes);
  }

  setDictionary(key: string, part: string, group: string, dictionary: DecodedDictionary, bytes: number): void {
    this.set(key, part, group, { kind: 'dictionary', dictionary }, bytes);
  }

  /** Drops every entry of a part (its file is gone). */
  evictPart(part: string): void {
    const p = this.parts.get(part);
    if (p === undefined) return;
    for (const key of p.keys) {
      const e = this.entries.get(key);
      if (e !== undefined) {
        this.entries.delete(key);
        this.sizeBytes -= e.bytes;
      }
    }
    this.parts.delete(part);
  }

  /** Drops the parts of `group` that are not in `live` (a newer snapshot's parts of that table and tenant). */
  retainParts(group: string, live: ReadonlySet<string>): void {
    for (const [part, p] of this.parts) if (p.group === group && !live.has(part)) this.evictPart(part);
  }

  /** Changes the byte bound, evicting least recently used entries beyond it. */
  resize(maxBytes: number): void {
    this.maxBytes = maxBytes;
    this.evictOverflow();
  }

  /** Empties the cache (counters are kept). */
  clear(): void {
    this.entries.clear();
    this.parts.clear();
    this.sizeBytes = 0;
  }

  stats(): ColumnChunkCacheStats {
    return {
      entries: this.entries.size,
      parts: this.parts.size,
      sizeBytes: this.sizeBytes,
      maxBytes: this.maxBytes,
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
    };
  }

  private get(key: string): Value | undefined {
    const e = this.entries.get(key);
    if (e === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  private set(key: string, part: string, group: string, value: Value, bytes: number): void {
    if (bytes > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.sizeBytes -= old.bytes;
      this.entries.delete(key);
    }
    let p = this.parts.get(part);
    if (p === undefined) {
      p = { group, keys: new Set() };
      this.parts.set(part, p);
    }
    p.keys.add(key);
    this.entries.set(key, { part, value, bytes });
    this.sizeBytes += bytes;
    this.evictOverflow();
  }

  private evictOverflow(): void {
    for (const [key, e] of this.entries) {
      if (this.sizeBytes <= this.maxBytes) break;
      this.entries.delete(key);
      this.sizeBytes -= e.bytes;
      this.evictions++;
      const p = this.parts.get(e.part);
      if (p !== undefined) {
        p.keys.delete(key);
        if (p.keys.size === 0) this.parts.delete(e.part);
      }
    }
  }
}

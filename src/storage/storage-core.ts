/**
 * The mutable state shared by Storage and its background jobs (flusher, compactor,
 * retention): the published parts per table and the head generations. Every change to
 * what snapshots see happens in one synchronous step on these fields (a publish), so a
 * snapshot — also taken synchronously — sees each row exactly once.
 */
import type { TableName } from '../columnar/index.ts';
import type { Logger } from '../common/index.ts';
import { ChunkMemoryPool, HeadGeneration } from './head/index.ts';
import type { FooterCache, PartHandle, PartJournal, PartSet, PinRegistry } from './parts/index.ts';
import type { ResolvedStorageOptions } from './storage-options.ts';

/** Counters behind Storage.stats(). */
export interface StorageCounters {
  flushes: number;
  flushFailures: number;
  flushedRows: number;
  flushedBytes: number;
  lastFlushMs: number;
  compactions: number;
  compactionFailures: number;
  compactedInputParts: number;
  retentionDeletedParts: number;
  appendsRejectedDiskFull: number;
  appendsRejectedWalFull: number;
  /** Appends refused because the head reached head_max_bytes and no flush made room in time. */
  appendsRejectedHeadFull: number;
  replayDecodeErrors: number;
}

export function emptyCounters(): StorageCounters {
  return {
    flushes: 0,
    flushFailures: 0,
    flushedRows: 0,
    flushedBytes: 0,
    lastFlushMs: 0,
    compactions: 0,
    compactionFailures: 0,
    compactedInputParts: 0,
    retentionDeletedParts: 0,
    appendsRejectedDiskFull: 0,
    appendsRejectedWalFull: 0,
    appendsRejectedHeadFull: 0,
    replayDecodeErrors: 0,
  };
}

export class StorageCore {
  /** Published parts per table; replaced (never mutated) by each publish. */
  parts: Record<TableName, PartSet>;
  /** Where appends go. */
  active: HeadGeneration;
  private frozenGeneration: HeadGeneration | null = null;
  /** Chunk memory of flushed generations, reused by the next ones (see head/chunk-memory.ts). */
  readonly chunkMemory: ChunkMemoryPool;
  private nextGenerationId = 2;
  readonly counters = emptyCounters();

  constructor(
    readonly options: ResolvedStorageOptions,
    readonly logger: Logger,
    readonly journal: PartJournal,
    readonly pins: PinRegistry,
    readonly footers: FooterCache,
    parts: Record<TableName, PartSet>,
  ) {
    this.parts = parts;
    // One generation's worth (a flush starts at half of head_max_bytes): what the next
    // active generation will allocate again.
    this.chunkMemory = new ChunkMemoryPool(options.headMaxBytes / 2);
    this.active = new HeadGeneration(1, this.chunkMemory);
  }

  /** The generation being flushed, still visible to snapshots until its parts publish. */
  get frozen(): HeadGeneration | null {
    return this.frozenGeneration;
  }

  /**
   * The flusher sets this to null in the publish step; the generation it held is then
   * gone for good, so the chunk memory no snapshot saw goes back to the pool.
   */
  set frozen(gen: HeadGeneration | null) {
    const dropped = this.frozenGeneration;
    this.frozenGeneration = gen;
    if (dropped !== null && dropped !== gen && dropped !== this.active) dropped.recycleInto(this.chunkMemory);
  }

  /** Makes the active generation the frozen one and starts a new active generation. */
  freeze(): HeadGeneration {
    if (this.frozenGeneration !== null) throw new Error('a frozen generation is still being flushed');
    const gen = this.active;
    this.frozenGeneration = gen;
    this.active = new HeadGeneration(this.nextGenerationId++, this.chunkMemory);
    return gen;
  }

  /** Ids of generations whose heads snapshots can still see. */
  liveGenerations(): Set<number> {
    const ids = new Set([this.active.id]);
    if (this.frozen !== null) ids.add(this.frozen.id);
    return ids;
  }

  /** Publishes added/removed parts of one table (synchronous: the atomic step). */
  publish(table: TableName, added: readonly PartHandle[], removed: readonly string[]): void {
    this.parts[table] = this.parts[table].with(added, removed);
  }
}

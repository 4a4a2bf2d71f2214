/**
 * The bridge between the query engine's worker threads and storage (query/ and storage/
 * never import each other, so the server builds it). Main side: snapshot every table
 * for the caller's tenant and describe the snapshots for one worker (head chunks are
 * shared memory; dictionaries travel as deltas through a per-worker DictionaryPeer);
 * the pins are released when the worker is done. Worker side (WorkerStorageCatalog):
 * open the descriptions as TableSources for the engine, reading parts through the
 * worker's footer cache and decoded-chunk cache, so that a dashboard refresh served by
 * the same worker does not decode the same Parquet chunks again.
 *
 * Chunk cache bound: all workers' caches together hold at most one query's memory
 * budget (`query.memory_mb`), i.e. the caches count as one more query's worth of memory
 * (2 workers at the default 256 MiB: ≤ 128 MiB of decoded chunks each). That keeps a
 * busy server inside the systemd unit's MemoryMax=1G next to the head, the ingest queue
 * and running queries; a day of 1,000 series (5.8M points) GROUP BY fits. Parts a newer
 * snapshot no longer lists (compacted or expired) are dropped from it when the next
 * query of that table and tenant opens its catalog.
 */
import { TABLE_NAMES, type TableSource } from '../columnar/index.ts';
import type { CatalogDescription, CatalogOpenContext, QueryCatalog } from '../query/index.ts';
import {
  ColumnChunkCache,
  FooterCache,
  openTransferredSnapshot,
  SnapshotReceiver,
  type ColumnChunkCacheStats,
  type DictionaryPeer,
  type SnapshotDescriptor,
  type Storage,
} from '../storage/index.ts';

/** Main thread: snapshots of every table for `tenant`, described for the worker that owns `peer`. */
export function describeStorageCatalog(storage: Storage, tenant: string, peer: DictionaryPeer): CatalogDescription {
  const descriptors: SnapshotDescriptor[] = TABLE_NAMES.map((table) => {
    const snapshot = storage.snapshot(table);
    try {
      return snapshot.toTransferable({ tenant, peer });
    } finally {
      snapshot.release(); // the descriptor carries its own pin
    }
  });
  let released = false;
  return {
    description: descriptors,
    release: () => {
      if (released) return;
      released = true;
      for (const d of descriptors) storage.releasePin(d.pinId);
    },
  };
}

/** Query worker threads the server runs (see engine-query-service.ts). */
export const QUERY_WORKERS = 2;

/** The decoded-chunk cache bound of one worker: its share of one query's memory budget (see the file comment). */
export function workerChunkCacheBytes(context: CatalogOpenContext): number {
  return Math.max(0, Math.floor(context.limits.memoryBytes / QUERY_WORKERS));
}

/** Worker thread: what a query worker keeps between queries, and the catalog it opens per query. */
export class WorkerStorageCatalog {
  private readonly receiver = new SnapshotReceiver();
  private footers = new FooterCache();
  private readonly cache = new ColumnChunkCache(0);

  /** The engine's catalog over the descriptors the main thread sent. */
  open(description: unknown, context: CatalogOpenContext): { readonly catalog: QueryCatalog; release(): void } {
    const bytes = workerChunkCacheBytes(context);
    if (bytes !== this.cache.stats().maxBytes) this.cache.resize(bytes);
    const tables = new Map<string, TableSource>();
    for (const d of description as SnapshotDescriptor[]) {
      // The descriptor lists every current part of its table for these tenants: forget the others.
      for (const t of d.tenants) this.cache.retainParts(ColumnChunkCache.group(d.table, t.tenant), new Set(t.parts.map((p) => p.path)));
      // Pins are released on the main thread (describeStorageCatalog), so release here is a no-op.
      const snapshot = openTransferredSnapshot(d, { receiver: this.receiver, footers: this.footers, cache: this.cache, release: () => {} });
      tables.set(d.table, { name: d.table, schema: snapshot.schema, snapshot: () => snapshot });
    }
    return { catalog: { tables }, release: () => {} };
  }

  /** Forgets decoded chunks and footers (the next query reads its parts cold) and frees their memory now. */
  dropCaches(): void {
    this.cache.clear();
    this.footers = new FooterCache();
    // Collect now rather than inside whichever query next allocates.
    Bun.gc(true);
  }

  /** The decoded-chunk cache's figures. */
  cacheStats(): ColumnChunkCacheStats {
    return this.cache.stats();
  }
}

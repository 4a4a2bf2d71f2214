/**
 * The bridge between the query engine's worker threads and storage (query/ and storage/
 * never import each other, so the server builds it). Main side: snapshot every table
 * for the caller's tenant and describe the snapshots for one worker (head chunks are
 * shared memory; dictionaries travel as deltas through a per-worker DictionaryPeer);
 * the pins are released when the worker is done. Worker side: open the descriptions as
 * TableSources for the engine.
 */
import { TABLE_NAMES, type TableSource } from '../columnar/index.ts';
import type { CatalogDescription, QueryCatalog } from '../query/index.ts';
import { openTransferredSnapshot, type DictionaryPeer, type SnapshotDescriptor, type SnapshotReceiver, type Storage } from '../storage/index.ts';

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

/** Worker thread: the engine's catalog over the descriptors the main thread sent. */
export function openStorageCatalog(description: unknown, receiver: SnapshotReceiver): { readonly catalog: QueryCatalog; release(): void } {
  const tables = new Map<string, TableSource>();
  for (const d of description as SnapshotDescriptor[]) {
    // Pins are released on the main thread (describeStorageCatalog), so release here is a no-op.
    const snapshot = openTransferredSnapshot(d, { receiver, release: () => {} });
    tables.set(d.table, { name: d.table, schema: snapshot.schema, snapshot: () => snapshot });
  }
  return { catalog: { tables }, release: () => {} };
}

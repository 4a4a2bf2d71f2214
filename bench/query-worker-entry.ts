/**
 * A query worker over real storage, as the server would wire it: the main thread sends
 * storage snapshot descriptors (StorageSnapshot.toTransferable with a DictionaryPeer per
 * worker), this worker opens them (one SnapshotReceiver per worker) and the engine runs
 * unchanged. Pins are released on the main thread by the runner's release hook.
 */
import type { TableSource } from '../src/columnar/index.ts';
import { startQueryWorker } from '../src/query/index.ts';
import { openTransferredSnapshot, SnapshotReceiver, type SnapshotDescriptor } from '../src/storage/index.ts';

const receiver = new SnapshotReceiver();

startQueryWorker((description) => {
  const tables = new Map<string, TableSource>();
  for (const d of description as SnapshotDescriptor[]) {
    const snapshot = openTransferredSnapshot(d, { receiver, release: () => {} });
    tables.set(d.table, { name: d.table, schema: snapshot.schema, snapshot: () => snapshot });
  }
  return { catalog: { tables }, release: () => {} };
});

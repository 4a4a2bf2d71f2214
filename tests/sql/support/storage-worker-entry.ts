/**
 * A query worker over real storage for tests (the same wiring the server needs): opens
 * the storage snapshot descriptors the main thread sends, with one SnapshotReceiver per
 * worker; pins are released on the main thread by the runner's release hook.
 */
import type { TableSource } from '../../../src/columnar/index.ts';
import { startQueryWorker } from '../../../src/query/index.ts';
import { openTransferredSnapshot, SnapshotReceiver, type SnapshotDescriptor } from '../../../src/storage/index.ts';

const receiver = new SnapshotReceiver();

startQueryWorker((description) => {
  const tables = new Map<string, TableSource>();
  for (const d of description as SnapshotDescriptor[]) {
    const snapshot = openTransferredSnapshot(d, { receiver, release: () => {} });
    tables.set(d.table, { name: d.table, schema: snapshot.schema, snapshot: () => snapshot });
  }
  return { catalog: { tables }, release: () => {} };
});

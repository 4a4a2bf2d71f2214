/**
 * Entry point of a query worker thread (see storage-catalog.ts): runs the SQL engine
 * over storage snapshots described by the main thread. Embedded in the compiled binary
 * through workerEntry('src/server/query-worker-entry.ts').
 */
import { startQueryWorker } from '../query/index.ts';
import { SnapshotReceiver } from '../storage/index.ts';
import { openStorageCatalog } from './storage-catalog.ts';

const receiver = new SnapshotReceiver();
startQueryWorker((description) => openStorageCatalog(description, receiver));

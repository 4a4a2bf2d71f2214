/**
 * Entry point of a query worker thread (see storage-catalog.ts): runs the SQL engine
 * over storage snapshots described by the main thread, keeping this worker's footer and
 * decoded-chunk caches between queries. Embedded in the compiled binary through
 * workerEntry('src/server/query-worker-entry.ts').
 */
import { startQueryWorker } from '../query/index.ts';
import { WorkerStorageCatalog } from './storage-catalog.ts';

const catalog = new WorkerStorageCatalog();
startQueryWorker((description, context) => catalog.open(description, context), { dropCaches: () => catalog.dropCaches() });

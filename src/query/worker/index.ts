/**
 * query/worker/: running the engine on worker threads. Main side:
 * worker-query-runner.ts (`WorkerQueryRunner`, a pool with injectable catalog
 * description, cancellation, and hard restarts of unresponsive workers). Worker side:
 * query-worker-host.ts (`startQueryWorker(openCatalog)`, called by a worker entry
 * file). result-transfer.ts moves result batches with transferred buffers.
 * Start reading at worker-query-runner.ts.
 */
export { WorkerQueryRunner, type CatalogDescription, type WorkerQueryRunnerOptions, type WorkerQueryRequest } from './worker-query-runner.ts';
export { startQueryWorker, type CatalogOpener, type CatalogOpenContext, type QueryWorkerHooks } from './query-worker-host.ts';
export { encodeResult } from './result-transfer.ts';

/**
 * query/engine/: the library surface. run-query.ts (`runQuery`), query-context.ts (the
 * caller contract), query-scheduler.ts (`QueryEngine`: concurrency, queue, timeout),
 * result-batch.ts, explain.ts. Start reading at run-query.ts.
 */
export { runQuery } from './run-query.ts';
export { QueryEngine, inProcessExecutor, type QueryEngineOptions, type QueryExecutor, type ScheduledQuery } from './query-scheduler.ts';
export type { QueryCatalog, QueryContext, QueryLimits, QueryResult, ResultColumn, ResultColumnType } from './query-context.ts';
export { createMemoryPool, type MemoryPoolShare } from '../exec/index.ts';

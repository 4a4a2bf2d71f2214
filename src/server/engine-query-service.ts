/**
 * The `QueryService` over Pharlux's SQL engine. In the server, queries run on worker
 * threads (`createWorkerQueryService`) behind the engine's admission control
 * (`query.max_concurrent`, a bounded queue, the timeout), so a heavy query never stalls
 * OTLP acknowledgements on the event loop. `pharlux query --data-dir` runs in-process
 * (`createInProcessQueryService`). Either way the engine binds the caller's tenant to
 * every scan and stops at `limit + 1` rows, which lets the API mark the result truncated.
 */
import { availableParallelism } from 'node:os';
import type { DataType, TableSource } from '../columnar/index.ts';
import { workerEntry, type Logger } from '../common/index.ts';
import { createMemoryPool, inProcessExecutor, QueryEngine, WorkerQueryRunner, type QueryResult, type ResultColumnType } from '../query/index.ts';
import { DictionaryPeer, type Storage } from '../storage/index.ts';
import type { PharluxConfig } from './config.ts';
import type { QueryService, QueryServiceRequest, QueryServiceResult } from './query-service.ts';
import { describeStorageCatalog, QUERY_WORKERS } from './storage-catalog.ts';

const PHYSICAL: Readonly<Record<ResultColumnType, DataType>> = {
  boolean: 'boolean',
  bigint: 'int64',
  double: 'float64',
  text: 'string',
  // Intervals come out of the engine as PostgreSQL-style text.
  interval: 'string',
  json: 'json',
  timestamp: 'timestamp',
};

export interface QueryLimitsConfig {
  readonly memoryBytes: number;
  readonly timeoutMs: number;
  readonly maxConcurrent: number;
}

/** The `query.*` limits of the configuration. */
export function queryLimitsFrom(config: PharluxConfig): QueryLimitsConfig {
  return { memoryBytes: config.query.memoryMb * 1024 * 1024, timeoutMs: config.query.timeoutSeconds * 1000, maxConcurrent: config.query.maxConcurrent };
}

/** A QueryService plus what it holds (worker threads) that must be shut down. */
export interface ManagedQueryService extends QueryService {
  close(): Promise<void>;
}

/**
 * All running queries together may hold twice one query's budget: with query.memory_mb =
 * 256 that is 512 MiB, which (with the decoded-chunk caches and the head) keeps a busy
 * server inside the unit's MemoryMax=1G even when max_concurrent queries run at once.
 */
const POOL_BUDGETS = 2;

function serviceOver(engine: QueryEngine, limits: QueryLimitsConfig, close: () => Promise<void>): ManagedQueryService {
  const memoryPool = createMemoryPool(POOL_BUDGETS * limits.memoryBytes);
  return {
    async run(sql: string, request: QueryServiceRequest): Promise<QueryServiceResult> {
      const result = await engine.run(sql, {
        tenant: request.tenant,
        limits: { memoryBytes: limits.memoryBytes, timeoutMs: limits.timeoutMs, maxResultRows: request.limit + 1, memoryPool },
        signal: request.signal,
      });
      return toServiceResult(result);
    },
    close,
  };
}

function toServiceResult(result: QueryResult): QueryServiceResult {
  return {
    columns: result.columns.map((c) => ({ name: c.name, type: c.type, dataType: PHYSICAL[c.type] })),
    batches: (async function* () {
      yield* result.batches;
    })(),
  };
}

/** Server: queries on worker threads over storage snapshots. */
export function createWorkerQueryService(storage: Storage, limits: QueryLimitsConfig, logger: Logger): ManagedQueryService {
  // Two workers on a 2-core box: a heavy query does not hold up a small one, and the
  // event loop (ingest) keeps a core's worth of time as the workers share the other.
  const workers = Math.max(1, Math.min(QUERY_WORKERS, availableParallelism()));
  const runner = new WorkerQueryRunner<DictionaryPeer>({
    workerEntry: workerEntry('src/server/query-worker-entry.ts'),
    workers,
    createPeer: () => new DictionaryPeer(),
    describeCatalog: (tenant, peer) => describeStorageCatalog(storage, tenant, peer),
    logger: logger.child({ component: 'query' }),
  });
  const engine = new QueryEngine({ maxConcurrent: limits.maxConcurrent, execute: (sql, request) => runner.run(sql, request) });
  return serviceOver(engine, limits, () => runner.close());
}

/** `pharlux query --data-dir`: runs in this thread over the given tables. */
export function createInProcessQueryService(tables: ReadonlyMap<string, TableSource>, limits: QueryLimitsConfig): ManagedQueryService {
  const engine = new QueryEngine({ maxConcurrent: limits.maxConcurrent, execute: inProcessExecutor({ tables }) });
  return serviceOver(engine, limits, async () => {});
}

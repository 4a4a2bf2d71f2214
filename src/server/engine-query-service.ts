/**
 * The `QueryService` over Pharlux's SQL engine (`runQuery` of query/) and storage's
 * tables. The engine binds the caller's tenant to every scan and stops at `limit + 1`
 * rows, which lets the API mark the result truncated.
 */
import type { DataType, TableSource } from '../columnar/index.ts';
import { runQuery, type ResultColumnType } from '../query/index.ts';
import type { QueryService } from './query-service.ts';

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

export interface EngineQueryServiceOptions {
  /** `metrics`, `logs`, `spans` → their sources. */
  readonly tables: ReadonlyMap<string, TableSource>;
  readonly memoryBytes: number;
  readonly timeoutMs: number;
}

/** A QueryService that runs SQL in-process with the engine. */
export function createEngineQueryService(options: EngineQueryServiceOptions): QueryService {
  return {
    async run(sql, request) {
      const result = await runQuery(sql, {
        tenant: request.tenant,
        catalog: { tables: options.tables },
        limits: { memoryBytes: options.memoryBytes, timeoutMs: options.timeoutMs, maxResultRows: request.limit + 1 },
        signal: request.signal,
      });
      return {
        columns: result.columns.map((c) => ({ name: c.name, type: c.type, dataType: PHYSICAL[c.type] })),
        batches: (async function* () {
          yield* result.batches;
        })(),
      };
    },
  };
}

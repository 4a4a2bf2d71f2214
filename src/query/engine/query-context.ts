/**
 * The library contract of the engine: what a caller passes to `runQuery` (tenant bound
 * from its auth context, catalog, limits) and what it gets back (columnar batches plus
 * column names and API type names).
 */
import type { Batch, TableSource } from '../../columnar/index.ts';
import type { Clock } from '../../common/index.ts';
import type { MemoryPoolShare } from '../exec/memory-pool.ts';

/** Tables by name: `metrics`, `logs`, `spans` (views such as `traces` are resolved by the engine). */
export interface QueryCatalog {
  readonly tables: ReadonlyMap<string, TableSource>;
}

export interface QueryLimits {
  /** Per-query memory budget in bytes (query.memory_mb × 2^20). */
  readonly memoryBytes: number;
  readonly timeoutMs: number;
  /** Rows returned at most; more make the result `truncated`. */
  readonly maxResultRows: number;
  /** The memory all running queries share (server); each query also stays within memoryBytes. */
  readonly memoryPool?: MemoryPoolShare;
}

export interface QueryContext {
  /** The only tenant whose rows the query can see; never taken from SQL. */
  readonly tenant: string;
  readonly catalog: QueryCatalog;
  readonly limits: QueryLimits;
  /** Cancels the query (client disconnected, server stopping). */
  readonly signal?: AbortSignal;
  /** Value of now() in ms since the epoch (defaults to the clock's now). */
  readonly nowMs?: number;
  /** Time source (tests inject one); defaults to the system clock. */
  readonly clock?: Clock;
  /** Rows per batch asked of scans (default 65 536). */
  readonly batchRows?: number;
}

/** Column types as the API names them. */
export type ResultColumnType = 'boolean' | 'bigint' | 'double' | 'text' | 'timestamp' | 'interval' | 'json';

export interface ResultColumn {
  readonly name: string;
  readonly type: ResultColumnType;
}

export interface QueryResult {
  readonly columns: readonly ResultColumn[];
  /**
   * Result rows as columnar batches. Physical types: bigint → int64, double → float64,
   * text/json → dictionary strings, timestamp → split timestamps, and interval → a
   * string column holding PostgreSQL-style text (e.g. `1 day 02:00:00.5`).
   */
  readonly batches: readonly Batch[];
  readonly rowCount: number;
  /** True when more rows existed than limits.maxResultRows. */
  readonly truncated: boolean;
  readonly elapsedMs: number;
  /** EXPLAIN [ANALYZE] output, one line per element (also returned as rows of column `plan`). */
  readonly plan?: readonly string[];
}

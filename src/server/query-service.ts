/**
 * What the API needs from the SQL engine, and all it knows of it. server.ts wires an
 * implementation over `query/` (runQuery) and storage's tables; tests use a fake. The
 * API enforces tenancy by passing the caller's tenant, which the engine binds to every
 * table scan (SPEC §7), and cuts the result at `limit` rows itself.
 */
import type { Batch, DataType } from '../columnar/index.ts';

export type QueryOutputFormat = 'json' | 'csv' | 'ndjson' | 'arrow';

export interface QueryServiceRequest {
  /** The caller's tenant; every scan is bound to it. */
  readonly tenant: string;
  /**
   * Rows the caller keeps. The engine may stop after `limit + 1` rows: the extra row
   * tells the API that the result was truncated.
   */
  readonly limit: number;
  /** Aborted when the client goes away, the server stops, or the query times out. */
  readonly signal: AbortSignal;
  /** The output format, in case the engine wants to prepare values for it (it may ignore it). */
  readonly format: QueryOutputFormat;
}

export interface QueryColumn {
  readonly name: string;
  /** The SQL type name the API shows (`bigint`, `double`, `text`, `timestamp`, `interval`, `json`, `boolean`). */
  readonly type: string;
  /** The physical type of the column's vectors (an `interval` is carried as `string` text). */
  readonly dataType: DataType;
}

/** SQL type names of the physical types, as the API and `GET /api/v1/schema` show them. */
export const SQL_TYPE_NAMES: Readonly<Record<DataType, string>> = {
  boolean: 'boolean',
  int64: 'bigint',
  float64: 'double',
  string: 'text',
  json: 'json',
  timestamp: 'timestamp',
};

export interface QueryServiceResult {
  /** Known before the first batch, so an empty result still has a header. */
  readonly columns: readonly QueryColumn[];
  /** The rows, in order; each batch's schema matches `columns`. */
  readonly batches: AsyncIterable<Batch>;
}

export interface QueryService {
  /** Plans and starts `sql`; throws (query/ errors) before returning when the SQL is invalid. */
  run(sql: string, request: QueryServiceRequest): Promise<QueryServiceResult>;
}

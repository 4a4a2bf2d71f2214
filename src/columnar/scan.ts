/**
 * The contract between storage (which implements it) and the query engine (which only
 * knows it): a `TableSource` hands out consistent snapshots; a snapshot scans one
 * tenant's rows as a stream of `Batch`es, pruning what predicates rule out.
 *
 * Rules every implementation keeps (tests/contract/table-source.contract.ts checks them):
 *  - A snapshot is atomic: it sees every row acknowledged before it was taken exactly
 *    once, no matter what flushes, compactions or retention do meanwhile, until
 *    `release()`.
 *  - `scan` yields batches whose schema is exactly `request.columns` (in that order,
 *    with the table's field definitions) and only rows of `request.tenant`.
 *  - Predicates are a conjunction of *hints*: the scan may skip any data it can prove
 *    matches none of them, and may return rows that do not match. Callers re-apply
 *    their filters. A scan never drops a row that matches.
 */
import type { Batch } from './batch.ts';
import type { Schema } from './data-type.ts';
import type { TableName } from './table-schemas.ts';

/** A literal in a predicate. Timestamps are bigint nanoseconds; int64/float64 are numbers. */
export type ScalarValue = null | boolean | number | string | bigint;

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type ScanPredicate =
  | { readonly kind: 'compare'; readonly column: string; readonly op: CompareOp; readonly value: ScalarValue }
  | { readonly kind: 'in'; readonly column: string; readonly values: readonly ScalarValue[] }
  | { readonly kind: 'null'; readonly column: string; readonly isNull: boolean }
  | { readonly kind: 'prefix'; readonly column: string; readonly prefix: string };

export interface ScanRequest {
  /** The only tenant whose rows may be returned; bound from the caller, never from SQL. */
  readonly tenant: string;
  /** Projection: output batches hold exactly these columns in this order. */
  readonly columns: readonly string[];
  /** Conjunction of pruning hints (see the file comment). */
  readonly predicates: readonly ScanPredicate[];
  /** Preferred rows per batch; implementations may yield smaller or somewhat larger batches. */
  readonly batchRows?: number;
  /** Stops the scan early (query cancelled, timed out, or LIMIT satisfied). */
  readonly signal?: AbortSignal;
  /** Counters the scan increments, for EXPLAIN ANALYZE and self-metrics. */
  readonly stats?: ScanStats;
}

/** What a scan considered versus what it actually read. */
export interface ScanStats {
  partitionsTotal: number;
  partitionsRead: number;
  filesTotal: number;
  filesRead: number;
  rowGroupsTotal: number;
  rowGroupsRead: number;
  pagesTotal: number;
  pagesRead: number;
  headChunksTotal: number;
  headChunksRead: number;
  rowsRead: number;
  bytesRead: number;
}

export function emptyScanStats(): ScanStats {
  return {
    partitionsTotal: 0,
    partitionsRead: 0,
    filesTotal: 0,
    filesRead: 0,
    rowGroupsTotal: 0,
    rowGroupsRead: 0,
    pagesTotal: 0,
    pagesRead: 0,
    headChunksTotal: 0,
    headChunksRead: 0,
    rowsRead: 0,
    bytesRead: 0,
  };
}

/** Adds `from` into `into`. */
export function addScanStats(into: ScanStats, from: ScanStats): void {
  for (const key of Object.keys(into) as (keyof ScanStats)[]) into[key] += from[key];
}

/** Cheap, possibly approximate facts about one tenant's data in a snapshot, for planning. */
export interface TableStatistics {
  /** Upper bound on rows a full scan would return. */
  readonly rowCount: number;
  /** Oldest and newest timestamp (ns), or null when the table is empty. */
  readonly minTimestampNs: bigint | null;
  readonly maxTimestampNs: bigint | null;
  readonly partCount: number;
  readonly headRowCount: number;
}

export interface TableSnapshot {
  readonly schema: Schema;
  statistics(tenant: string): TableStatistics;
  scan(request: ScanRequest): AsyncIterable<Batch>;
  /** Lets storage delete files this snapshot pinned. Idempotent. */
  release(): void;
}

export interface TableSource {
  readonly name: TableName;
  readonly schema: Schema;
  /** Takes a snapshot atomically (synchronous: no await between "look" and "pin"). */
  snapshot(): TableSnapshot;
}

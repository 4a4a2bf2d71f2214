/**
 * What a planner needs to know about a part without reading its data: the decoded
 * Parquet footer reduced to Pharlux terms (table, schema version, row counts, time
 * range, per-row-group statistics), plus the physical layout `scanPart` reads.
 */
import type { ScalarValue, Schema, TableName } from '../../columnar/index.ts';
import type { ColumnIndexMeta, FileMetadata, OffsetIndexMeta } from './thrift/index.ts';

/** min/max/null count of one column chunk; min/max are null when unknown (or all rows null). */
export interface ColumnStats {
  /** Null rows in the chunk, or null when the writer did not record it. */
  readonly nullCount: number | null;
  /** Lower bound of the non-null values (timestamps as bigint ns, strings as strings). */
  readonly min: ScalarValue;
  /** Upper bound of the non-null values. */
  readonly max: ScalarValue;
}

/** One row group: its row range in the part and statistics per column (schema order). */
export interface RowGroupFooter {
  readonly rowCount: number;
  /** Index of the row group's first row in the part. */
  readonly firstRow: number;
  readonly compressedBytes: number;
  readonly columns: readonly ColumnStats[];
}

/** Page indexes of one column chunk (null when the file has none). */
export interface ChunkIndexes {
  readonly offsetIndex: OffsetIndexMeta | null;
  readonly columnIndex: ColumnIndexMeta | null;
}

/** Physical Parquet layout; only scanPart looks inside. */
export interface PartPhysical {
  readonly file: FileMetadata;
  /** Raw footer (metadata + length + magic), for the hyparquet fallback decoder. */
  readonly footerBytes: Uint8Array;
  /** [rowGroup][column] page indexes. */
  readonly indexes: readonly (readonly ChunkIndexes[])[];
}

/** Parsed footer plus what planners need: row count, schema version, time range, per-row-group stats. */
export interface PartFooter {
  readonly table: TableName;
  readonly schemaVersion: number;
  /** The table schema the part was written with (TABLE_SCHEMAS[table]). */
  readonly schema: Schema;
  readonly rowCount: number;
  /** Oldest and newest `timestamp` in the part (ns); null when the part is empty. */
  readonly minTimestampNs: bigint | null;
  readonly maxTimestampNs: bigint | null;
  readonly rowGroups: readonly RowGroupFooter[];
  /** Size of the whole part file. */
  readonly fileBytes: number;
  readonly physical: PartPhysical;
}

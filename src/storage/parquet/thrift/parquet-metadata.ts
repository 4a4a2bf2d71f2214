/**
 * The subset of the Parquet Thrift model (parquet.thrift) that Pharlux writes and reads,
 * as plain TypeScript data. Enum values are the Thrift numbers; i64 fields are numbers
 * (exact to 2^53). Unknown fields are skipped on read.
 */

export const ParquetType = { BOOLEAN: 0, INT32: 1, INT64: 2, INT96: 3, FLOAT: 4, DOUBLE: 5, BYTE_ARRAY: 6, FIXED_LEN_BYTE_ARRAY: 7 } as const;
export const Repetition = { REQUIRED: 0, OPTIONAL: 1, REPEATED: 2 } as const;
export const ConvertedType = { UTF8: 0, JSON: 19 } as const;
export const Encoding = {
  PLAIN: 0,
  PLAIN_DICTIONARY: 2,
  RLE: 3,
  BIT_PACKED: 4,
  DELTA_BINARY_PACKED: 5,
  DELTA_LENGTH_BYTE_ARRAY: 6,
  DELTA_BYTE_ARRAY: 7,
  RLE_DICTIONARY: 8,
  BYTE_STREAM_SPLIT: 9,
} as const;
export const PageType = { DATA_PAGE: 0, INDEX_PAGE: 1, DICTIONARY_PAGE: 2, DATA_PAGE_V2: 3 } as const;
export const BoundaryOrder = { UNORDERED: 0, ASCENDING: 1, DESCENDING: 2 } as const;

export type LogicalTypeMeta =
  | { readonly kind: 'string' }
  | { readonly kind: 'json' }
  | { readonly kind: 'timestamp'; readonly unit: 'MILLIS' | 'MICROS' | 'NANOS'; readonly isAdjustedToUTC: boolean }
  | { readonly kind: 'other'; readonly id: number };

export interface SchemaElementMeta {
  readonly name: string;
  readonly type?: number;
  readonly repetition?: number;
  readonly numChildren?: number;
  readonly convertedType?: number;
  readonly logicalType?: LogicalTypeMeta;
}

export interface StatisticsMeta {
  readonly nullCount?: number;
  /** min_value / max_value (type-defined order), else the deprecated min / max. */
  readonly minValue?: Uint8Array;
  readonly maxValue?: Uint8Array;
  /** True when only the deprecated min/max were present (signed byte order for strings). */
  readonly deprecatedOrder?: boolean;
}

export interface ColumnMeta {
  readonly type: number;
  readonly encodings: readonly number[];
  readonly path: readonly string[];
  readonly codec: number;
  readonly numValues: number;
  readonly totalUncompressedSize: number;
  readonly totalCompressedSize: number;
  readonly dataPageOffset: number;
  readonly dictionaryPageOffset?: number;
  readonly statistics?: StatisticsMeta;
  readonly bloomFilterOffset?: number;
  readonly bloomFilterLength?: number;
}

export interface ColumnChunkMeta {
  readonly fileOffset: number;
  readonly meta: ColumnMeta;
  readonly offsetIndexOffset?: number;
  readonly offsetIndexLength?: number;
  readonly columnIndexOffset?: number;
  readonly columnIndexLength?: number;
}

export interface RowGroupMeta {
  readonly columns: readonly ColumnChunkMeta[];
  readonly totalByteSize: number;
  readonly numRows: number;
  readonly fileOffset?: number;
  readonly totalCompressedSize?: number;
  readonly ordinal?: number;
}

export interface KeyValueMeta {
  readonly key: string;
  readonly value?: string;
}

export interface FileMetadata {
  readonly version: number;
  readonly schema: readonly SchemaElementMeta[];
  readonly numRows: number;
  readonly rowGroups: readonly RowGroupMeta[];
  readonly keyValues: readonly KeyValueMeta[];
  readonly createdBy?: string;
}

export interface DataPageHeaderMeta {
  readonly numValues: number;
  readonly encoding: number;
  readonly definitionLevelEncoding: number;
  readonly repetitionLevelEncoding: number;
}

export interface DataPageHeaderV2Meta {
  readonly numValues: number;
  readonly numNulls: number;
  readonly numRows: number;
  readonly encoding: number;
  readonly definitionLevelsByteLength: number;
  readonly repetitionLevelsByteLength: number;
  readonly isCompressed: boolean;
}

export interface DictionaryPageHeaderMeta {
  readonly numValues: number;
  readonly encoding: number;
}

export interface PageHeaderMeta {
  readonly type: number;
  readonly uncompressedPageSize: number;
  readonly compressedPageSize: number;
  readonly dataPage?: DataPageHeaderMeta;
  readonly dataPageV2?: DataPageHeaderV2Meta;
  readonly dictionaryPage?: DictionaryPageHeaderMeta;
}

export interface ColumnIndexMeta {
  readonly nullPages: readonly boolean[];
  readonly minValues: readonly Uint8Array[];
  readonly maxValues: readonly Uint8Array[];
  readonly boundaryOrder: number;
  readonly nullCounts?: readonly number[];
}

export interface PageLocationMeta {
  readonly offset: number;
  /** Page header plus compressed page bytes. */
  readonly compressedPageSize: number;
  /** Index of the page's first row within its row group. */
  readonly firstRowIndex: number;
}

export interface OffsetIndexMeta {
  readonly pageLocations: readonly PageLocationMeta[];
}

export interface BloomFilterHeaderMeta {
  readonly numBytes: number;
  /** True when algorithm = BLOCK, hash = XXHASH and compression = UNCOMPRESSED (the only kind defined). */
  readonly supported: boolean;
}

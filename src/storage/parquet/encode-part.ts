/**
 * Encodes the rows of one part (encodePart), or of one part per time partition
 * (encodePartitions: a flushed head, one part per UTC hour): sort the input batches by the
 * table's sort keys without combining them first (write/row-order.ts), gather each
 * partition's columns in that order, and write one Parquet file each with our own encoder
 * (fixed schemas, typed arrays in, no per-value objects). Layout (FORMAT.md): magic, row groups (column chunks of pages),
 * column indexes, offset indexes, bloom filters, footer, footer length, magic.
 */
import {
  TABLE_BLOOM_COLUMNS,
  TABLE_INDEXED_COLUMNS,
  TABLE_SCHEMAS,
  TABLE_SCHEMA_VERSION,
  TABLE_SORT_KEYS,
  type Batch,
  type TableName,
} from '../../columnar/index.ts';
import { PartInput, sortRows, SortedColumns, writeColumnChunk, PartOutput, type SortedColumn, type WrittenChunk } from './write/index.ts';
import { ByteSink } from './encoding/index.ts';
import { codecOf, type PartCompression } from './page-codec.ts';
import { PartEncodeError } from './part-corrupt-error.ts';
import { parquetSchemaFor } from './parquet-schema.ts';
import { encodeBloomFilterHeader, encodeColumnIndex, encodeFileMetadata, encodeOffsetIndex, Encoding, type ColumnChunkMeta, type RowGroupMeta } from './thrift/index.ts';

/** How a part is written (SPEC §3 storage.parquet_*). */
export interface PartWriteOptions {
  compression: PartCompression;
  zstdLevel: number;
  /** Rows per row group (default 131072). */
  rowGroupRows?: number;
  /**
   * Rows per page on indexed columns (default: 8192 for metrics, 2048 for logs and spans);
   * other columns use 4× as many. Smaller pages prune time windows more finely; metrics
   * are sorted by series, so their pages span the whole part's time anyway and larger
   * pages compress better (16,384-row metric value pages were tried: half the bytes to
   * inflate for a one-series query, but 2.6 % more value bytes, which took the 24 h
   * metrics workload over its 2 B/point goal: bench/parquet.bench.ts).
   */
  pageRows?: number;
}

const MAGIC = new Uint8Array([0x50, 0x41, 0x52, 0x31]); // "PAR1"
const DEFAULT_ROW_GROUP_ROWS = 128 * 1024;
const DEFAULT_PAGE_ROWS: Readonly<Record<TableName, number>> = { metrics: 8192, logs: 2048, spans: 2048 };
const OTHER_PAGE_FACTOR = 4;
/** Written as created_by; names the format version of FORMAT.md. */
export const PART_CREATED_BY = 'pharlux parts v1';

/**
 * Sorts the rows by TABLE_SORT_KEYS[table] and encodes one Parquet file (bytes). Pure CPU:
 * must run inside a worker thread. Input batches have the full table schema
 * (TABLE_SCHEMAS[table]) and may each have their own dictionaries.
 */
export function encodePart(table: TableName, batches: readonly Batch[], options: PartWriteOptions): Uint8Array {
  for (const part of encodePartitions(table, batches, null, options)) return part.bytes;
  throw new PartEncodeError('no part was encoded');
}

/** One part of encodePartitions. */
export interface EncodedPartition {
  /** floor(timestamp ms / partitionMs) of every row (0 without partitioning). */
  readonly key: number;
  readonly rowCount: number;
  readonly bytes: Uint8Array;
}

/**
 * Like encodePart, but with `partitionMs` one part per time partition (rows with equal
 * floor(timestamp ms / partitionMs)), in partition order: a flushed head becomes one part
 * per UTC hour. The rows are sorted once for all partitions, and each partition's columns
 * are gathered only when its turn comes, so a caller that writes each part before taking
 * the next holds one partition's columns at a time. Without partitioning exactly one part
 * is yielded, empty when there are no rows.
 */
export function* encodePartitions(table: TableName, batches: readonly Batch[], partitionMs: number | null, options: PartWriteOptions): Generator<EncodedPartition> {
  const rowGroupRows = options.rowGroupRows ?? DEFAULT_ROW_GROUP_ROWS;
  const pageRows = options.pageRows ?? DEFAULT_PAGE_ROWS[table];
  if (!(rowGroupRows >= 1 && pageRows >= 1)) throw new PartEncodeError(`rowGroupRows and pageRows must be positive (got ${rowGroupRows}, ${pageRows})`);
  if (partitionMs !== null && !(partitionMs > 0)) throw new PartEncodeError(`partitionMs must be positive (got ${partitionMs})`);
  const input = new PartInput(TABLE_SCHEMAS[table], batches);
  const order = sortRows(input, TABLE_SORT_KEYS[table], partitionMs);
  const columns = new SortedColumns(input, order);
  const ranges = order.partitions.length > 0 || partitionMs !== null ? order.partitions : [{ key: 0, start: 0, end: 0 }];
  for (const range of ranges) {
    const rowCount = range.end - range.start;
    yield { key: range.key, rowCount, bytes: writePartFile(table, columns.columns(range), rowCount, rowGroupRows, pageRows, options) };
  }
}

/** The Parquet file of `rowCount` sorted rows. */
function writePartFile(table: TableName, sorted: readonly SortedColumn[], rowCount: number, rowGroupRows: number, pageRows: number, options: PartWriteOptions): Uint8Array {
  const schema = TABLE_SCHEMAS[table];
  const indexed = new Set(TABLE_INDEXED_COLUMNS[table]);
  const bloom = new Set(TABLE_BLOOM_COLUMNS[table]);
  const codec = codecOf(options.compression);

  const out = new PartOutput();
  out.push(MAGIC);
  const sink = new ByteSink(1 << 20);
  const groups: { rows: number; chunks: WrittenChunk[]; offset: number }[] = [];
  for (let start = 0; start < rowCount; start += rowGroupRows) {
    const rows = Math.min(rowGroupRows, rowCount - start);
    const offset = out.offset;
    const chunks = schema.fields.map((field, c) =>
      writeColumnChunk(out, sink, field, sorted[c], start, rows, {
        codec,
        zstdLevel: options.zstdLevel,
        pageRows: indexed.has(field.name) ? pageRows : pageRows * OTHER_PAGE_FACTOR,
        columnIndex: indexed.has(field.name),
        bloomFilter: bloom.has(field.name),
        doubleEncoding: Encoding.PLAIN,
      }),
    );
    groups.push({ rows, chunks, offset });
  }

  // Page indexes and bloom filters go after the data so a reader finds them in one range.
  const columnIndexAt = groups.map((g) =>
    g.chunks.map((ch) => {
      if (ch.columnIndex === null) return null;
      const bytes = encodeColumnIndex(ch.columnIndex);
      const at = { offset: out.offset, length: bytes.length };
      out.push(bytes);
      return at;
    }),
  );
  const offsetIndexAt = groups.map((g) =>
    g.chunks.map((ch) => {
      const bytes = encodeOffsetIndex(ch.offsetIndex);
      const at = { offset: out.offset, length: bytes.length };
      out.push(bytes);
      return at;
    }),
  );
  const bloomAt = groups.map((g) =>
    g.chunks.map((ch) => {
      if (ch.bloom === null) return null;
      const header = encodeBloomFilterHeader(ch.bloom.length);
      const at = { offset: out.offset, length: header.length + ch.bloom.length };
      out.push(header);
      out.push(ch.bloom);
      return at;
    }),
  );

  const rowGroups: RowGroupMeta[] = groups.map((g, gi) => {
    const columns: ColumnChunkMeta[] = g.chunks.map((ch, ci) => ({
      fileOffset: ch.fileOffset,
      meta: { ...ch.meta, bloomFilterOffset: bloomAt[gi][ci]?.offset, bloomFilterLength: bloomAt[gi][ci]?.length },
      offsetIndexOffset: offsetIndexAt[gi][ci].offset,
      offsetIndexLength: offsetIndexAt[gi][ci].length,
      columnIndexOffset: columnIndexAt[gi][ci]?.offset,
      columnIndexLength: columnIndexAt[gi][ci]?.length,
    }));
    let totalByteSize = 0;
    let totalCompressedSize = 0;
    for (const ch of g.chunks) {
      totalByteSize += ch.meta.totalUncompressedSize;
      totalCompressedSize += ch.meta.totalCompressedSize;
    }
    return { columns, totalByteSize, numRows: g.rows, fileOffset: g.offset, totalCompressedSize, ordinal: gi };
  });

  const footer = encodeFileMetadata({
    version: 2,
    schema: parquetSchemaFor(schema),
    numRows: rowCount,
    rowGroups,
    keyValues: [
      { key: 'pharlux.schema_version', value: String(TABLE_SCHEMA_VERSION) },
      { key: 'pharlux.table', value: table },
    ],
    createdBy: PART_CREATED_BY,
  });
  out.push(footer);
  out.u32(footer.length);
  out.push(MAGIC);
  return out.join();
}

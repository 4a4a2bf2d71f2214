/**
 * Scans one part into batches: per row group, decide which rows may match (statistics,
 * bloom filter, page index: read/row-selection.ts), decode only the projected columns and
 * only the pages covering those rows, and yield them as batches of dictionary codes and
 * typed arrays. Chunks in encodings our decoder lacks go through hyparquet.
 */
import type { FileMetaData } from 'hyparquet';
import { InternalError } from '../../common/index.ts';
import { fieldIndex, sliceBatch, type Batch, type Field, type ScanRequest, type Schema, type Vector } from '../../columnar/index.ts';
import type { ByteSource } from './byte-source.ts';
import { ColumnChunkCache } from './column-chunk-cache.ts';
import type { PartFooter } from './part-footer.ts';
import { decodeChunk, gatherRanges, decodeChunkWithHyparquet, supportsEncoding, rangeRows, selectRows, type RowRanges } from './read/index.ts';
import type { PageLocationMeta } from './thrift/index.ts';

/** A scan request without the tenant: a part holds one tenant's rows. */
export type PartScanRequest = Omit<ScanRequest, 'tenant'>;

/** Optional scan helpers: a decoded-chunk cache and the key naming this part in it. */
export interface PartScanOptions {
  readonly cache?: ColumnChunkCache;
  /** Unique id of the part file (required for the cache to be used). */
  readonly cacheKey?: string;
}

const DEFAULT_BATCH_ROWS = 64 * 1024;

/**
 * Yields batches with exactly request.columns, skipping row groups and pages that
 * request.predicates rule out, counting into request.stats: rowGroupsTotal/Read, pagesTotal
 * (data pages of the projected columns in row groups that survived row-group pruning) /
 * pagesRead (pages decoded), rowsRead (rows yielded), bytesRead (bytes read from `source`).
 */
export async function* scanPart(source: ByteSource, footer: PartFooter, request: PartScanRequest, options: PartScanOptions = {}): AsyncIterable<Batch> {
  const columns = request.columns.map((name) => {
    const i = fieldIndex(footer.schema, name);
    if (i < 0) throw new InternalError(`table ${footer.table} has no column ${name}`);
    return i;
  });
  const fields: Field[] = columns.map((i) => footer.schema.fields[i]);
  const schema: Schema = { fields };
  const batchRows = Math.max(1, request.batchRows ?? DEFAULT_BATCH_ROWS);
  const stats = request.stats;
  const cache = options.cacheKey !== undefined ? options.cache : undefined;
  const hyparquetMetadata: { value?: FileMetaData } = {};
  const countBytes = (n: number): void => {
    if (stats) stats.bytesRead += n;
  };

  for (let rg = 0; rg < footer.rowGroups.length; rg++) {
    if (request.signal?.aborted) return;
    if (stats) stats.rowGroupsTotal++;
    const ranges = selectRows(source, footer, rg, request.predicates, countBytes);
    if (ranges === null) continue;
    const rows = footer.rowGroups[rg].rowCount;
    const full = ranges.length === 2 && ranges[0] === 0 && ranges[1] === rows;
    const selectedRows = rangeRows(ranges);
    if (stats) stats.rowGroupsRead++;
    const vectors: Vector[] = [];
    for (let k = 0; k < columns.length; k++) {
      const c = columns[k];
      const field = fields[k];
      const chunk = footer.physical.file.rowGroups[rg].columns[c];
      const pages = footer.physical.indexes[rg][c].offsetIndex?.pageLocations ?? null;
      if (stats && pages !== null) stats.pagesTotal += pages.length;
      const key = cache !== undefined && options.cacheKey !== undefined ? ColumnChunkCache.key(options.cacheKey, rg, field.name) : null;
      const cached = key !== null ? cache?.get(key) : undefined;
      let vector: Vector;
      if (cached !== undefined) {
        vector = cached;
      } else if (!chunk.meta.encodings.every((e) => supportsEncoding(chunk.meta.type, e))) {
        const decoded = await decodeChunkWithHyparquet(source, footer, rg, field, hyparquetMetadata);
        vector = decoded.vector;
        countBytes(decoded.bytesRead);
        if (stats) {
          stats.pagesRead += pages?.length ?? 1;
          if (pages === null) stats.pagesTotal += 1;
        }
      } else {
        const selected = full || pages === null ? null : pagesOverlapping(pages, ranges, rows);
        const decoded = decodeChunk(source, chunk, field, rows, pages, selected);
        vector = decoded.vector;
        countBytes(decoded.bytesRead);
        if (stats) {
          stats.pagesRead += decoded.pagesRead;
          if (pages === null) stats.pagesTotal += decoded.pagesRead;
        }
        if (key !== null && selected === null) cache?.set(key, vector, decoded.byteSize);
      }
      vectors.push(full ? vector : gatherRanges(vector, ranges));
    }
    if (stats) stats.rowsRead += selectedRows;
    const batch: Batch = { schema, length: selectedRows, columns: vectors };
    for (let start = 0; start < selectedRows; start += batchRows) {
      if (request.signal?.aborted) return;
      yield start === 0 && selectedRows <= batchRows ? batch : sliceBatch(batch, start, Math.min(selectedRows, start + batchRows));
    }
  }
}

/** Which pages hold at least one row of `ranges`. */
function pagesOverlapping(pages: readonly PageLocationMeta[], ranges: RowRanges, rows: number): boolean[] {
  const selected = new Array<boolean>(pages.length).fill(false);
  let r = 0;
  for (let i = 0; i < pages.length; i++) {
    const start = pages[i].firstRowIndex;
    const end = i + 1 < pages.length ? pages[i + 1].firstRowIndex : rows;
    while (r < ranges.length && ranges[r + 1] <= start) r += 2;
    if (r < ranges.length && ranges[r] < end) selected[i] = true;
  }
  return selected;
}

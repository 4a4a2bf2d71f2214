/**
 * Scans one part into batches: per row group, decide which rows may match (statistics,
 * bloom filter, page index: read/row-selection.ts), narrow that to the exact rows when
 * string `=`/`IN` hints apply to projected columns (read/exact-filter.ts), decode only the
 * projected columns and only the pages covering those rows, and yield them as batches of
 * dictionary codes and typed arrays. With a ColumnChunkCache, whole chunks, single pages
 * and dictionaries are taken from it when present and put there after decoding. Whole
 * chunks inflate their large pages on Bun's thread pool, started a row group (and, with
 * the hooks, a part) ahead. Chunks in encodings our decoder lacks go through hyparquet
 * (not cached).
 */
import type { FileMetaData } from 'hyparquet';
import { InternalError } from '../../common/index.ts';
import { fieldIndex, sliceBatch, type Batch, type DictionaryVector, type Field, type ScanRequest, type Schema, type Vector } from '../../columnar/index.ts';
import type { ByteSource } from './byte-source.ts';
import { ColumnChunkCache } from './column-chunk-cache.ts';
import type { PartFooter } from './part-footer.ts';
import {
  decodeChunk,
  decodeChunkAsync,
  decodeChunkWithHyparquet,
  decodePages,
  dictionaryBytes,
  exactFilters,
  gatherPages,
  gatherRanges,
  matchingRanges,
  rangeRows,
  composeRanges,
  selectRows,
  supportsEncoding,
  type DecodedChunk,
  type DecodedDictionary,
  type PageSlice,
  type RowRanges,
} from './read/index.ts';
import type { ColumnChunkMeta, PageLocationMeta } from './thrift/index.ts';

/** A scan request without the tenant: a part holds one tenant's rows. */
export type PartScanRequest = Omit<ScanRequest, 'tenant'>;

/** Optional scan helpers: a decoded-data cache and the names of this part in it; read-ahead hooks. */
export interface PartScanOptions {
  readonly cache?: ColumnChunkCache;
  /** Unique, never reused id of the part file, e.g. its path (required for the cache to be used). */
  readonly cacheKey?: string;
  /** The part's group in the cache (ColumnChunkCache.group(table, tenant)). */
  readonly cacheGroup?: string;
  /** Plan the first row group and start decompressing its chunks now, before the batches are asked for. */
  readonly startNow?: boolean;
  /** Called once the part's last row group is decoded, before its batches are yielded: time to start the next part. */
  readonly onLastRowGroup?: () => void;
}

const DEFAULT_BATCH_ROWS = 64 * 1024;

/** A row group about to be read: its rows, and the whole-chunk decodes already started. */
interface PlannedRowGroup {
  readonly rg: number;
  readonly ranges: RowRanges | null;
  readonly chunks: Map<number, Promise<DecodedChunk>>;
}

/** Where one column's vector comes from in one row group. */
interface ColumnRead {
  readonly source: ByteSource;
  readonly chunk: ColumnChunkMeta;
  readonly field: Field;
  readonly rows: number;
  readonly pages: readonly PageLocationMeta[] | null;
  readonly ranges: RowRanges;
  readonly full: boolean;
  readonly cache: { readonly cache: ColumnChunkCache; readonly part: string; readonly group: string; readonly rg: number } | null;
  /** Counts decoded pages and bytes read (pages also into pagesTotal when the chunk has no OffsetIndex). */
  readonly count: (pagesRead: number, bytesRead: number) => void;
}

/**
 * Yields batches with exactly request.columns, skipping row groups and pages that
 * request.predicates rule out, counting into request.stats: rowGroupsTotal/Read, pagesTotal
 * (data pages of the projected columns in row groups that survived row-group pruning) /
 * pagesRead (pages decoded, not taken from the cache), rowsRead (rows yielded), bytesRead
 * (bytes read from `source`).
 */
export function scanPart(source: ByteSource, footer: PartFooter, request: PartScanRequest, options: PartScanOptions = {}): AsyncIterable<Batch> {
  const columns = request.columns.map((name) => {
    const i = fieldIndex(footer.schema, name);
    if (i < 0) throw new InternalError(`table ${footer.table} has no column ${name}`);
    return i;
  });
  const fields: Field[] = columns.map((i) => footer.schema.fields[i]);
  const schema: Schema = { fields };
  const batchRows = Math.max(1, request.batchRows ?? DEFAULT_BATCH_ROWS);
  const stats = request.stats;
  const cache = options.cache !== undefined && options.cacheKey !== undefined ? options.cache : null;
  const hyparquetMetadata: { value?: FileMetaData } = {};
  const countBytes = (n: number): void => {
    if (stats) stats.bytesRead += n;
  };

  const filters = exactFilters(request.predicates, fields);
  const groupRows = (rg: number): number => footer.rowGroups[rg].rowCount;
  const isFull = (ranges: RowRanges, rows: number): boolean => ranges.length === 2 && ranges[0] === 0 && ranges[1] === rows;
  /**
   * Starts whole-chunk decodes of the projected columns `ks` of row group `rg` that the
   * cache does not hold: their large pages inflate on Bun's thread pool meanwhile.
   */
  const startChunks = (rg: number, ks: readonly number[], into: Map<number, Promise<DecodedChunk>>): void => {
    for (const k of ks) {
      const chunk = footer.physical.file.rowGroups[rg].columns[columns[k]];
      if (into.has(k) || !chunk.meta.encodings.every((e) => supportsEncoding(chunk.meta.type, e))) continue;
      if (cache !== null && cache.has(ColumnChunkCache.chunkKey(options.cacheKey as string, rg, fields[k].name))) continue;
      let pending: Promise<DecodedChunk>;
      try {
        pending = decodeChunkAsync(source, chunk, fields[k], groupRows(rg));
      } catch (err) {
        pending = Promise.reject(err);
      }
      // Errors surface when the chunk is read; a prefetch the scan never reads must not be reported.
      pending.catch(() => {});
      into.set(k, pending);
    }
  };
  const allColumns = columns.map((_, k) => k);
  /**
   * Which rows of row group `rg` to read; with no exact filters (which may narrow it to a
   * few pages) whole chunks start decompressing at once.
   */
  const plan = (rg: number): PlannedRowGroup => {
    const ranges = selectRows(source, footer, rg, request.predicates, countBytes);
    const planned: PlannedRowGroup = { rg, ranges, chunks: new Map() };
    if (filters.length === 0 && ranges !== null && isFull(ranges, groupRows(rg))) startChunks(rg, allColumns, planned.chunks);
    return planned;
  };
  const lastRowGroup = footer.rowGroups.length - 1;
  return run(options.startNow === true && lastRowGroup >= 0 ? plan(0) : null);

  async function* run(first: PlannedRowGroup | null): AsyncIterable<Batch> {
    let next = first;
    for (let rg = 0; rg < footer.rowGroups.length; rg++) {
      if (request.signal?.aborted) return;
      if (stats) stats.rowGroupsTotal++;
      const planned = next !== null && next.rg === rg ? next : null;
      next = null;
      let ranges = planned !== null ? planned.ranges : selectRows(source, footer, rg, request.predicates, countBytes);
      if (ranges === null) continue;
      const chunks = planned?.chunks ?? new Map<number, Promise<DecodedChunk>>();
      const rows = groupRows(rg);
      if (stats) stats.rowGroupsRead++;
      for (const c of columns) {
        const pages = footer.physical.indexes[rg][c].offsetIndex?.pageLocations;
        if (stats && pages !== undefined) stats.pagesTotal += pages.length;
      }
      const readOne = async (k: number, at: RowRanges): Promise<Vector> => {
        const c = columns[k];
        const field = fields[k];
        const chunk = footer.physical.file.rowGroups[rg].columns[c];
        const pages = footer.physical.indexes[rg][c].offsetIndex?.pageLocations ?? null;
        const full = isFull(at, rows);
        const count = (pagesRead: number, bytesRead: number): void => {
          if (!stats) return;
          stats.pagesRead += pagesRead;
          stats.bytesRead += bytesRead;
          if (pages === null) stats.pagesTotal += pagesRead;
        };
        if (!chunk.meta.encodings.every((e) => supportsEncoding(chunk.meta.type, e))) {
          const decoded = await decodeChunkWithHyparquet(source, footer, rg, field, hyparquetMetadata);
          count(pages?.length ?? 1, decoded.bytesRead);
          return full ? decoded.vector : gatherRanges(decoded.vector, at);
        }
        const cacheAt = cache === null ? null : { cache, part: options.cacheKey as string, group: options.cacheGroup ?? '', rg };
        return readColumn({ source, chunk, field, rows, pages, ranges: at, full, cache: cacheAt, count }, full ? chunks.get(k) : undefined);
      };
      // Exact string filters first: the other columns are then read only where rows match.
      const early = new Map<number, Vector>();
      for (const f of filters) {
        const v = early.get(f.column) ?? (await readOne(f.column, ranges));
        early.set(f.column, v);
        const keep = matchingRanges(v as DictionaryVector, f.values);
        if (keep === null) continue;
        ranges = composeRanges(ranges, keep);
        for (const [k, vk] of early) early.set(k, gatherRanges(vk, keep));
        if (ranges.length === 0) break;
      }
      if (ranges.length === 0) continue;
      // Whole chunks of every remaining column at once, so their pages inflate in parallel.
      if (isFull(ranges, rows)) startChunks(rg, allColumns.filter((k) => !early.has(k)), chunks);
      const selectedRows = rangeRows(ranges);
      const vectors: Vector[] = [];
      for (let k = 0; k < columns.length; k++) vectors.push(early.get(k) ?? (await readOne(k, ranges)));
      if (stats) stats.rowsRead += selectedRows;
      // The next row group (or, through the hook, the next part) starts decompressing while
      // this one's batches are consumed.
      if (filters.length === 0 && rg < lastRowGroup && !request.signal?.aborted) next = plan(rg + 1);
      if (rg === lastRowGroup) options.onLastRowGroup?.();
      const batch: Batch = { schema, length: selectedRows, columns: vectors };
      for (let start = 0; start < selectedRows; start += batchRows) {
        if (request.signal?.aborted) return;
        yield start === 0 && selectedRows <= batchRows ? batch : sliceBatch(batch, start, Math.min(selectedRows, start + batchRows));
      }
    }
  }
}

/**
 * The selected rows of one column chunk: from the cache, a whole-chunk decode (`pending`
 * when one was started ahead), or a page decode.
 */
async function readColumn(r: ColumnRead, pending: Promise<DecodedChunk> | undefined): Promise<Vector> {
  const c = r.cache;
  const chunkKey = c === null ? null : ColumnChunkCache.chunkKey(c.part, c.rg, r.field.name);
  const cached = chunkKey === null ? undefined : c?.cache.getVector(chunkKey);
  if (cached !== undefined) return r.full ? cached : gatherRanges(cached, r.ranges);
  const wanted = r.full || r.pages === null ? null : pagesOverlapping(r.pages, r.ranges, r.rows);
  if (wanted === null || r.pages === null || wanted.length === r.pages.length) {
    const decoded = pending !== undefined ? await pending : decodeChunk(r.source, r.chunk, r.field, r.rows);
    r.count(decoded.pagesRead, decoded.bytesRead);
    if (c !== null && chunkKey !== null) c.cache.setVector(chunkKey, c.part, c.group, decoded.vector, decoded.byteSize);
    return r.full ? decoded.vector : gatherRanges(decoded.vector, r.ranges);
  }
  return readPages(r, r.pages, wanted);
}

/** Pages `wanted` of a chunk, each from the cache or decoded (and then cached), gathered to the ranges. */
function readPages(r: ColumnRead, pages: readonly PageLocationMeta[], wanted: readonly number[]): Vector {
  const c = r.cache;
  const slices = new Map<number, PageSlice>();
  const missing: number[] = [];
  for (const i of wanted) {
    const hit = c === null ? undefined : c.cache.getVector(ColumnChunkCache.pageKey(c.part, c.rg, r.field.name, i));
    if (hit !== undefined) slices.set(i, { firstRow: pages[i].firstRowIndex, vector: hit });
    else missing.push(i);
  }
  if (missing.length > 0) {
    const dictKey = c === null ? null : ColumnChunkCache.dictionaryKey(c.part, c.rg, r.field.name);
    const known: DecodedDictionary | null = (dictKey === null ? undefined : c?.cache.getDictionary(dictKey)) ?? null;
    const decoded = decodePages(r.source, r.chunk, r.field, r.rows, pages, missing, known);
    r.count(decoded.pagesRead, decoded.bytesRead);
    if (c !== null && dictKey !== null && decoded.dictionaryRead && decoded.dictionary !== null) {
      c.cache.setDictionary(dictKey, c.part, c.group, decoded.dictionary, dictionaryBytes(decoded.dictionary));
    }
    for (const p of decoded.pages) {
      slices.set(p.index, { firstRow: p.firstRow, vector: p.vector });
      if (c !== null) c.cache.setVector(ColumnChunkCache.pageKey(c.part, c.rg, r.field.name, p.index), c.part, c.group, p.vector, p.byteSize);
    }
  }
  return gatherPages(
    wanted.map((i) => slices.get(i) as PageSlice),
    r.ranges,
  );
}

/** Indexes of the pages that hold at least one row of `ranges`. */
function pagesOverlapping(pages: readonly PageLocationMeta[], ranges: RowRanges, rows: number): number[] {
  const out: number[] = [];
  let r = 0;
  for (let i = 0; i < pages.length; i++) {
    const start = pages[i].firstRowIndex;
    const end = i + 1 < pages.length ? pages[i + 1].firstRowIndex : rows;
    while (r < ranges.length && ranges[r + 1] <= start) r += 2;
    if (r < ranges.length && ranges[r] < end) out.push(i);
  }
  return out;
}

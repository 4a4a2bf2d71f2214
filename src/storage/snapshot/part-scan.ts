/**
 * Scans one tenant's parts for a snapshot (on the main thread or in a query worker):
 * prunes hour partitions and then files by the predicates' time window before any I/O,
 * opens each surviving part by path (pinned, so it exists), and lets scanPart prune row
 * groups and decode only the requested columns — through the caller's decoded-chunk
 * cache when it has one (query workers do: one ColumnChunkCache each).
 */
import type { Batch, ScanRequest } from '../../columnar/index.ts';
import { ColumnChunkCache, fileByteSource, scanPart } from '../parquet/index.ts';
import { overlapsBounds, overlapsBoundsMs, timeBoundsOf } from '../head/index.ts';
import { HOUR_MS, type FooterCache } from '../parts/index.ts';

/** The part facts a scan needs (PartHandle and transferred parts both fit). */
export interface ScannablePart {
  readonly path: string;
  readonly hourMs: number;
  readonly rowCount: number;
  readonly minTimestampNs: bigint | null;
  readonly maxTimestampNs: bigint | null;
}

/**
 * Yields the batches of `parts` (one tenant's, hour-sorted) the request may need; with a
 * `cache`, decoded chunks and pages are keyed by part path (paths are never reused).
 */
export async function* scanParts(parts: readonly ScannablePart[], request: ScanRequest, footers: FooterCache, cache?: ColumnChunkCache): AsyncGenerator<Batch> {
  const bounds = timeBoundsOf(request.predicates);
  const stats = request.stats;
  const { tenant: _tenant, ...partRequest } = request;
  let lastHour: number | null = null;
  let lastHourRead: number | null = null;
  for (const part of parts) {
    if (request.signal?.aborted) return;
    if (stats) {
      stats.filesTotal++;
      if (part.hourMs !== lastHour) stats.partitionsTotal++;
    }
    lastHour = part.hourMs;
    if (bounds.empty || part.rowCount === 0 || !overlapsBoundsMs(bounds, part.hourMs, part.hourMs + HOUR_MS - 1)) continue;
    if (part.minTimestampNs !== null && part.maxTimestampNs !== null && !overlapsBounds(bounds, part.minTimestampNs, part.maxTimestampNs)) continue;
    if (stats) {
      stats.filesRead++;
      if (part.hourMs !== lastHourRead) stats.partitionsRead++;
    }
    lastHourRead = part.hourMs;
    const source = fileByteSource(part.path);
    try {
      const footer = footers.get(part.path, source);
      const options = cache === undefined ? {} : { cache, cacheKey: part.path, cacheGroup: ColumnChunkCache.group(footer.table, request.tenant) };
      yield* scanPart(source, footer, partRequest, options);
    } finally {
      source.close();
    }
  }
}

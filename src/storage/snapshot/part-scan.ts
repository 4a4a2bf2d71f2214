/**
 * Scans one tenant's parts for a snapshot (on the main thread or in a query worker):
 * prunes hour partitions and then files by the predicates' time window before any I/O,
 * opens each surviving part by path (pinned, so it exists), and lets scanPart prune row
 * groups and decode only the requested columns — through the caller's decoded-chunk
 * cache when it has one (query workers do: one ColumnChunkCache each). When a part's scan
 * reaches its last row group, the next surviving part is opened and its first row group
 * starts decompressing, so that work overlaps the end of this part.
 */
import type { Batch, ScanRequest } from '../../columnar/index.ts';
import { ColumnChunkCache, fileByteSource, scanPart, type PartScanOptions } from '../parquet/index.ts';
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

/** A part opened for scanning (possibly ahead of its turn), or the error opening it raised. */
type Opened = { readonly index: number; readonly source: { close(): void }; readonly batches: AsyncIterable<Batch> } | { readonly index: number; readonly error: unknown };

/**
 * Yields the batches of `parts` (one tenant's, hour-sorted) the request may need; with a
 * `cache`, decoded chunks and pages are keyed by part path (paths are never reused).
 */
export async function* scanParts(parts: readonly ScannablePart[], request: ScanRequest, footers: FooterCache, cache?: ColumnChunkCache): AsyncGenerator<Batch> {
  const bounds = timeBoundsOf(request.predicates);
  const stats = request.stats;
  const { tenant: _tenant, ...partRequest } = request;
  const survives = (part: ScannablePart): boolean => {
    if (bounds.empty || part.rowCount === 0 || !overlapsBoundsMs(bounds, part.hourMs, part.hourMs + HOUR_MS - 1)) return false;
    return part.minTimestampNs === null || part.maxTimestampNs === null || overlapsBounds(bounds, part.minTimestampNs, part.maxTimestampNs);
  };
  // The part opened ahead (set from inside a scan, through onLastRowGroup).
  const ahead: { opened: Opened | null } = { opened: null };
  const open = (index: number, startNow: boolean): Opened => {
    const part = parts[index];
    const source = fileByteSource(part.path);
    try {
      const footer = footers.get(part.path, source);
      const options: PartScanOptions = {
        ...(cache === undefined ? {} : { cache, cacheKey: part.path, cacheGroup: ColumnChunkCache.group(footer.table, request.tenant) }),
        startNow,
        onLastRowGroup: () => {
          if (ahead.opened !== null || request.signal?.aborted) return;
          let next = index + 1;
          while (next < parts.length && !survives(parts[next])) next++;
          if (next >= parts.length) return;
          // An error opening the next part is raised when the scan gets there.
          try {
            ahead.opened = open(next, true);
          } catch (error) {
            ahead.opened = { index: next, error };
          }
        },
      };
      return { index, source, batches: scanPart(source, footer, partRequest, options) };
    } catch (err) {
      source.close();
      throw err;
    }
  };

  let lastHour: number | null = null;
  let lastHourRead: number | null = null;
  try {
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (request.signal?.aborted) return;
      if (stats) {
        stats.filesTotal++;
        if (part.hourMs !== lastHour) stats.partitionsTotal++;
      }
      lastHour = part.hourMs;
      if (!survives(part)) continue;
      if (stats) {
        stats.filesRead++;
        if (part.hourMs !== lastHourRead) stats.partitionsRead++;
      }
      lastHourRead = part.hourMs;
      let opened: Opened;
      if (ahead.opened !== null && ahead.opened.index === i) {
        opened = ahead.opened;
        ahead.opened = null;
      } else {
        opened = open(i, false);
      }
      if ('error' in opened) throw opened.error;
      try {
        yield* opened.batches;
      } finally {
        opened.source.close();
      }
    }
  } finally {
    const left = ahead.opened;
    if (left !== null && 'source' in left) left.source.close();
  }
}

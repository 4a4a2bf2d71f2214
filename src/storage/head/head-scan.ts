/**
 * Scans head views (what a snapshot captured of one tenant's heads) into batches of the
 * requested columns. Zero-copy: batches are views over chunk storage, dictionaries are
 * the heads' own append-only arrays. Skips whole heads when an equality predicate names
 * a string no row of the head holds, and chunks whose time range the predicates exclude.
 */
import { fieldIndex, type Batch, type Field, type ScanPredicate, type ScanRequest, type Schema, type Vector } from '../../columnar/index.ts';
import { overlapsBoundsMs, timeBoundsOf } from './time-bounds.ts';
import type { HeadChunk } from './head-chunk.ts';

/** One head as seen by a scan: its chunks, each with the row count the snapshot saw. */
export interface HeadScanSource {
  readonly chunks: readonly { readonly chunk: HeadScanChunk; readonly length: number }[];
  /** The dictionary of every column (null for non-string columns). */
  readonly dicts: readonly (HeadScanDictionary | null)[];
}

/** The parts of a chunk a scan reads; both `HeadChunk` and transferred chunks fit. */
export type HeadScanChunk = Pick<HeadChunk, 'minMs' | 'maxMs' | 'vector'>;

/** The parts of a dictionary a scan reads. */
export interface HeadScanDictionary {
  readonly values: readonly string[];
  /** Code of a value, or -1 when no row can hold it (an implementation may always answer >= 0). */
  lookup(s: string): number;
}

const DEFAULT_BATCH_ROWS = 64 * 1024;

/** Projects `request.columns` from the table schema; throws on an unknown name. */
export function projectSchema(schema: Schema, columns: readonly string[]): { schema: Schema; indices: number[] } {
  const indices = columns.map((name) => {
    const i = fieldIndex(schema, name);
    if (i < 0) throw new RangeError(`table has no column ${name}`);
    return i;
  });
  const fields: Field[] = indices.map((i) => schema.fields[i]);
  return { schema: { fields }, indices };
}

/** Yields the rows of `sources` (one tenant's heads) that the predicates do not rule out. */
export function* scanHeads(tableSchema: Schema, sources: readonly HeadScanSource[], request: ScanRequest): Generator<Batch> {
  const { schema, indices } = projectSchema(tableSchema, request.columns);
  const bounds = timeBoundsOf(request.predicates);
  const batchRows = Math.max(1, request.batchRows ?? DEFAULT_BATCH_ROWS);
  const stats = request.stats;
  for (const source of sources) {
    if (stats) stats.headChunksTotal += source.chunks.length;
    if (bounds.empty || !dictionariesMayMatch(tableSchema, source, request.predicates)) continue;
    for (const { chunk, length } of source.chunks) {
      if (request.signal?.aborted) return;
      if (length === 0 || !overlapsBoundsMs(bounds, chunk.minMs, chunk.maxMs)) continue;
      if (stats) {
        stats.headChunksRead++;
        stats.rowsRead += length;
      }
      for (let start = 0; start < length; start += batchRows) {
        const end = Math.min(length, start + batchRows);
        const columns: Vector[] = indices.map((c) => sliceOf(chunk.vector(c, end, source.dicts[c]?.values ?? null), start, end));
        yield { schema, length: end - start, columns };
      }
    }
  }
}

function sliceOf(v: Vector, start: number, end: number): Vector {
  if (start === 0 && end === v.length) return v;
  switch (v.type) {
    case 'string':
    case 'json':
      return { ...v, length: end - start, codes: v.codes.subarray(start, end) };
    case 'timestamp':
      return { ...v, length: end - start, ms: v.ms.subarray(start, end), nanos: v.nanos.subarray(start, end), validity: v.validity?.subarray(start, end) ?? null };
    case 'boolean':
      return { ...v, length: end - start, values: v.values.subarray(start, end), validity: v.validity?.subarray(start, end) ?? null };
    case 'int64':
    case 'float64':
      return { ...v, length: end - start, values: v.values.subarray(start, end), validity: v.validity?.subarray(start, end) ?? null };
  }
}

/** False when an `=`/`in` predicate on a string column names only values the head never saw. */
function dictionariesMayMatch(schema: Schema, source: HeadScanSource, predicates: readonly ScanPredicate[]): boolean {
  for (const p of predicates) {
    if (p.kind !== 'compare' && p.kind !== 'in') continue;
    if (p.kind === 'compare' && p.op !== '=') continue;
    const c = fieldIndex(schema, p.column);
    if (c < 0) continue;
    const dict = source.dicts[c];
    if (dict === null) continue;
    const values = p.kind === 'in' ? p.values : [p.value];
    if (values.length === 0 || !values.every((v) => typeof v === 'string')) continue;
    if (values.every((v) => dict.lookup(v as string) < 0)) return false;
  }
  return true;
}

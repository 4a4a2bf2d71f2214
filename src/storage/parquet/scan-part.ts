/**
 * Scans one part: prunes row groups with their statistics, decodes the projected
 * columns of the rest and yields them as batches. First version: hyparquet decodes and
 * values are re-interned into dictionary vectors.
 */
import { parquetRead, type AsyncBuffer } from 'hyparquet';
import {
  createVectorBuilder,
  fieldIndex,
  sliceBatch,
  type Batch,
  type Field,
  type ScanRequest,
  type Schema,
} from '../../columnar/index.ts';
import type { ByteSource } from './byte-source.ts';
import { PartCorruptError } from './part-corrupt-error.ts';
import { CODEC_ZSTD, decompressPage } from './page-codec.ts';
import type { PartFooter } from './part-footer.ts';
import { rangeMayMatch } from './range-may-match.ts';

/** A scan request without the tenant: a part holds one tenant's rows. */
export type PartScanRequest = Omit<ScanRequest, 'tenant'>;

const DEFAULT_BATCH_ROWS = 64 * 1024;
const textDecoder = new TextDecoder();

/**
 * Yields batches with exactly request.columns, skipping row groups that request.predicates
 * rule out, counting into request.stats.
 */
export async function* scanPart(source: ByteSource, footer: PartFooter, request: PartScanRequest): AsyncIterable<Batch> {
  const fields: Field[] = request.columns.map((name) => {
    const i = fieldIndex(footer.schema, name);
    if (i < 0) throw new PartCorruptError(`part of ${footer.table} has no column ${name}`);
    return footer.schema.fields[i];
  });
  const schema: Schema = { fields };
  const batchRows = request.batchRows ?? DEFAULT_BATCH_ROWS;
  const stats = request.stats;
  const file: AsyncBuffer = {
    byteLength: source.byteLength,
    slice: (start: number, end?: number) => {
      const bytes = source.read(start, (end ?? source.byteLength) - start);
      if (stats) stats.bytesRead += bytes.byteLength;
      return bytes.slice().buffer;
    },
  };
  for (const rg of footer.rowGroups) {
    if (request.signal?.aborted) return;
    if (stats) stats.rowGroupsTotal++;
    const pruned = request.predicates.some((p) => {
      const c = fieldIndex(footer.schema, p.column);
      if (c < 0) return false;
      const cs = rg.columns[c];
      return !rangeMayMatch(p, footer.schema.fields[c].type, { ...cs, rowCount: rg.rowCount });
    });
    if (pruned) continue;
    if (stats) {
      stats.rowGroupsRead++;
      stats.rowsRead += rg.rowCount;
    }
    const batch = await readRowGroup(file, footer, schema, rg.firstRow, rg.firstRow + rg.rowCount);
    for (let start = 0; start < batch.length; start += batchRows) {
      if (request.signal?.aborted) return;
      yield start === 0 && batch.length <= batchRows ? batch : sliceBatch(batch, start, Math.min(batch.length, start + batchRows));
    }
  }
}

async function readRowGroup(file: AsyncBuffer, footer: PartFooter, schema: Schema, rowStart: number, rowEnd: number): Promise<Batch> {
  const builders = schema.fields.map((f) => createVectorBuilder(f.type));
  if (schema.fields.length === 0) return { schema, length: rowEnd - rowStart, columns: [] };
  let rows: unknown[][] = [];
  try {
    await parquetRead({
      file,
      metadata: footer.metadata,
      columns: schema.fields.map((f) => f.name),
      rowStart,
      rowEnd,
      compressors: { ZSTD: (input: Uint8Array, outputLength: number) => decompressPage(CODEC_ZSTD, input, outputLength) },
      parsers: {
        timestampFromNanoseconds: (ns: bigint) => ns,
        jsonFromBytes: (b: Uint8Array) => (b === undefined ? undefined : textDecoder.decode(b)),
      },
      onComplete: (r: unknown[][]) => {
        rows = r;
      },
    });
  } catch (err) {
    if (err instanceof PartCorruptError) throw err;
    throw new PartCorruptError(`part data does not decode: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  for (const row of rows) {
    for (let c = 0; c < builders.length; c++) {
      const v = row[c];
      builders[c].appendValue(v === undefined || v === null ? null : typeof v === 'bigint' && schema.fields[c].type !== 'timestamp' ? Number(v) : (v as string | number | boolean | bigint));
    }
  }
  return { schema, length: rows.length, columns: builders.map((b) => b.finish()) };
}

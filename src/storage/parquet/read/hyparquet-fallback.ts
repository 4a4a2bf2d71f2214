/**
 * Decodes a column chunk with hyparquet when it uses an encoding our decoder does not
 * implement (parts written by another tool). Slow (JS values per row, re-interned into a
 * dictionary), but keeps such files readable.
 */
import { parquetMetadata, parquetRead, type FileMetaData } from 'hyparquet';
import { createVectorBuilder, type Field, type Vector } from '../../../columnar/index.ts';
import type { ByteSource } from '../byte-source.ts';
import { CODEC_ZSTD, decompressPage } from '../page-codec.ts';
import { PartCorruptError } from '../part-corrupt-error.ts';
import type { PartFooter } from '../part-footer.ts';

const textDecoder = new TextDecoder();
const parsers = {
  timestampFromNanoseconds: (ns: bigint): bigint => ns,
  jsonFromBytes: (b: Uint8Array): string | undefined => (b === undefined ? undefined : textDecoder.decode(b)),
};

/** Decodes column `field` of row group `rg` through hyparquet; `metadata` is parsed once per scan. */
export async function decodeChunkWithHyparquet(
  source: ByteSource,
  footer: PartFooter,
  rg: number,
  field: Field,
  metadata: { value?: FileMetaData },
): Promise<{ vector: Vector; bytesRead: number }> {
  const group = footer.rowGroups[rg];
  let bytesRead = 0;
  let rows: unknown[][] = [];
  try {
    metadata.value ??= parquetMetadata(footer.physical.footerBytes, { parsers, geoparquet: false });
    await parquetRead({
      file: {
        byteLength: source.byteLength,
        slice: (start: number, end?: number) => {
          const bytes = source.read(start, (end ?? source.byteLength) - start);
          bytesRead += bytes.length;
          return bytes.slice().buffer;
        },
      },
      metadata: metadata.value,
      columns: [field.name],
      rowStart: group.firstRow,
      rowEnd: group.firstRow + group.rowCount,
      compressors: { ZSTD: (input: Uint8Array, outputLength: number) => decompressPage(CODEC_ZSTD, input, outputLength) },
      parsers,
      onComplete: (r: unknown[][]) => {
        rows = r;
      },
    });
  } catch (err) {
    if (err instanceof PartCorruptError) throw err;
    throw new PartCorruptError(`column ${field.name} does not decode: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (rows.length !== group.rowCount) throw new PartCorruptError(`column ${field.name} decoded ${rows.length} rows, expected ${group.rowCount}`);
  const b = createVectorBuilder(field.type);
  for (const row of rows) {
    const v = row[0];
    if (v === null || v === undefined) b.appendNull();
    else if (typeof v === 'bigint' && field.type !== 'timestamp') b.appendValue(Number(v));
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') b.appendValue(v);
    else throw new PartCorruptError(`column ${field.name} decoded an unexpected ${typeof v}`);
  }
  return { vector: b.finish(), bytesRead };
}

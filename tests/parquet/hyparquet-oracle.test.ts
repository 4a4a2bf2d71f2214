import { describe, expect, test } from 'bun:test';
import { parquetReadObjects } from 'hyparquet';
import { batchToRows, emptyScanStats, TABLE_NAMES, TABLE_SCHEMAS, type Batch, type TableName } from '../../src/columnar/index.ts';
import { encodePart, memoryByteSource, readPartFooter, scanPart } from '../../src/storage/parquet/index.ts';
import { writePartWithHyparquetWriter } from './hyparquet-writer-part.ts';
import { canonicalRows, randomBatch } from './part-fixtures.ts';

const textDecoder = new TextDecoder();

/** Rows as hyparquet reads them, normalised to our value kinds (int64 → number, json → text). */
async function readWithHyparquet(table: TableName, bytes: Uint8Array): Promise<Record<string, unknown>[]> {
  const rows = await parquetReadObjects({
    file: bytes.slice().buffer,
    compressors: { ZSTD: (input: Uint8Array) => Bun.zstdDecompressSync(input) },
    parsers: { timestampFromNanoseconds: (ns: bigint) => ns, jsonFromBytes: (b: Uint8Array) => (b === undefined ? undefined : textDecoder.decode(b)) },
  });
  const fields = TABLE_SCHEMAS[table].fields;
  return rows.map((r) => {
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      const v = r[f.name];
      out[f.name] = v === undefined ? null : f.type === 'int64' && typeof v === 'bigint' ? Number(v) : v;
    }
    return out;
  });
}

async function readWithUs(bytes: Uint8Array): Promise<Record<string, unknown>[]> {
  const source = memoryByteSource(bytes);
  const footer = readPartFooter(source);
  const out: Batch[] = [];
  for await (const b of scanPart(source, footer, { columns: footer.schema.fields.map((f) => f.name), predicates: [], stats: emptyScanStats() })) out.push(b);
  return out.flatMap((b) => batchToRows(b));
}

describe('hyparquet as an oracle', () => {
  for (const table of TABLE_NAMES) {
    test(`hyparquet reads our ${table} parts exactly`, async () => {
      const input = [randomBatch(table, 2500, 11), randomBatch(table, 500, 12, { distinctStrings: 5 })];
      const bytes = encodePart(table, input, { compression: 'zstd', zstdLevel: 3, rowGroupRows: 900, pageRows: 128 });
      const columns = TABLE_SCHEMAS[table].fields.map((f) => f.name);
      const expected = canonicalRows(input.flatMap((b) => batchToRows(b)), columns);
      expect(canonicalRows(await readWithHyparquet(table, bytes), columns)).toEqual(expected);
    });

    test(`we read hyparquet-writer ${table} parts exactly (dictionary, plain, delta, v2 pages)`, async () => {
      const input = randomBatch(table, 1500, 21);
      const bytes = writePartWithHyparquetWriter(table, input, { rowGroupRows: 600, columnIndex: true });
      const columns = TABLE_SCHEMAS[table].fields.map((f) => f.name);
      expect(canonicalRows(await readWithUs(bytes), columns)).toEqual(canonicalRows(batchToRows(input), columns));
    });
  }

  test('chunks in encodings we do not decode go through the hyparquet fallback', async () => {
    const input = randomBatch('logs', 800, 31);
    const bytes = writePartWithHyparquetWriter('logs', input, {
      encodings: { body: 'DELTA_BYTE_ARRAY', severity_text: 'DELTA_LENGTH_BYTE_ARRAY', severity_number: 'BYTE_STREAM_SPLIT', timestamp: 'DELTA_BINARY_PACKED' },
    });
    const footer = readPartFooter(memoryByteSource(bytes));
    const bodyChunk = footer.physical.file.rowGroups[0].columns[TABLE_SCHEMAS.logs.fields.findIndex((f) => f.name === 'body')];
    expect(bodyChunk.meta.encodings).toContain(7); // DELTA_BYTE_ARRAY: only the fallback decodes it
    const columns = TABLE_SCHEMAS.logs.fields.map((f) => f.name);
    expect(canonicalRows(await readWithUs(bytes), columns)).toEqual(canonicalRows(batchToRows(input), columns));
  });
});

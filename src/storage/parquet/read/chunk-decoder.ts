/**
 * Reads and decodes one column chunk of one row group: either every page (one read of the
 * whole chunk) or only the data pages a scan selected (located through the OffsetIndex;
 * the dictionary page is read whenever any data page is). Pages are walked by their
 * headers; sizes and row counts are checked against the footer so corruption surfaces as
 * PartCorruptError.
 */
import type { Field, Vector } from '../../../columnar/index.ts';
import type { ByteSource } from '../byte-source.ts';
import { decompressPage } from '../page-codec.ts';
import { PartCorruptError } from '../part-corrupt-error.ts';
import { decodePageHeader, PageType, type ColumnChunkMeta, type PageHeaderMeta, type PageLocationMeta } from '../thrift/index.ts';
import { ChunkTarget } from './chunk-target.ts';
import { decodeDictionaryPage, decodePage, type DecodedDictionary } from './page-decoder.ts';

/** A decoded chunk and what it cost. */
export interface DecodedChunk {
  readonly vector: Vector;
  readonly pagesRead: number;
  readonly bytesRead: number;
  readonly byteSize: number;
}

interface ChunkContext {
  readonly target: ChunkTarget;
  readonly chunk: ColumnChunkMeta;
  readonly nullable: boolean;
  dictionary: DecodedDictionary | null;
}

function chunkStart(chunk: ColumnChunkMeta): number {
  const d = chunk.meta.dictionaryPageOffset;
  // Some writers record dictionary_page_offset = 0 when there is none.
  return d !== undefined && d > 0 && d < chunk.meta.dataPageOffset ? d : chunk.meta.dataPageOffset;
}

/**
 * Decodes the chunk into a vector of `rows` rows. With `pages` and `selected`, decodes only
 * the selected data pages; other rows are left empty and must not be used.
 */
export function decodeChunk(
  source: ByteSource,
  chunk: ColumnChunkMeta,
  field: Field,
  rows: number,
  pages: readonly PageLocationMeta[] | null,
  selected: readonly boolean[] | null,
): DecodedChunk {
  const ctx: ChunkContext = { target: new ChunkTarget(field.type, rows, field.nullable), chunk, nullable: field.nullable, dictionary: null };
  const start = chunkStart(chunk);
  let bytesRead = 0;
  let pagesRead = 0;
  if (pages === null || selected === null || selected.every((s) => s)) {
    const length = chunk.meta.totalCompressedSize;
    const bytes = source.read(start, length);
    bytesRead += length;
    let pos = 0;
    let row = 0;
    while (pos < length) {
      const { header, headerBytes } = decodePageHeader(bytes, pos, length);
      const bodyStart = pos + headerBytes;
      const bodyEnd = bodyStart + header.compressedPageSize;
      if (bodyEnd > length) throw new PartCorruptError(`page at ${start + pos} overruns its column chunk`);
      const rowsInPage = decodeOnePage(ctx, header, bytes.subarray(bodyStart, bodyEnd), row);
      if (rowsInPage > 0) pagesRead++;
      row += rowsInPage;
      pos = bodyEnd;
    }
    if (row !== rows) throw new PartCorruptError(`column ${field.name} chunk holds ${row} rows, row group has ${rows}`);
  } else {
    if (pages.length === 0 || pages[0].offset < start) throw new PartCorruptError(`offset index of ${field.name} does not match its chunk`);
    if (pages[0].offset > start) {
      // Dictionary page (and anything else before the first data page).
      const bytes = source.read(start, pages[0].offset - start);
      bytesRead += bytes.length;
      let pos = 0;
      while (pos < bytes.length) {
        const { header, headerBytes } = decodePageHeader(bytes, pos, bytes.length);
        const bodyEnd = pos + headerBytes + header.compressedPageSize;
        if (bodyEnd > bytes.length) throw new PartCorruptError(`page at ${start + pos} overruns the dictionary range`);
        if (decodeOnePage(ctx, header, bytes.subarray(pos + headerBytes, bodyEnd), 0) !== 0) {
          throw new PartCorruptError(`data page before the first indexed page of ${field.name}`);
        }
        pos = bodyEnd;
      }
    }
    for (let i = 0; i < pages.length; i++) {
      if (!selected[i]) continue;
      // Coalesce a run of selected neighbours into one read.
      let j = i;
      while (j + 1 < pages.length && selected[j + 1] && pages[j + 1].offset === pages[j].offset + pages[j].compressedPageSize) j++;
      const from = pages[i].offset;
      const bytes = source.read(from, pages[j].offset + pages[j].compressedPageSize - from);
      bytesRead += bytes.length;
      for (let k = i; k <= j; k++) {
        const loc = pages[k];
        const rel = loc.offset - from;
        const { header, headerBytes } = decodePageHeader(bytes, rel, rel + loc.compressedPageSize);
        const bodyEnd = rel + headerBytes + header.compressedPageSize;
        if (bodyEnd !== rel + loc.compressedPageSize) throw new PartCorruptError(`page ${k} of ${field.name} does not match its offset index entry`);
        const expected = (k + 1 < pages.length ? pages[k + 1].firstRowIndex : rows) - loc.firstRowIndex;
        const got = decodeOnePage(ctx, header, bytes.subarray(rel + headerBytes, bodyEnd), loc.firstRowIndex);
        if (got !== expected) throw new PartCorruptError(`page ${k} of ${field.name} holds ${got} rows, offset index says ${expected}`);
        pagesRead++;
      }
      i = j;
    }
  }
  return { vector: ctx.target.toVector(), pagesRead, bytesRead, byteSize: ctx.target.byteSize() };
}

/** Decodes one page; returns the rows it held (0 for dictionary and index pages). */
function decodeOnePage(ctx: ChunkContext, header: PageHeaderMeta, body: Uint8Array, rowOffset: number): number {
  const { chunk, target } = ctx;
  const codec = chunk.meta.codec;
  switch (header.type) {
    case PageType.DICTIONARY_PAGE: {
      if (ctx.dictionary !== null) throw new PartCorruptError('second dictionary page in a column chunk');
      const dp = header.dictionaryPage;
      if (dp === undefined) throw new PartCorruptError('dictionary page without its header');
      const bytes = decompressPage(codec, body, header.uncompressedPageSize);
      ctx.dictionary = decodeDictionaryPage(target, chunk.meta.type, bytes, dp.numValues);
      if (ctx.dictionary.strings !== null) for (const s of ctx.dictionary.strings) target.dict.push(s);
      return 0;
    }
    case PageType.DATA_PAGE: {
      const dp = header.dataPage;
      if (dp === undefined) throw new PartCorruptError('data page without its header');
      const bytes = decompressPage(codec, body, header.uncompressedPageSize);
      let levels: Uint8Array | null = null;
      let pos = 0;
      if (ctx.nullable) {
        if (bytes.length < 4) throw new PartCorruptError('data page too short for its definition levels');
        const len = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
        if (4 + len > bytes.length) throw new PartCorruptError('definition levels overrun the page');
        levels = bytes.subarray(4, 4 + len);
        pos = 4 + len;
      }
      decodePage(target, chunk.meta.type, { rows: dp.numValues, encoding: dp.encoding, levels, values: bytes.subarray(pos) }, rowOffset, ctx.dictionary);
      return dp.numValues;
    }
    case PageType.DATA_PAGE_V2: {
      const dp = header.dataPageV2;
      if (dp === undefined) throw new PartCorruptError('data page v2 without its header');
      const levelBytes = dp.repetitionLevelsByteLength + dp.definitionLevelsByteLength;
      if (dp.repetitionLevelsByteLength !== 0) throw new PartCorruptError('repetition levels in a flat column');
      if (levelBytes > body.length || levelBytes > header.uncompressedPageSize) throw new PartCorruptError('levels overrun the page');
      const levels = ctx.nullable ? body.subarray(0, dp.definitionLevelsByteLength) : null;
      const raw = body.subarray(levelBytes);
      const values = dp.isCompressed ? decompressPage(codec, raw, header.uncompressedPageSize - levelBytes) : raw;
      decodePage(target, chunk.meta.type, { rows: dp.numRows, encoding: dp.encoding, levels, values }, rowOffset, ctx.dictionary);
      return dp.numRows;
    }
    default:
      return 0;
  }
}

/**
 * Reads and decodes one column chunk of one row group: either every page into one
 * row-group-sized vector (one read of the whole chunk: decodeChunk), or only some data
 * pages, each into its own page-sized vector (located through the OffsetIndex, adjacent
 * pages read together; the dictionary page is read unless the caller already has it:
 * decodePages). Pages are walked by their headers; sizes and row counts are checked
 * against the footer so corruption surfaces as PartCorruptError.
 */
import type { Field, Vector } from '../../../columnar/index.ts';
import type { ByteSource } from '../byte-source.ts';
import { decompressPage, decompressPageAsync } from '../page-codec.ts';
import { PartCorruptError } from '../part-corrupt-error.ts';
import { decodePageHeader, PageType, type ColumnChunkMeta, type PageHeaderMeta, type PageLocationMeta } from '../thrift/index.ts';
import { ChunkTarget, stringsBytes } from './chunk-target.ts';
import { decodeDictionaryPage, decodePage, type DecodedDictionary } from './page-decoder.ts';

/** A decoded chunk and what it cost. */
export interface DecodedChunk {
  readonly vector: Vector;
  readonly pagesRead: number;
  readonly bytesRead: number;
  /** Bytes the vector holds, dictionary strings included. */
  readonly byteSize: number;
}

/** One decoded data page: its first row within the row group and its rows. */
export interface DecodedPage {
  /** Index of the page in the chunk's OffsetIndex. */
  readonly index: number;
  readonly firstRow: number;
  readonly vector: Vector;
  /** Bytes the vector holds, without a shared dictionary. */
  readonly byteSize: number;
}

/** What decodePages produced. */
export interface DecodedPages {
  readonly pages: readonly DecodedPage[];
  /** The chunk dictionary (given or read), or null when the chunk has none. */
  readonly dictionary: DecodedDictionary | null;
  /** True when the dictionary was read here (not given). */
  readonly dictionaryRead: boolean;
  readonly pagesRead: number;
  readonly bytesRead: number;
}

interface PageContext {
  target: ChunkTarget;
  readonly chunk: ColumnChunkMeta;
  readonly field: Field;
  dictionary: DecodedDictionary | null;
}

function chunkStart(chunk: ColumnChunkMeta): number {
  const d = chunk.meta.dictionaryPageOffset;
  // Some writers record dictionary_page_offset = 0 when there is none.
  return d !== undefined && d > 0 && d < chunk.meta.dataPageOffset ? d : chunk.meta.dataPageOffset;
}

/** Decodes every page of the chunk into a vector of `rows` rows. */
export function decodeChunk(source: ByteSource, chunk: ColumnChunkMeta, field: Field, rows: number): DecodedChunk {
  const ctx: PageContext = { target: new ChunkTarget(field.type, rows, field.nullable), chunk, field, dictionary: null };
  const start = chunkStart(chunk);
  const length = chunk.meta.totalCompressedSize;
  // Compressed bytes are decoded here and dropped: a reused read buffer.
  const bytes = source.readTransient(start, length);
  let pagesRead = 0;
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
  return { vector: ctx.target.toVector(), pagesRead, bytesRead: length, byteSize: ctx.target.byteSize(true) };
}

/**
 * decodeChunk, with the chunk read at once and its large pages inflated on Bun's thread
 * pool while earlier pages decode: several chunks started together (a row group's
 * columns, the next row group) decompress in parallel with this thread's work.
 */
export function decodeChunkAsync(source: ByteSource, chunk: ColumnChunkMeta, field: Field, rows: number): Promise<DecodedChunk> {
  const start = chunkStart(chunk);
  const length = chunk.meta.totalCompressedSize;
  // An owned copy: pages are inflated after this function returns.
  const bytes = source.read(start, length);
  const codec = chunk.meta.codec;
  const pages: { header: PageHeaderMeta; body: Uint8Array; inflated: Uint8Array | Promise<Uint8Array> }[] = [];
  let pos = 0;
  while (pos < length) {
    const { header, headerBytes } = decodePageHeader(bytes, pos, length);
    const bodyStart = pos + headerBytes;
    const bodyEnd = bodyStart + header.compressedPageSize;
    if (bodyEnd > length) throw new PartCorruptError(`page at ${start + pos} overruns its column chunk`);
    const body = bytes.subarray(bodyStart, bodyEnd);
    const inflated = inflateAsync(codec, header, body);
    // Failures surface when the page is awaited below; do not report them as unhandled meanwhile.
    if (inflated instanceof Promise) inflated.catch(() => {});
    pages.push({ header, body, inflated });
    pos = bodyEnd;
  }
  return (async (): Promise<DecodedChunk> => {
    const ctx: PageContext = { target: new ChunkTarget(field.type, rows, field.nullable), chunk, field, dictionary: null };
    let pagesRead = 0;
    let row = 0;
    for (const p of pages) {
      const rowsInPage = decodeInflated(ctx, p.header, p.body, await p.inflated, row);
      if (rowsInPage > 0) pagesRead++;
      row += rowsInPage;
    }
    if (row !== rows) throw new PartCorruptError(`column ${field.name} chunk holds ${row} rows, row group has ${rows}`);
    return { vector: ctx.target.toVector(), pagesRead, bytesRead: length, byteSize: ctx.target.byteSize(true) };
  })();
}

/**
 * Decodes the data pages `which` (ascending indexes into `pages`, the chunk's OffsetIndex)
 * each into its own vector. `dictionary` is the chunk's dictionary when the caller has it
 * (then the dictionary page is not read); pass null to read it.
 */
export function decodePages(
  source: ByteSource,
  chunk: ColumnChunkMeta,
  field: Field,
  rows: number,
  pages: readonly PageLocationMeta[],
  which: readonly number[],
  dictionary: DecodedDictionary | null,
): DecodedPages {
  const start = chunkStart(chunk);
  if (pages.length === 0 || pages[0].offset < start) throw new PartCorruptError(`offset index of ${field.name} does not match its chunk`);
  const ctx: PageContext = { target: new ChunkTarget(field.type, 0, field.nullable), chunk, field, dictionary };
  let bytesRead = 0;
  const dictionaryRead = dictionary === null && pages[0].offset > start && which.length > 0;
  if (dictionaryRead) {
    // Dictionary page (and anything else before the first data page).
    const bytes = source.readTransient(start, pages[0].offset - start);
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
  const out: DecodedPage[] = [];
  for (let w = 0; w < which.length; w++) {
    // Coalesce a run of adjacent wanted pages into one read.
    let v = w;
    while (v + 1 < which.length && which[v + 1] === which[v] + 1 && pages[which[v + 1]].offset === pages[which[v]].offset + pages[which[v]].compressedPageSize) v++;
    const first = pages[which[w]];
    const last = pages[which[v]];
    const bytes = source.readTransient(first.offset, last.offset + last.compressedPageSize - first.offset);
    bytesRead += bytes.length;
    for (let k = w; k <= v; k++) {
      const i = which[k];
      const loc = pages[i];
      const rel = loc.offset - first.offset;
      const { header, headerBytes } = decodePageHeader(bytes, rel, rel + loc.compressedPageSize);
      const bodyEnd = rel + headerBytes + header.compressedPageSize;
      if (bodyEnd !== rel + loc.compressedPageSize) throw new PartCorruptError(`page ${i} of ${field.name} does not match its offset index entry`);
      const expected = (i + 1 < pages.length ? pages[i + 1].firstRowIndex : rows) - loc.firstRowIndex;
      if (!(expected > 0)) throw new PartCorruptError(`offset index of ${field.name} has page ${i} with ${expected} rows`);
      ctx.target = new ChunkTarget(field.type, expected, field.nullable);
      if (ctx.dictionary?.strings) ctx.target.useDictionary(ctx.dictionary.strings);
      const got = decodeOnePage(ctx, header, bytes.subarray(rel + headerBytes, bodyEnd), 0);
      if (got !== expected) throw new PartCorruptError(`page ${i} of ${field.name} holds ${got} rows, offset index says ${expected}`);
      out.push({ index: i, firstRow: loc.firstRowIndex, vector: ctx.target.toVector(), byteSize: ctx.target.byteSize(!ctx.target.dictShared) });
    }
    w = v;
  }
  return { pages: out, dictionary: ctx.dictionary, dictionaryRead, pagesRead: out.length, bytesRead };
}

/** Approximate bytes of a decoded dictionary. */
export function dictionaryBytes(d: DecodedDictionary): number {
  let n = 0;
  if (d.strings !== null) n += stringsBytes(d.strings);
  for (const a of [d.values, d.ms, d.nanos, d.bools]) if (a !== null) n += a.byteLength;
  return n;
}

/** Decodes one page; returns the rows it held (0 for dictionary and index pages). */
function decodeOnePage(ctx: PageContext, header: PageHeaderMeta, body: Uint8Array, rowOffset: number): number {
  return decodeInflated(ctx, header, body, inflate(ctx.chunk.meta.codec, header, body), rowOffset);
}

/**
 * The decompressed part of a page: the whole body of V1 data and dictionary pages, the
 * values after the (uncompressed) levels of a V2 page, nothing for other pages.
 */
function inflate(codec: number, header: PageHeaderMeta, body: Uint8Array): Uint8Array {
  const part = compressedPart(header, body);
  if (part === null) return body;
  return header.dataPageV2 !== undefined && !header.dataPageV2.isCompressed ? part.bytes : decompressPage(codec, part.bytes, part.size);
}

/** inflate, with large zstd pages inflated off this thread (decompressPageAsync). */
function inflateAsync(codec: number, header: PageHeaderMeta, body: Uint8Array): Uint8Array | Promise<Uint8Array> {
  const part = compressedPart(header, body);
  if (part === null) return body;
  return header.dataPageV2 !== undefined && !header.dataPageV2.isCompressed ? part.bytes : decompressPageAsync(codec, part.bytes, part.size);
}

/** The compressed bytes of a page and their inflated size, or null for pages that are not decoded. */
function compressedPart(header: PageHeaderMeta, body: Uint8Array): { bytes: Uint8Array; size: number } | null {
  switch (header.type) {
    case PageType.DICTIONARY_PAGE:
    case PageType.DATA_PAGE:
      return { bytes: body, size: header.uncompressedPageSize };
    case PageType.DATA_PAGE_V2: {
      const dp = header.dataPageV2;
      if (dp === undefined) throw new PartCorruptError('data page v2 without its header');
      const levelBytes = dp.repetitionLevelsByteLength + dp.definitionLevelsByteLength;
      if (dp.repetitionLevelsByteLength !== 0) throw new PartCorruptError('repetition levels in a flat column');
      if (levelBytes > body.length || levelBytes > header.uncompressedPageSize) throw new PartCorruptError('levels overrun the page');
      return { bytes: body.subarray(levelBytes), size: header.uncompressedPageSize - levelBytes };
    }
    default:
      return null;
  }
}

/** Decodes one page whose compressed part was inflated to `bytes`; returns the rows it held. */
function decodeInflated(ctx: PageContext, header: PageHeaderMeta, body: Uint8Array, bytes: Uint8Array, rowOffset: number): number {
  const { chunk, target } = ctx;
  const nullable = ctx.field.nullable;
  switch (header.type) {
    case PageType.DICTIONARY_PAGE: {
      if (ctx.dictionary !== null) throw new PartCorruptError('second dictionary page in a column chunk');
      const dp = header.dictionaryPage;
      if (dp === undefined) throw new PartCorruptError('dictionary page without its header');
      ctx.dictionary = decodeDictionaryPage(ctx.field.type, chunk.meta.type, bytes, dp.numValues);
      if (ctx.dictionary.strings !== null) target.useDictionary(ctx.dictionary.strings);
      return 0;
    }
    case PageType.DATA_PAGE: {
      const dp = header.dataPage;
      if (dp === undefined) throw new PartCorruptError('data page without its header');
      let levels: Uint8Array | null = null;
      let pos = 0;
      if (nullable) {
        if (bytes.length < 4) throw new PartCorruptError('data page too short for its definition levels');
        const len = bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24);
        if (len < 0 || 4 + len > bytes.length) throw new PartCorruptError('definition levels overrun the page');
        levels = bytes.subarray(4, 4 + len);
        pos = 4 + len;
      }
      decodePage(target, chunk.meta.type, { rows: dp.numValues, encoding: dp.encoding, levels, values: bytes.subarray(pos) }, rowOffset, ctx.dictionary);
      return dp.numValues;
    }
    case PageType.DATA_PAGE_V2: {
      const dp = header.dataPageV2;
      if (dp === undefined) throw new PartCorruptError('data page v2 without its header');
      const levels = nullable ? body.subarray(0, dp.definitionLevelsByteLength) : null;
      decodePage(target, chunk.meta.type, { rows: dp.numRows, encoding: dp.encoding, levels, values: bytes }, rowOffset, ctx.dictionary);
      return dp.numRows;
    }
    default:
      return 0;
  }
}

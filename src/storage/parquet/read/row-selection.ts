/**
 * Which rows of a row group a scan must read, from cheapest evidence to dearest:
 * row-group statistics in the footer, then the bloom filter of `=`/`in` predicates on
 * bloom columns, then the ColumnIndex of each predicate column (page min/max/null count),
 * intersected across predicates. The result is a list of row ranges, or null when the
 * row group can be skipped. Never drops a row that could match.
 */
import { fieldIndex, type DataType, type ScanPredicate, type ScalarValue } from '../../../columnar/index.ts';
import { hashString, SplitBlockBloomFilter } from '../bloom/index.ts';
import type { ByteSource } from '../byte-source.ts';
import { decodeStatValue } from '../encoding/index.ts';
import { PartCorruptError } from '../part-corrupt-error.ts';
import type { PartFooter } from '../part-footer.ts';
import { rangeMayMatch } from './range-may-match.ts';
import { decodeBloomFilterHeader } from '../thrift/index.ts';

/** Half-open row ranges [start, end) within the row group, sorted and disjoint, flattened. */
export type RowRanges = number[];

/** The rows of row group `rg` that may match, or null to skip it; `onBytes` counts bloom reads. */
export function selectRows(source: ByteSource, footer: PartFooter, rg: number, predicates: readonly ScanPredicate[], onBytes: (n: number) => void): RowRanges | null {
  const group = footer.rowGroups[rg];
  const fields = footer.schema.fields;
  const resolved: { p: ScanPredicate; c: number; type: DataType }[] = [];
  for (const p of predicates) {
    const c = fieldIndex(footer.schema, p.column);
    if (c >= 0) resolved.push({ p, c, type: fields[c].type });
  }
  for (const { p, c, type } of resolved) {
    if (!rangeMayMatch(p, type, { ...group.columns[c], rowCount: group.rowCount })) return null;
  }
  for (const { p, c } of resolved) {
    const values = bloomProbeValues(p);
    if (values !== null && !bloomMayContain(source, footer, rg, c, values, onBytes)) return null;
  }
  let ranges: RowRanges = [0, group.rowCount];
  for (const { p, c, type } of resolved) {
    const idx = footer.physical.indexes[rg][c];
    if (idx.columnIndex === null || idx.offsetIndex === null) continue;
    const pages = idx.offsetIndex.pageLocations;
    const ci = idx.columnIndex;
    const keep: RowRanges = [];
    for (let i = 0; i < pages.length; i++) {
      const start = pages[i].firstRowIndex;
      const end = i + 1 < pages.length ? pages[i + 1].firstRowIndex : group.rowCount;
      const rowCount = end - start;
      const nullPage = ci.nullPages[i];
      const nullCount = ci.nullCounts?.[i] ?? (nullPage ? rowCount : null);
      const min: ScalarValue = nullPage ? null : decodeStatValue(ci.minValues[i], type);
      const max: ScalarValue = nullPage ? null : decodeStatValue(ci.maxValues[i], type);
      if (!rangeMayMatch(p, type, { min, max, nullCount, rowCount })) continue;
      if (keep.length > 0 && keep[keep.length - 1] === start) keep[keep.length - 1] = end;
      else keep.push(start, end);
    }
    ranges = intersectRanges(ranges, keep);
    if (ranges.length === 0) return null;
  }
  return ranges;
}

/** Values an equality-like predicate requires, when a bloom filter can rule them out. */
function bloomProbeValues(p: ScanPredicate): string[] | null {
  if (p.kind === 'compare' && p.op === '=' && typeof p.value === 'string') return [p.value];
  if (p.kind === 'in' && p.values.length > 0 && p.values.every((v) => typeof v === 'string')) return p.values as string[];
  return null;
}

function bloomMayContain(source: ByteSource, footer: PartFooter, rg: number, c: number, values: readonly string[], onBytes: (n: number) => void): boolean {
  const meta = footer.physical.file.rowGroups[rg].columns[c].meta;
  const offset = meta.bloomFilterOffset;
  if (offset === undefined) return true;
  const dataEnd = footer.fileBytes - footer.physical.footerBytes.length;
  const length = meta.bloomFilterLength ?? Math.min(dataEnd - offset, 64);
  if (!(offset >= 4 && length > 0 && offset + length <= dataEnd)) throw new PartCorruptError(`bloom filter at [${offset}, +${length}) lies outside the data`);
  let bytes = source.read(offset, length);
  onBytes(length);
  const { header, headerBytes } = decodeBloomFilterHeader(bytes, 0);
  if (!header.supported || header.numBytes <= 0 || header.numBytes % 32 !== 0) return true;
  if (headerBytes + header.numBytes > bytes.length) {
    if (offset + headerBytes + header.numBytes > dataEnd) throw new PartCorruptError('bloom filter bitset lies outside the data');
    bytes = source.read(offset, headerBytes + header.numBytes);
    onBytes(bytes.length);
  }
  const filter = SplitBlockBloomFilter.fromBytes(bytes.subarray(headerBytes, headerBytes + header.numBytes));
  return values.some((v) => filter.mightContain(hashString(v)));
}

/** Intersection of two sorted, disjoint, flattened range lists. */
export function intersectRanges(a: RowRanges, b: RowRanges): RowRanges {
  const out: RowRanges = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i], b[j]);
    const e = Math.min(a[i + 1], b[j + 1]);
    if (s < e) out.push(s, e);
    if (a[i + 1] < b[j + 1]) i += 2;
    else j += 2;
  }
  return out;
}

/** Rows covered by `ranges`. */
export function rangeRows(ranges: RowRanges): number {
  let n = 0;
  for (let i = 0; i < ranges.length; i += 2) n += ranges[i + 1] - ranges[i];
  return n;
}

/**
 * Copies the rows of selected ranges into a compact vector (typed-array `set` per piece;
 * dictionaries are shared, not copied): out of one row-group-sized vector
 * (gatherRanges), or out of page-sized vectors that together cover the ranges
 * (gatherPages; pages of one chunk normally share its dictionary, otherwise the
 * dictionaries are concatenated and codes shifted).
 */
import type { Vector } from '../../../columnar/index.ts';
import { InternalError } from '../../../common/index.ts';
import { rangeRows, type RowRanges } from './row-selection.ts';

function gatherArray<T extends Float64Array | Int32Array | Uint8Array>(src: T, out: T, ranges: RowRanges): T {
  let at = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    out.set(src.subarray(ranges[i], ranges[i + 1]), at);
    at += ranges[i + 1] - ranges[i];
  }
  return out;
}

/** The rows of `ranges` of `v`, in order, as a new vector. */
export function gatherRanges(v: Vector, ranges: RowRanges): Vector {
  const n = rangeRows(ranges);
  switch (v.type) {
    case 'string':
    case 'json':
      return { type: v.type, length: n, codes: gatherArray(v.codes, new Int32Array(n), ranges), dict: v.dict };
    case 'timestamp':
      return {
        type: 'timestamp',
        length: n,
        ms: gatherArray(v.ms, new Float64Array(n), ranges),
        nanos: gatherArray(v.nanos, new Int32Array(n), ranges),
        validity: v.validity === null ? null : gatherArray(v.validity, new Uint8Array(n), ranges),
      };
    case 'boolean':
      return {
        type: 'boolean',
        length: n,
        values: gatherArray(v.values, new Uint8Array(n), ranges),
        validity: v.validity === null ? null : gatherArray(v.validity, new Uint8Array(n), ranges),
      };
    case 'int64':
    case 'float64':
      return {
        type: v.type,
        length: n,
        values: gatherArray(v.values, new Float64Array(n), ranges),
        validity: v.validity === null ? null : gatherArray(v.validity, new Uint8Array(n), ranges),
      };
  }
}

/** A page-sized vector and the row-group row it starts at. */
export interface PageSlice {
  readonly firstRow: number;
  readonly vector: Vector;
}

/** One piece of the output: rows [from, from + length) of page `page`. */
interface Piece {
  readonly page: number;
  readonly from: number;
  readonly length: number;
}

/** Splits `ranges` along page boundaries; every range row must lie in some page. */
function piecesOf(pages: readonly PageSlice[], ranges: RowRanges): Piece[] {
  const out: Piece[] = [];
  let p = 0;
  for (let r = 0; r < ranges.length; r += 2) {
    let s = ranges[r];
    const e = ranges[r + 1];
    while (s < e) {
      while (p < pages.length && pages[p].firstRow + pages[p].vector.length <= s) p++;
      if (p >= pages.length || pages[p].firstRow > s) throw new InternalError(`row ${s} is in no decoded page`);
      const end = Math.min(e, pages[p].firstRow + pages[p].vector.length);
      out.push({ page: p, from: s - pages[p].firstRow, length: end - s });
      s = end;
    }
  }
  return out;
}

/** The rows of `ranges` (row-group rows) out of `pages` (ascending, covering every range row). */
export function gatherPages(pages: readonly PageSlice[], ranges: RowRanges): Vector {
  if (pages.length === 0) throw new InternalError('gather from no pages');
  const n = rangeRows(ranges);
  const pieces = piecesOf(pages, ranges);
  const first = pages[0].vector;
  switch (first.type) {
    case 'string':
    case 'json': {
      const codes = new Int32Array(n);
      // Pages of one chunk share its dictionary; otherwise concatenate and shift codes.
      const dicts: (readonly string[])[] = [];
      const base: number[] = [];
      let size = 0;
      const offsets = pages.map((pg) => {
        const d = (pg.vector as typeof first).dict;
        let k = dicts.indexOf(d);
        if (k < 0) {
          k = dicts.length;
          dicts.push(d);
          base.push(size);
          size += d.length;
        }
        return base[k];
      });
      let at = 0;
      for (const pc of pieces) {
        const src = (pages[pc.page].vector as typeof first).codes;
        const shift = offsets[pc.page];
        if (shift === 0) codes.set(src.subarray(pc.from, pc.from + pc.length), at);
        else for (let i = 0; i < pc.length; i++) codes[at + i] = src[pc.from + i] < 0 ? -1 : src[pc.from + i] + shift;
        at += pc.length;
      }
      const dict = dicts.length === 1 ? dicts[0] : dicts.flat();
      return { type: first.type, length: n, codes, dict };
    }
    case 'timestamp': {
      const ms = new Float64Array(n);
      const nanos = new Int32Array(n);
      const validity = anyValidity(pages) ? new Uint8Array(n) : null;
      let at = 0;
      for (const pc of pieces) {
        const v = pages[pc.page].vector as typeof first;
        ms.set(v.ms.subarray(pc.from, pc.from + pc.length), at);
        nanos.set(v.nanos.subarray(pc.from, pc.from + pc.length), at);
        copyValidity(validity, v.validity, pc, at);
        at += pc.length;
      }
      return { type: 'timestamp', length: n, ms, nanos, validity };
    }
    case 'boolean': {
      const values = new Uint8Array(n);
      const validity = anyValidity(pages) ? new Uint8Array(n) : null;
      let at = 0;
      for (const pc of pieces) {
        const v = pages[pc.page].vector as typeof first;
        values.set(v.values.subarray(pc.from, pc.from + pc.length), at);
        copyValidity(validity, v.validity, pc, at);
        at += pc.length;
      }
      return { type: 'boolean', length: n, values, validity };
    }
    case 'int64':
    case 'float64': {
      const values = new Float64Array(n);
      const validity = anyValidity(pages) ? new Uint8Array(n) : null;
      let at = 0;
      for (const pc of pieces) {
        const v = pages[pc.page].vector as typeof first;
        values.set(v.values.subarray(pc.from, pc.from + pc.length), at);
        copyValidity(validity, v.validity, pc, at);
        at += pc.length;
      }
      return { type: first.type, length: n, values, validity };
    }
  }
}

function anyValidity(pages: readonly PageSlice[]): boolean {
  return pages.some((p) => 'validity' in p.vector && p.vector.validity !== null);
}

function copyValidity(out: Uint8Array | null, src: Uint8Array | null, pc: Piece, at: number): void {
  if (out === null) return;
  if (src === null) out.fill(1, at, at + pc.length);
  else out.set(src.subarray(pc.from, pc.from + pc.length), at);
}

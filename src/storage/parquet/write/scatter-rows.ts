/**
 * Moves rows of a PartInput into sort order by scattering: each input row r is written
 * to position dest[r] of the output, reading every batch sequentially (no combined copy
 * of the input, no batch lookup per row). Only rows whose position falls in the requested
 * range are written, so one partition of a multi-hour head can be materialised at a time.
 * One function per typed-array type keeps each loop monomorphic.
 */
import { isDictionary, type Vector } from '../../../columnar/index.ts';
import { PartEncodeError } from '../part-corrupt-error.ts';
import type { PartInput } from './part-input.ts';

/** Where each batch's rows land: min and max sorted position per batch. */
export interface BatchSpans {
  readonly minDest: Int32Array;
  readonly maxDest: Int32Array;
}

/** Min/max of dest over each batch's rows. */
export function batchSpans(input: PartInput, dest: Int32Array): BatchSpans {
  const count = input.batches.length;
  const minDest = new Int32Array(count);
  const maxDest = new Int32Array(count);
  for (let b = 0; b < count; b++) {
    let lo = 0x7fffffff;
    let hi = -1;
    for (let r = input.offsets[b]; r < input.offsets[b + 1]; r++) {
      const d = dest[r];
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
    minDest[b] = lo;
    maxDest[b] = hi;
  }
  return { minDest, maxDest };
}

/** A batch's rows to scatter: its global offset, and whether every row lands in range (no check needed). */
interface Span {
  readonly b: number;
  readonly offset: number;
  readonly inside: boolean;
}

function spansIn(input: PartInput, spans: BatchSpans, start: number, end: number): Span[] {
  const out: Span[] = [];
  for (let b = 0; b < input.batches.length; b++) {
    if (spans.maxDest[b] < start || spans.minDest[b] >= end) continue;
    out.push({ b, offset: input.offsets[b], inside: spans.minDest[b] >= start && spans.maxDest[b] < end });
  }
  return out;
}

/** The batches with rows in sorted positions [start, end). */
export function batchesIn(input: PartInput, spans: BatchSpans, start: number, end: number): number[] {
  return spansIn(input, spans, start, end).map((s) => s.b);
}

function scatterF64(src: Float64Array, dest: Int32Array, offset: number, start: number, out: Float64Array, inside: boolean): void {
  const n = src.length;
  const len = out.length;
  if (inside) {
    for (let j = 0; j < n; j++) out[dest[offset + j] - start] = src[j];
    return;
  }
  for (let j = 0; j < n; j++) {
    const d = dest[offset + j] - start;
    if (d >= 0 && d < len) out[d] = src[j];
  }
}

function scatterI32(src: Int32Array, dest: Int32Array, offset: number, start: number, out: Int32Array, inside: boolean): void {
  const n = src.length;
  const len = out.length;
  if (inside) {
    for (let j = 0; j < n; j++) out[dest[offset + j] - start] = src[j];
    return;
  }
  for (let j = 0; j < n; j++) {
    const d = dest[offset + j] - start;
    if (d >= 0 && d < len) out[d] = src[j];
  }
}

function scatterU8(src: Uint8Array | null, dest: Int32Array, offset: number, count: number, start: number, out: Uint8Array, inside: boolean): void {
  const len = out.length;
  for (let j = 0; j < count; j++) {
    const d = dest[offset + j] - start;
    if (inside || (d >= 0 && d < len)) out[d] = src === null ? 1 : src[j];
  }
}

/** Dictionary codes through a remap table (input code → merged code); nulls stay -1. */
function scatterRemapped(src: Int32Array, remap: Int32Array, dest: Int32Array, offset: number, start: number, out: Int32Array): void {
  const n = src.length;
  const len = out.length;
  const dictLength = remap.length;
  for (let j = 0; j < n; j++) {
    const d = dest[offset + j] - start;
    if (d < 0 || d >= len) continue;
    const c = src[j];
    if (c >= dictLength) throw new PartEncodeError(`dictionary code ${c} out of range (${dictLength} entries)`);
    out[d] = c < 0 ? -1 : remap[c];
  }
}

/** Rows of column `c` whose sorted position is in [start, end), in sorted order. */
export function scatterColumn(input: PartInput, c: number, dest: Int32Array, spans: BatchSpans, start: number, end: number): Vector {
  const length = end - start;
  const field = input.schema.fields[c];
  const parts = spansIn(input, spans, start, end);
  const vectors = parts.map((p) => input.batches[p.b].columns[c]);
  const validityOf = (v: Vector): Uint8Array | null => (isDictionary(v) ? null : v.validity);
  const validity = (): Uint8Array | null => {
    if (vectors.every((v) => validityOf(v) === null)) return null;
    const out = new Uint8Array(length);
    parts.forEach((p, i) => scatterU8(validityOf(vectors[i]), dest, p.offset, vectors[i].length, start, out, p.inside));
    return out;
  };
  switch (field.type) {
    case 'string':
    case 'json': {
      const merged = input.dicts[c];
      if (merged === null) throw new PartEncodeError(`column ${field.name} has no merged dictionary`);
      const codes = new Int32Array(length);
      parts.forEach((p, i) => {
        const v = vectors[i];
        if (v.type !== 'string' && v.type !== 'json') throw new PartEncodeError('mixed vector types');
        const remap = merged.remaps[p.b];
        if (remap === null) scatterI32(v.codes, dest, p.offset, start, codes, p.inside);
        else scatterRemapped(v.codes, remap, dest, p.offset, start, codes);
      });
      return { type: field.type, length, codes, dict: merged.values };
    }
    case 'timestamp': {
      const ms = new Float64Array(length);
      const nanos = new Int32Array(length);
      parts.forEach((p, i) => {
        const v = vectors[i];
        if (v.type !== 'timestamp') throw new PartEncodeError('mixed vector types');
        scatterF64(v.ms, dest, p.offset, start, ms, p.inside);
        scatterI32(v.nanos, dest, p.offset, start, nanos, p.inside);
      });
      return { type: 'timestamp', length, ms, nanos, validity: validity() };
    }
    case 'int64':
    case 'float64': {
      const values = new Float64Array(length);
      parts.forEach((p, i) => {
        const v = vectors[i];
        if (v.type !== 'int64' && v.type !== 'float64') throw new PartEncodeError('mixed vector types');
        scatterF64(v.values, dest, p.offset, start, values, p.inside);
      });
      return { type: field.type, length, values, validity: validity() };
    }
    case 'boolean': {
      const values = new Uint8Array(length);
      parts.forEach((p, i) => {
        const v = vectors[i];
        if (v.type !== 'boolean') throw new PartEncodeError('mixed vector types');
        scatterU8(v.values, dest, p.offset, v.length, start, values, p.inside);
      });
      return { type: 'boolean', length, values, validity: validity() };
    }
  }
}

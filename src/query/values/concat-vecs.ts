/**
 * Concatenation of same-typed vectors (sort buffers, join build sides, results).
 * Dictionary vectors that share one dictionary keep it; otherwise only the referenced
 * entries are merged into a new dictionary, once per distinct source dictionary.
 */
import { InternalError } from '../../common/index.ts';
import { nullVec, type Vec } from './vec.ts';
import type { VecType } from './sql-type.ts';

/** Concatenates vectors of one type into a new vector. */
export function concatVecs(type: VecType, parts: readonly Vec[]): Vec {
  if (parts.length === 1) return parts[0];
  let n = 0;
  for (const p of parts) {
    if (p.type !== type) throw new InternalError(`concat of ${p.type} into ${type}`);
    n += p.length;
  }
  if (parts.length === 0) return nullVec(type, 0);
  switch (type) {
    case 'string':
    case 'json':
      return concatDictionaries(type, parts as readonly (Vec & { codes: Int32Array; dict: readonly string[] })[], n);
    case 'boolean': {
      const values = new Uint8Array(n);
      const validity = concatValidity(parts, n);
      let o = 0;
      for (const p of parts as readonly (Vec & { values: Uint8Array })[]) {
        values.set(p.values.subarray(0, p.length), o);
        o += p.length;
      }
      return { type: 'boolean', length: n, values, validity };
    }
    case 'int64':
    case 'float64': {
      const values = new Float64Array(n);
      let o = 0;
      for (const p of parts as readonly (Vec & { values: Float64Array })[]) {
        values.set(p.values.subarray(0, p.length), o);
        o += p.length;
      }
      return { type, length: n, values, validity: concatValidity(parts, n) };
    }
    case 'timestamp': {
      const ms = new Float64Array(n);
      const nanos = new Int32Array(n);
      let o = 0;
      for (const p of parts as readonly (Vec & { ms: Float64Array; nanos: Int32Array })[]) {
        ms.set(p.ms.subarray(0, p.length), o);
        nanos.set(p.nanos.subarray(0, p.length), o);
        o += p.length;
      }
      return { type: 'timestamp', length: n, ms, nanos, validity: concatValidity(parts, n) };
    }
    case 'interval': {
      const months = new Float64Array(n);
      const ms = new Float64Array(n);
      const nanos = new Int32Array(n);
      let o = 0;
      for (const p of parts as readonly (Vec & { months: Float64Array; ms: Float64Array; nanos: Int32Array })[]) {
        months.set(p.months.subarray(0, p.length), o);
        ms.set(p.ms.subarray(0, p.length), o);
        nanos.set(p.nanos.subarray(0, p.length), o);
        o += p.length;
      }
      return { type: 'interval', length: n, months, ms, nanos, validity: concatValidity(parts, n) };
    }
  }
}

function concatValidity(parts: readonly Vec[], n: number): Uint8Array | null {
  let any = false;
  for (const p of parts) if ('validity' in p && p.validity !== null) any = true;
  if (!any) return null;
  const out = new Uint8Array(n).fill(1);
  let o = 0;
  for (const p of parts) {
    if ('validity' in p && p.validity !== null) out.set(p.validity.subarray(0, p.length), o);
    o += p.length;
  }
  return out;
}

function concatDictionaries(
  type: 'string' | 'json',
  parts: readonly { length: number; codes: Int32Array; dict: readonly string[] }[],
  n: number,
): Vec {
  const codes = new Int32Array(n);
  const first = parts[0].dict;
  if (parts.every((p) => p.dict === first)) {
    let o = 0;
    for (const p of parts) {
      codes.set(p.codes.subarray(0, p.length), o);
      o += p.length;
    }
    return { type, length: n, codes, dict: first };
  }
  const merged = new DictionaryMerger();
  let o = 0;
  for (const p of parts) {
    const remap = merged.remapFor(p.dict);
    for (let i = 0; i < p.length; i++) {
      const c = p.codes[i];
      codes[o + i] = c < 0 ? -1 : merged.code(remap, p.dict, c);
    }
    o += p.length;
  }
  return { type, length: n, codes, dict: merged.dict };
}

/** Merges several dictionaries into one, mapping each source code lazily. */
export class DictionaryMerger {
  readonly dict: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly remaps = new Map<readonly string[], Int32Array>();

  /** The code map for a source dictionary (-1 = not yet mapped). */
  remapFor(dict: readonly string[]): Int32Array {
    let r = this.remaps.get(dict);
    if (r === undefined) {
      r = new Int32Array(dict.length).fill(-1);
      this.remaps.set(dict, r);
    }
    return r;
  }

  /** The merged code of source code `c` (c >= 0). */
  code(remap: Int32Array, dict: readonly string[], c: number): number {
    let m = remap[c];
    if (m < 0) {
      m = this.intern(dict[c]);
      remap[c] = m;
    }
    return m;
  }

  /** The merged code of a string, adding it if new. */
  intern(s: string): number {
    let m = this.index.get(s);
    if (m === undefined) {
      m = this.dict.length;
      this.dict.push(s);
      this.index.set(s, m);
    }
    return m;
  }
}

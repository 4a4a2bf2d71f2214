/**
 * The append-only dictionary of one string/json column of one head (table × tenant ×
 * generation). Codes are positions in `values`; values are only ever appended, so a
 * snapshot that saw `n` values may keep using the same array. Batches arrive with their
 * own dictionaries; `remapFor` gives a code→code table per source dictionary, cached by
 * the source array's identity (decoders may reuse one growing dictionary across
 * batches), filled lazily so unused source entries cost nothing.
 */
import { InternalError } from '../../common/index.ts';

const UNMAPPED = -2;
/** Rough heap cost of one entry: UTF-16 payload, string header, array slot, Map entry. */
const ENTRY_OVERHEAD_BYTES = 80;

export class HeadDictionary {
  /** The values; append-only, shared with every snapshot (never mutate in place). */
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly remaps = new WeakMap<readonly string[], Int32Array>();
  /** Approximate heap bytes held. */
  bytes = 0;

  /** Code of `s`, adding it when new. */
  intern(s: string): number {
    let code = this.index.get(s);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(s);
      this.index.set(s, code);
      this.bytes += 2 * s.length + ENTRY_OVERHEAD_BYTES;
    }
    return code;
  }

  /** Code of `s`, or -1 when no row of this head can hold it. */
  lookup(s: string): number {
    return this.index.get(s) ?? -1;
  }

  /**
   * Copies `n` codes from `src` (indexing `srcDict`) to `dst` at `dstStart`, translating
   * them into this dictionary. Negative (null) codes stay -1.
   */
  copyCodes(src: Int32Array, srcStart: number, srcDict: readonly string[], dst: Int32Array, dstStart: number, n: number): void {
    const remap = this.remapFor(srcDict);
    for (let i = 0; i < n; i++) {
      const c = src[srcStart + i];
      if (c < 0) {
        dst[dstStart + i] = -1;
        continue;
      }
      if (c >= srcDict.length) throw new InternalError(`dictionary code ${c} out of range (${srcDict.length} values)`);
      let m = remap[c];
      if (m === UNMAPPED) m = remap[c] = this.intern(srcDict[c]);
      dst[dstStart + i] = m;
    }
  }

  private remapFor(srcDict: readonly string[]): Int32Array {
    let remap = this.remaps.get(srcDict);
    if (remap === undefined || remap.length < srcDict.length) {
      const grown = new Int32Array(Math.max(srcDict.length, 8)).fill(UNMAPPED);
      if (remap !== undefined) grown.set(remap);
      remap = grown;
      this.remaps.set(srcDict, remap);
    }
    return remap;
  }
}

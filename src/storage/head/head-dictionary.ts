/**
 * The append-only dictionary of one string/json column of one head (table × tenant ×
 * generation). Codes are positions in `values`; values are only ever appended, so a
 * snapshot that saw `n` values may keep using the same array. Batches arrive with their
 * own dictionaries; `copyCodes` translates through a code→code table per source
 * dictionary, cached by the source array's identity (decoders reuse one growing pool
 * across batches, so its table is built once), filled lazily so unused source entries
 * cost nothing.
 *
 * Values are deduplicated, even in columns that look unique: exporters resend equal
 * bodies, ids and attribute sets across requests often enough that an index that stops
 * deduplicating on its own (tried: "append mode" past a 90 % miss rate) made log heads 5×
 * larger and their flushes 2.5× slower. The one exception is chosen by the table head for
 * a column known to be unique per row (`dedupe: false`: metrics `buckets`): there a Map
 * insert per value (~0.6 µs for a 160-character text) buys nothing, and equal texts may
 * then have several codes (DictionaryVector allows that; `lookup` answers "maybe").
 */
import { InternalError } from '../../common/index.ts';

const UNMAPPED = -2;
/**
 * Rough heap cost of one entry besides its characters: string header, array slot and Map
 * entry. Characters are counted at one byte each for Latin-1 strings and two otherwise —
 * the engine's own representation — so head_max_bytes tracks what the strings really take.
 */
const ENTRY_OVERHEAD_BYTES = 104;
/** The Map entry's share of ENTRY_OVERHEAD_BYTES. */
const INDEX_ENTRY_BYTES = 48;

export class HeadDictionary {
  /** The values; append-only, shared with every snapshot (never mutate in place). */
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly remaps = new WeakMap<readonly string[], Int32Array>();
  /** Approximate heap bytes held (characters + per-entry overhead). */
  bytes = 0;

  constructor(private readonly dedupe = true) {}

  /** Code of `s`, adding it when new (always new without deduplication). */
  intern(s: string): number {
    if (!this.dedupe) {
      this.values.push(s);
      this.bytes += stringBytes(s) + ENTRY_OVERHEAD_BYTES - INDEX_ENTRY_BYTES;
      return this.values.length - 1;
    }
    let code = this.index.get(s);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(s);
      this.index.set(s, code);
      this.bytes += stringBytes(s) + ENTRY_OVERHEAD_BYTES;
    }
    return code;
  }

  /** Code of `s`, or -1 when no row of this head can hold it (0, "maybe", without deduplication). */
  lookup(s: string): number {
    if (!this.dedupe) return 0;
    return this.index.get(s) ?? -1;
  }

  /**
   * Copies `n` codes from `src` (indexing `srcDict`) to `dst` at `dstStart`, translating
   * them into this dictionary. Negative (null) codes stay -1.
   */
  copyCodes(src: Int32Array, srcStart: number, srcDict: readonly string[], dst: Int32Array, dstStart: number, n: number): void {
    const remap = this.remapFor(srcDict);
    const dictLength = srcDict.length;
    // Most columns hold long runs of one code (scope, resource, service, metric name):
    // translate a code only when it differs from the previous row's.
    let prev = -1;
    let mapped = -1;
    for (let i = 0; i < n; i++) {
      const c = src[srcStart + i];
      if (c !== prev) {
        prev = c;
        if (c < 0) mapped = -1;
        else {
          if (c >= dictLength) throw new InternalError(`dictionary code ${c} out of range (${dictLength} values)`);
          mapped = remap[c];
          if (mapped === UNMAPPED) mapped = remap[c] = this.intern(srcDict[c]);
        }
      }
      dst[dstStart + i] = mapped;
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

/**
 * Heap bytes of a string's characters: 1 per char when it is Latin-1, else 2. Only up to
 * eight characters are looked at (this runs for every new value, on the append path): a
 * wide string that looks Latin-1 at those points is undercounted by half, which is fine
 * for an estimate.
 */
function stringBytes(s: string): number {
  const n = s.length;
  const step = n > 8 ? Math.floor(n / 8) : 1;
  for (let i = 0; i < n; i += step) if (s.charCodeAt(i) > 0xff) return 2 * n;
  return n;
}

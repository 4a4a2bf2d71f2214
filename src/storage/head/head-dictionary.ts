/**
 * The append-only dictionary of one string/json column of one head (table × tenant ×
 * generation). Codes are positions in `values`; values are only ever appended, so a
 * snapshot that saw `n` values may keep using the same array. Batches arrive with their
 * own dictionaries; `copyCodes` translates through a code→code table per source
 * dictionary, cached by the source array's identity (decoders reuse one growing pool
 * across batches, so its table is built once), filled lazily so unused source entries
 * cost nothing.
 *
 * Columns whose values are nearly all distinct (histogram buckets, log bodies, span ids,
 * events) would only pay for deduplication — a hash of every string and a Map entry that
 * never hits. So the dictionary watches its own hit rate and, once a column is clearly
 * unique-valued, drops its index and appends values as they come ("append mode"): each
 * source code still maps to one head code, but equal values from different batches may
 * then get different codes (DictionaryVector allows that), and `lookup` answers "maybe"
 * (0) because it can no longer prove absence.
 */
import { InternalError } from '../../common/index.ts';

const UNMAPPED = -2;
/**
 * Rough heap cost of one entry besides its characters: string header, array slot, and
 * (while indexed) the Map entry. Characters are counted at one byte each for Latin-1
 * strings and two otherwise — the engine's own representation.
 */
const ENTRY_OVERHEAD_BYTES = 48;
const INDEX_ENTRY_BYTES = 40;
/** Lookups per window after which the dictionary decides whether deduplicating pays. */
const DECISION_WINDOW = 4096;
/** Append mode when more than this many lookups of a window found a new value. */
const APPEND_MODE_MISSES = Math.floor(DECISION_WINDOW * 0.9);

export class HeadDictionary {
  /** The values; append-only, shared with every snapshot (never mutate in place). */
  readonly values: string[] = [];
  private index: Map<string, number> | null = new Map();
  private readonly remaps = new WeakMap<readonly string[], Int32Array>();
  private windowLookups = 0;
  private windowMisses = 0;
  /** Approximate heap bytes held (characters + per-entry overhead + index). */
  bytes = 0;

  /** Code of `s`; in append mode always a new code. */
  intern(s: string): number {
    const index = this.index;
    if (index === null) return this.push(s);
    let code = index.get(s);
    if (code === undefined) {
      code = this.push(s);
      index.set(s, code);
      this.bytes += INDEX_ENTRY_BYTES;
      this.windowMisses++;
    }
    if (++this.windowLookups === DECISION_WINDOW) this.decide();
    return code;
  }

  /** Code of `s`, -1 when no row of this head can hold it, or 0 ("maybe") in append mode. */
  lookup(s: string): number {
    const index = this.index;
    if (index === null) return 0;
    return index.get(s) ?? -1;
  }

  /** True once the dictionary stopped deduplicating (see the file comment). */
  get appendMode(): boolean {
    return this.index === null;
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

  private push(s: string): number {
    const code = this.values.length;
    this.values.push(s);
    this.bytes += stringBytes(s) + ENTRY_OVERHEAD_BYTES;
    return code;
  }

  /** At the end of each window of lookups: keep the index only while values repeat. */
  private decide(): void {
    const index = this.index;
    const unique = this.windowMisses > APPEND_MODE_MISSES;
    this.windowLookups = 0;
    this.windowMisses = 0;
    if (index === null || !unique) return;
    this.index = null;
    this.bytes -= index.size * INDEX_ENTRY_BYTES;
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

/** Heap bytes of a string's characters: 1 per char when all are Latin-1, else 2 (sampled, not scanned, for long strings). */
function stringBytes(s: string): number {
  const n = s.length;
  const step = n > 64 ? (n >>> 5) | 1 : 1;
  for (let i = 0; i < n; i += step) if (s.charCodeAt(i) > 0xff) return 2 * n;
  return n;
}

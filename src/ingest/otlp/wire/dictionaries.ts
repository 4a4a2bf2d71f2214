/**
 * Batch-local dictionaries for the columns whose values rarely repeat across requests
 * (so the cross-request StringPool would only churn): codes 0..n-1 in first-use order.
 *  - `BatchStringDictionary` for JS strings made per batch (bucket JSON, span events);
 *  - `BatchBytesDictionary` for byte ranges whose string is made on first sight within
 *    the batch (trace states, status messages);
 *  - `BatchUtf8Dictionary` for log bodies (one UTF-8 decode per batch);
 *  - `BatchHexIdDictionary` for trace and span ids.
 */
import { IngestRejectedError } from '../../errors.ts';
import { AsciiTextArena } from './ascii-text-arena.ts';
import { ByteKeyTable } from './byte-key-table.ts';

export class BatchStringDictionary {
  dict: string[] = [];
  private index = new Map<string, number>();
  // The last value and its code: runs of the same value (spans without events: "[]") skip the Map.
  private lastValue: string | null = null;
  private lastCode = -1;

  /**
   * With `dedupe` false every value gets a new code: for near-unique values (histogram
   * buckets) hashing each one here would only duplicate the hashing storage does when it
   * re-encodes the batch into its own dictionary. The dictionary may then hold equal
   * texts under different codes.
   */
  constructor(private readonly dedupe = true) {}

  begin(): void {
    this.dict = [];
    this.lastValue = null;
    if (this.index.size > 0) this.index = new Map();
  }

  code(s: string): number {
    if (!this.dedupe) {
      this.dict.push(s);
      return this.dict.length - 1;
    }
    if (s === this.lastValue) return this.lastCode;
    let c = this.index.get(s);
    if (c === undefined) {
      c = this.dict.length;
      this.dict.push(s);
      this.index.set(s, c);
    }
    this.lastValue = s;
    this.lastCode = c;
    return c;
  }
}

/** Makes the string for a byte range seen for the first time in the batch. */
export type BytesToString = (buf: Uint8Array, start: number, end: number) => string;

/**
 * A batch dictionary keyed by bytes (protobuf) or by text (JSON). `make` must be
 * injective (distinct bytes → distinct strings: UTF-8 decoding, hex), so byte keys alone
 * keep the dictionary free of duplicates with one hash per lookup. A batch comes from
 * one request, hence one encoding, so the two kinds of key never mix in one dictionary.
 *
 * With `dedupe` false every value gets a new code (no hashing at all): for values that
 * are unique per row (span ids), where a lookup would never hit and storage re-encodes
 * the batch into its own deduplicated dictionary anyway.
 */
export class BatchBytesDictionary {
  dict: string[] = [];
  private readonly table = new ByteKeyTable(256);
  private byString = new Map<string, number>();

  constructor(
    private readonly make: BytesToString,
    private readonly dedupe = true,
  ) {}

  begin(): void {
    this.dict = [];
    this.table.clear();
    if (this.byString.size > 0) this.byString = new Map();
  }

  /** Batch code of the value whose bytes are `buf[start, end)` (protobuf decoders). */
  code(buf: Uint8Array, start: number, end: number): number {
    if (!this.dedupe) {
      this.dict.push(this.make(buf, start, end));
      return this.dict.length - 1;
    }
    let c = this.table.find(buf, start, end);
    if (c >= 0) return c;
    c = this.dict.length;
    this.dict.push(this.make(buf, start, end));
    this.table.insert(buf, start, end, c);
    return c;
  }

  /** Batch code of a string (JSON decoders). */
  codeOfString(s: string): number {
    if (!this.dedupe) {
      this.dict.push(s);
      return this.dict.length - 1;
    }
    let c = this.byString.get(s);
    if (c === undefined) {
      c = this.dict.length;
      this.dict.push(s);
      this.byString.set(s, c);
    }
    return c;
  }
}

/**
 * Trace and span ids as lowercase hex: one batch-local dictionary whose texts are written
 * into an AsciiTextArena (a hex string concatenated pair by pair is a rope of 8–16 pieces
 * that every later hash must flatten: measured at ~40 % of the main thread for logs).
 * With `dedupe` false every id gets a new code (span ids: unique per row, and storage
 * deduplicates when it re-encodes the batch into its own dictionary anyway).
 */
export class BatchHexIdDictionary {
  private readonly arena = new AsciiTextArena();
  private readonly table = new ByteKeyTable(256);

  constructor(private readonly dedupe = true) {}

  begin(): void {
    this.arena.begin();
    if (this.dedupe) this.table.clear();
  }

  /** Batch code of the id whose bytes are `buf[start, end)`. */
  code(buf: Uint8Array, start: number, end: number): number {
    if (this.dedupe) {
      const found = this.table.find(buf, start, end);
      if (found >= 0) return found;
    }
    this.arena.hex(buf, start, end);
    const c = this.arena.commit();
    if (this.dedupe) this.table.insert(buf, start, end, c);
    return c;
  }

  /** The batch's ids, by code. */
  finish(): string[] {
    return this.arena.finish();
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A batch dictionary of UTF-8 texts (log bodies): values deduplicated by their bytes,
 * copied into one buffer and decoded with one TextDecoder call per batch, each value a
 * substring of that one string (a decode per value costs ~0.4 µs: a view, a native call,
 * a fresh string). Invalid UTF-8 anywhere makes the request malformed, as decodeUtf8 does
 * (the error names the offending value's byte offset). JSON decoders pass JS strings
 * (`codeOfString`); a batch comes from one request, so the two never mix.
 */
export class BatchUtf8Dictionary {
  private bytes: Uint8Array = new Uint8Array(64 * 1024);
  private length = 0;
  /** ends[k]: end of value k in `bytes`; starts[k]: where it began in its request (errors). */
  private ends: Int32Array = new Int32Array(256);
  private starts: Int32Array = new Int32Array(256);
  private count = 0;
  /** OR of every byte copied: below 0x80 means pure ASCII (char offsets = byte offsets). */
  private highBits = 0;
  private readonly table = new ByteKeyTable(256);
  private strings: string[] = [];
  private byString = new Map<string, number>();

  begin(): void {
    this.length = 0;
    this.count = 0;
    this.highBits = 0;
    this.table.clear();
    if (this.bytes.length > 4 * 1024 * 1024) this.bytes = new Uint8Array(64 * 1024);
    this.strings = [];
    if (this.byString.size > 0) this.byString = new Map();
  }

  /** Batch code of the UTF-8 text `buf[start, end)` (protobuf decoders; validated at finish). */
  code(buf: Uint8Array, start: number, end: number): number {
    const found = this.table.find(buf, start, end);
    if (found >= 0) return found;
    const n = end - start;
    if (this.length + n > this.bytes.length) {
      let cap = this.bytes.length * 2;
      while (cap < this.length + n) cap *= 2;
      const grown = new Uint8Array(cap);
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    const bytes = this.bytes;
    let high = 0;
    for (let i = start, p = this.length; i < end; i++, p++) {
      const b = buf[i];
      high |= b;
      bytes[p] = b;
    }
    this.highBits |= high;
    this.length += n;
    if (this.count === this.ends.length) {
      this.ends = grow(this.ends);
      this.starts = grow(this.starts);
    }
    const c = this.count++;
    this.ends[c] = this.length;
    this.starts[c] = start;
    this.table.insert(buf, start, end, c);
    return c;
  }

  /** Batch code of a JS string (JSON decoders). */
  codeOfString(s: string): number {
    let c = this.byString.get(s);
    if (c === undefined) {
      c = this.strings.length;
      this.strings.push(s);
      this.byString.set(s, c);
    }
    return c;
  }

  /** The batch's values by code; throws IngestRejectedError when a value is not valid UTF-8. */
  finish(): string[] {
    const n = this.count;
    if (n === 0) return this.strings;
    let all: string;
    try {
      all = UTF8.decode(this.bytes.subarray(0, this.length));
    } catch {
      this.throwFirstInvalid();
    }
    const out = new Array<string>(n);
    const ends = this.ends;
    if (this.highBits < 0x80) {
      let start = 0;
      for (let k = 0; k < n; k++) {
        out[k] = all.slice(start, ends[k]);
        start = ends[k];
      }
      return out;
    }
    // Valid UTF-8: a value's UTF-16 length is its count of non-continuation bytes, plus one
    // for every 4-byte sequence (a surrogate pair).
    const bytes = this.bytes;
    let p = 0;
    let chars = 0;
    let charStart = 0;
    for (let k = 0; k < n; k++) {
      const end = ends[k];
      for (; p < end; p++) {
        const b = bytes[p];
        if ((b & 0xc0) !== 0x80) chars += b >= 0xf0 ? 2 : 1;
      }
      out[k] = all.slice(charStart, chars);
      charStart = chars;
    }
    return out;
  }

  private throwFirstInvalid(): never {
    let start = 0;
    for (let k = 0; k < this.count; k++) {
      const end = this.ends[k];
      try {
        UTF8.decode(this.bytes.subarray(start, end));
      } catch {
        throw new IngestRejectedError(`malformed protobuf: invalid UTF-8 in a string field at byte ${this.starts[k]}`);
      }
      start = end;
    }
    throw new IngestRejectedError('malformed protobuf: invalid UTF-8 in a string field');
  }
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

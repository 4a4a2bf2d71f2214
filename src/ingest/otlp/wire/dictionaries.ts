/**
 * Batch-local dictionaries for the columns whose values rarely repeat across requests
 * (so the cross-request StringPool would only churn): codes 0..n-1 in first-use order.
 *  - `BatchStringDictionary` for JS strings made per batch (bucket JSON, span events);
 *  - `BatchBytesDictionary` for byte ranges whose string is made on first sight within
 *    the batch (log bodies, trace states, status messages);
 *  - `BatchHexIdDictionary` for trace and span ids.
 */
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

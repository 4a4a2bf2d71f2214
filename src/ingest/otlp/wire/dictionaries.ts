/**
 * Batch-local dictionaries: each string column of a batch gets its own dense dictionary
 * (codes 0..n-1 in first-use order), as DictionaryVector requires. Three flavours:
 *  - `PooledDictionary` maps StringPool ids (values repeated across requests);
 *  - `BatchStringDictionary` maps JS strings made per batch (bucket JSON, span events);
 *  - `BatchBytesDictionary` maps byte ranges to strings made on first sight within the
 *    batch (trace/span ids as hex, log bodies), without polluting the cross-request pool.
 */
import { ByteKeyTable } from './byte-key-table.ts';
import type { StringPool } from './string-pool.ts';

export class PooledDictionary {
  dict: string[] = [];
  private stamp: Int32Array = new Int32Array(256);
  private local: Int32Array = new Int32Array(256);
  private epoch = 1;

  constructor(private readonly pool: StringPool) {}

  /** Starts a new batch: previous codes are forgotten. */
  begin(): void {
    this.epoch++;
    this.dict = [];
  }

  /** Batch code of pool value `id`. */
  code(id: number): number {
    if (id >= this.stamp.length) this.grow(id);
    if (this.stamp[id] === this.epoch) return this.local[id];
    const c = this.dict.length;
    this.dict.push(this.pool.strings[id]);
    this.stamp[id] = this.epoch;
    this.local[id] = c;
    return c;
  }

  private grow(id: number): void {
    let cap = this.stamp.length * 2;
    while (cap <= id) cap *= 2;
    const stamp = new Int32Array(cap);
    stamp.set(this.stamp);
    const local = new Int32Array(cap);
    local.set(this.local);
    this.stamp = stamp;
    this.local = local;
  }
}

export class BatchStringDictionary {
  dict: string[] = [];
  private index = new Map<string, number>();

  begin(): void {
    this.dict = [];
    this.index = new Map();
  }

  code(s: string): number {
    let c = this.index.get(s);
    if (c === undefined) {
      c = this.dict.length;
      this.dict.push(s);
      this.index.set(s, c);
    }
    return c;
  }
}

/** Makes the string for a byte range seen for the first time in the batch. */
export type BytesToString = (buf: Uint8Array, start: number, end: number) => string;

export class BatchBytesDictionary {
  dict: string[] = [];
  private readonly table = new ByteKeyTable(256);
  private byString = new Map<string, number>();

  constructor(private readonly make: BytesToString) {}

  begin(): void {
    this.dict = [];
    this.table.clear();
    this.byString = new Map();
  }

  /** Batch code of the value whose bytes are `buf[start, end)`. */
  code(buf: Uint8Array, start: number, end: number): number {
    let c = this.table.find(buf, start, end);
    if (c >= 0) return c;
    c = this.codeOfString(this.make(buf, start, end));
    this.table.insert(buf, start, end, c);
    return c;
  }

  /** Batch code of a string made elsewhere (different bytes may make the same string). */
  codeOfString(s: string): number {
    let c = this.byString.get(s);
    if (c === undefined) {
      c = this.dict.length;
      this.dict.push(s);
      this.byString.set(s, c);
    }
    return c;
  }
}

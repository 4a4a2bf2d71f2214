/**
 * The vectors pages decode into: one slot per row of a run of rows (a whole row group,
 * or one page), filled page by page at each page's first row. String columns share the
 * chunk's decoded dictionary array until a PLAIN page needs to append values to it
 * (then the target takes its own copy), so dictionary strings are never copied for
 * dictionary-encoded chunks and page vectors of one chunk share one dictionary.
 */
import type { DataType, Vector } from '../../../columnar/index.ts';

/** Output arrays for `rows` rows of a column of `type`. */
export class ChunkTarget {
  readonly codes: Int32Array | null;
  /** Dictionary strings (shared with the chunk dictionary until a PLAIN page appends). */
  dict: string[] = [];
  private sharedDict = false;
  readonly ms: Float64Array | null;
  readonly nanos: Int32Array | null;
  readonly values: Float64Array | null;
  readonly bools: Uint8Array | null;
  /** 1 = present; allocated (all 1) when a page of a nullable column has a null row. */
  validity: Uint8Array | null = null;
  private readonly nullable: boolean;

  constructor(
    readonly type: DataType,
    readonly rows: number,
    nullable: boolean,
  ) {
    const dictType = type === 'string' || type === 'json';
    // Rows of pages a scan skipped keep code 0; they are never emitted.
    this.codes = dictType ? new Int32Array(rows) : null;
    this.ms = type === 'timestamp' ? new Float64Array(rows) : null;
    this.nanos = type === 'timestamp' ? new Int32Array(rows) : null;
    this.values = type === 'int64' || type === 'float64' ? new Float64Array(rows) : null;
    this.bools = type === 'boolean' ? new Uint8Array(rows) : null;
    // Dictionary columns mark nulls with negative codes instead.
    this.nullable = nullable && !dictType;
  }

  /** Records the present (1) and null (0) rows of a page that has nulls. */
  markPresent(mask: Uint8Array, rowOffset: number): void {
    if (!this.nullable) return;
    if (this.validity === null) this.validity = new Uint8Array(this.rows).fill(1);
    this.validity.set(mask, rowOffset);
  }

  /** Uses the chunk's dictionary strings (shared, not copied) as this target's dictionary. */
  useDictionary(strings: string[]): void {
    if (this.dict.length === 0) {
      this.dict = strings;
      this.sharedDict = true;
    } else {
      for (const s of strings) this.dict.push(s);
    }
  }

  /** The dictionary PLAIN string pages append to (never the shared chunk dictionary). */
  appendableDict(): string[] {
    if (this.sharedDict) {
      this.dict = this.dict.slice();
      this.sharedDict = false;
    }
    return this.dict;
  }

  /** True when the dictionary is the chunk's shared one (its bytes are accounted there). */
  get dictShared(): boolean {
    return this.sharedDict;
  }

  /** The decoded vector (validity null when no row is null). */
  toVector(): Vector {
    const length = this.rows;
    const validity = this.validity;
    switch (this.type) {
      case 'string':
      case 'json':
        return { type: this.type, length, codes: this.codes as Int32Array, dict: this.dict };
      case 'timestamp':
        return { type: 'timestamp', length, ms: this.ms as Float64Array, nanos: this.nanos as Int32Array, validity };
      case 'int64':
      case 'float64':
        return { type: this.type, length, values: this.values as Float64Array, validity };
      case 'boolean':
        return { type: 'boolean', length, values: this.bools as Uint8Array, validity };
    }
  }

  /** Approximate bytes held (for the chunk cache); `withDict` counts the dictionary strings. */
  byteSize(withDict: boolean): number {
    let n = 0;
    for (const a of [this.codes, this.ms, this.nanos, this.values, this.bools, this.validity]) if (a !== null) n += a.byteLength;
    if (withDict) n += stringsBytes(this.dict);
    return n;
  }
}

/** Approximate heap bytes of a string array (UTF-16 payload plus per-string overhead). */
export function stringsBytes(strings: readonly string[]): number {
  let n = 8 * strings.length;
  for (const s of strings) n += 2 * s.length + 32;
  return n;
}

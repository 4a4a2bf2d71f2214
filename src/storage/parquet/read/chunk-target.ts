/**
 * The vectors a column chunk decodes into: one slot per row of the row group, filled page
 * by page at each page's first row. Rows of pages that were skipped stay zero/null and are
 * never handed out (the scan only emits rows of decoded pages).
 */
import type { DataType, Vector } from '../../../columnar/index.ts';

/** Output arrays for one chunk of `rows` rows of a column of `type`. */
export class ChunkTarget {
  readonly codes: Int32Array | null;
  /** Dictionary strings; PLAIN pages append to it. */
  readonly dict: string[] = [];
  readonly ms: Float64Array | null;
  readonly nanos: Int32Array | null;
  readonly values: Float64Array | null;
  readonly bools: Uint8Array | null;
  /** 1 = present; allocated for nullable columns. */
  readonly validity: Uint8Array | null;

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
    this.validity = nullable && !dictType ? new Uint8Array(rows) : null;
  }

  /** The decoded vector (validity dropped when no row is null). */
  toVector(): Vector {
    const length = this.rows;
    let validity = this.validity;
    if (validity !== null && validity.indexOf(0) < 0) validity = null;
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

  /** Approximate bytes held (for the chunk cache). */
  byteSize(): number {
    let n = 0;
    for (const a of [this.codes, this.ms, this.nanos, this.values, this.bools, this.validity]) if (a !== null) n += a.byteLength;
    for (const s of this.dict) n += 2 * s.length + 48;
    return n;
  }
}

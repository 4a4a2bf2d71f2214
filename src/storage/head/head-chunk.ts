/**
 * A head chunk: fixed-capacity, append-only columnar storage for rows of one table and
 * tenant. All value arrays of a chunk live in one SharedArrayBuffer (validity arrays, made
 * on the first null, in their own), so a snapshot can hand them to a query worker without
 * copying. Rows below `length` never change; a reader that saw `length = n` may read rows
 * [0, n) at any later time.
 */
import type { DataType, Schema, Vector } from '../../columnar/index.ts';
import type { ChunkMemoryPool } from './chunk-memory.ts';

/** The storage of one column; `validity` is null until the first null is appended. */
export type ChunkColumn =
  | { readonly type: 'boolean'; readonly values: Uint8Array; validity: Uint8Array | null }
  | { readonly type: 'int64' | 'float64'; readonly values: Float64Array; validity: Uint8Array | null }
  | { readonly type: 'timestamp'; readonly ms: Float64Array; readonly nanos: Int32Array; validity: Uint8Array | null }
  | { readonly type: 'string' | 'json'; readonly codes: Int32Array };

/** A column that has a validity array (every type but string/json). */
export type NullableChunkColumn = Extract<ChunkColumn, { validity: Uint8Array | null }>;

/** Narrows a chunk column to one with a validity array. */
export function hasValidity(col: ChunkColumn): col is NullableChunkColumn {
  return col.type !== 'string' && col.type !== 'json';
}

function bytesPerRow(type: DataType): number {
  switch (type) {
    case 'boolean':
      return 1;
    case 'int64':
    case 'float64':
      return 8;
    case 'timestamp':
      return 12;
    case 'string':
    case 'json':
      return 4;
  }
}

export class HeadChunk {
  readonly columns: ChunkColumn[];
  /** Rows appended so far; grows, never shrinks. */
  length = 0;
  /** Timestamp range (ms) of the rows, for pruning; Infinity/-Infinity while empty. */
  minMs = Infinity;
  maxMs = -Infinity;
  /** Bytes allocated (values + validity). */
  bytes: number;
  /** Every SharedArrayBuffer of the chunk (values, then validity arrays as they are made). */
  private readonly buffers: SharedArrayBuffer[] = [];

  constructor(
    readonly schema: Schema,
    readonly capacity: number,
    /** Where memory comes from (recycled when possible; see chunk-memory.ts). Contents may be stale: rows are written before they are published. */
    private readonly memory: ChunkMemoryPool | null = null,
  ) {
    // A capacity that is a multiple of 8 keeps every column's offset 8-byte aligned.
    if (capacity % 8 !== 0) throw new RangeError('head chunk capacity must be a multiple of 8');
    let total = 0;
    for (const f of schema.fields) total += bytesPerRow(f.type) * capacity;
    const buffer = this.allocate(total);
    this.bytes = buffer.byteLength;
    const columns: ChunkColumn[] = [];
    let offset = 0;
    for (const f of schema.fields) {
      const type = f.type;
      switch (type) {
        case 'boolean':
          columns.push({ type, values: new Uint8Array(buffer, offset, capacity), validity: null });
          break;
        case 'int64':
        case 'float64':
          columns.push({ type, values: new Float64Array(buffer, offset, capacity), validity: null });
          break;
        case 'timestamp':
          columns.push({ type, ms: new Float64Array(buffer, offset, capacity), nanos: new Int32Array(buffer, offset + 8 * capacity, capacity), validity: null });
          break;
        case 'string':
        case 'json':
          columns.push({ type, codes: new Int32Array(buffer, offset, capacity) });
          break;
      }
      offset += bytesPerRow(type) * capacity;
    }
    this.columns = columns;
  }

  /** Rows still free. */
  get free(): number {
    return this.capacity - this.length;
  }

  /** The validity array of column `c`, creating it (all valid) on first use. */
  validityOf(c: number): Uint8Array {
    const col = this.columns[c];
    if (!hasValidity(col)) throw new TypeError('dictionary columns have no validity array');
    if (col.validity === null) {
      col.validity = new Uint8Array(this.allocate(this.capacity)).fill(1);
      this.bytes += this.capacity;
    }
    return col.validity;
  }

  /** Gives the chunk's memory to `pool`. The chunk and every view of it must never be read again. */
  recycleInto(pool: ChunkMemoryPool): void {
    for (const b of this.buffers) pool.give(b);
    this.buffers.length = 0;
  }

  private allocate(byteLength: number): SharedArrayBuffer {
    const buffer = this.memory?.take(byteLength) ?? new SharedArrayBuffer(byteLength);
    this.buffers.push(buffer);
    return buffer;
  }

  /** Rows [0, n) of column `c` as a vector (views, no copy); `dict` for string columns. */
  vector(c: number, n: number, dict: readonly string[] | null): Vector {
    const col = this.columns[c];
    switch (col.type) {
      case 'boolean':
        return { type: 'boolean', length: n, values: col.values.subarray(0, n), validity: col.validity?.subarray(0, n) ?? null };
      case 'int64':
      case 'float64':
        return { type: col.type, length: n, values: col.values.subarray(0, n), validity: col.validity?.subarray(0, n) ?? null };
      case 'timestamp':
        return { type: 'timestamp', length: n, ms: col.ms.subarray(0, n), nanos: col.nanos.subarray(0, n), validity: col.validity?.subarray(0, n) ?? null };
      case 'string':
      case 'json':
        return { type: col.type, length: n, codes: col.codes.subarray(0, n), dict: dict ?? [] };
    }
  }
}

/**
 * The memory the per-table row writers decode into, and turning its first `n` rows into
 * vectors. All columns of a batch live in one ArrayBuffer (a `ColumnBlock`); `finish()`
 * hands out views of it — no copy — and the block is lent to the batch until the ingest
 * pipeline gives it back (`release`, once storage has copied the rows into its head), so
 * a steady stream of requests decodes into the same few blocks and allocates nothing.
 * A block that is never given back (WAL replay, tests) is simply garbage.
 */
import { InternalError } from '../../../common/index.ts';
import type { Batch, DictionaryVector, Vector } from '../../../columnar/index.ts';

/** Rows a block starts with. */
export const INITIAL_ROWS = 1024;
/** Blocks larger than this are not kept for reuse (one huge request must not pin memory). */
export const MAX_RETAINED_ROWS = 1 << 18;
/** Free blocks kept per writer: more than the requests usually in flight at once. */
const MAX_FREE_BLOCKS = 32;

/** Element type of one column of a block. */
export type ColumnKind = 'f64' | 'i32' | 'u8';

const BYTES: Readonly<Record<ColumnKind, number>> = { f64: 8, i32: 4, u8: 1 };

/** One batch's columns, `capacity` rows each, in one ArrayBuffer (8-byte aligned slices). */
export class ColumnBlock {
  private readonly arrays: (Float64Array | Int32Array | Uint8Array)[] = [];

  constructor(
    readonly kinds: readonly ColumnKind[],
    readonly capacity: number,
  ) {
    let total = 0;
    for (const k of kinds) total += align8(BYTES[k] * capacity);
    const buffer = new ArrayBuffer(total);
    let offset = 0;
    for (const k of kinds) {
      this.arrays.push(k === 'f64' ? new Float64Array(buffer, offset, capacity) : k === 'i32' ? new Int32Array(buffer, offset, capacity) : new Uint8Array(buffer, offset, capacity));
      offset += align8(BYTES[k] * capacity);
    }
  }

  f64(i: number): Float64Array {
    const a = this.arrays[i];
    if (!(a instanceof Float64Array)) throw new InternalError(`column ${i} of the block is not f64`);
    return a;
  }

  i32(i: number): Int32Array {
    const a = this.arrays[i];
    if (!(a instanceof Int32Array)) throw new InternalError(`column ${i} of the block is not i32`);
    return a;
  }

  u8(i: number): Uint8Array {
    const a = this.arrays[i];
    if (!(a instanceof Uint8Array)) throw new InternalError(`column ${i} of the block is not u8`);
    return a;
  }

  /** Copies rows [0, rows) of every column of `from` (same kinds) into this block. */
  copyRows(from: ColumnBlock, rows: number): void {
    for (let i = 0; i < this.arrays.length; i++) {
      const src = from.arrays[i];
      if (rows === src.length) this.arrays[i].set(src);
      else this.arrays[i].set(src.subarray(0, rows));
    }
  }
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

/**
 * The blocks of one row writer: the one being written (`current`), and free ones to reuse.
 * `lend()` detaches the current block for a finished batch; `give(block)` takes it back.
 */
export class ColumnBlocks {
  current: ColumnBlock;
  private readonly free: ColumnBlock[] = [];

  constructor(private readonly kinds: readonly ColumnKind[]) {
    this.current = new ColumnBlock(kinds, INITIAL_ROWS);
  }

  /** Starts a batch: the current block if it was not lent, else a free one (or a new one). */
  begin(lent: boolean): ColumnBlock {
    if (!lent) {
      if (this.current.capacity > MAX_RETAINED_ROWS) this.current = new ColumnBlock(this.kinds, INITIAL_ROWS);
      return this.current;
    }
    this.current = this.free.pop() ?? new ColumnBlock(this.kinds, INITIAL_ROWS);
    return this.current;
  }

  /** A block twice as large holding the first `rows` rows of the current one, which it replaces. */
  grow(rows: number): ColumnBlock {
    const next = new ColumnBlock(this.kinds, this.current.capacity * 2);
    next.copyRows(this.current, rows);
    this.current = next;
    return next;
  }

  /** Takes back a block lent to a batch whose rows nobody reads any more (not the current one). */
  give(block: ColumnBlock): void {
    if (block === this.current) throw new InternalError('the current column block cannot be given back');
    if (block.capacity > MAX_RETAINED_ROWS || this.free.length >= MAX_FREE_BLOCKS) return;
    if (this.free.includes(block)) throw new InternalError('a column block was given back twice');
    this.free.push(block);
  }
}

/** Validity for the first n rows: null when every row is valid, else a view. */
function validityOf(valid: Uint8Array | null, n: number): Uint8Array | null {
  if (valid === null) return null;
  for (let i = 0; i < n; i++) if (valid[i] === 0) return valid.subarray(0, n);
  return null;
}

export function float64Vector(type: 'float64' | 'int64', values: Float64Array, valid: Uint8Array | null, n: number): Vector {
  return { type, length: n, values: values.subarray(0, n), validity: validityOf(valid, n) };
}

export function booleanVector(values: Uint8Array, valid: Uint8Array | null, n: number): Vector {
  return { type: 'boolean', length: n, values: values.subarray(0, n), validity: validityOf(valid, n) };
}

export function timestampVector(ms: Float64Array, nanos: Int32Array, valid: Uint8Array | null, n: number): Vector {
  return { type: 'timestamp', length: n, ms: ms.subarray(0, n), nanos: nanos.subarray(0, n), validity: validityOf(valid, n) };
}

export function dictionaryVector(type: 'string' | 'json', codes: Int32Array, n: number, dict: readonly string[]): DictionaryVector {
  return { type, length: n, codes: codes.subarray(0, n), dict };
}

/** A column where every row holds the same string (tenant_id). */
export function constantStringVector(value: string, n: number): DictionaryVector {
  return { type: 'string', length: n, codes: new Int32Array(n), dict: [value] };
}

/** A finished batch and the block its columns view (give it back with the writer's `release`). */
export interface LentBatch {
  readonly batch: Batch;
  readonly block: ColumnBlock;
}

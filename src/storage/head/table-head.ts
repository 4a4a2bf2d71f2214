/**
 * The head of one table for one tenant within one generation: a list of append-only
 * chunks plus one append-only dictionary per string column. Appending copies the typed
 * arrays of the decoded batch into chunk storage and remaps dictionary codes per
 * distinct source value — never per-row string work. `tenant_id` is not copied from the
 * batch: every row of this head belongs to `tenant` by construction.
 */
import type { Batch, Schema, TableName } from '../../columnar/index.ts';
import { InternalError } from '../../common/index.ts';
import type { ChunkMemoryPool } from './chunk-memory.ts';
import { HeadChunk, hasValidity } from './head-chunk.ts';
import { HeadDictionary } from './head-dictionary.ts';

const FIRST_CHUNK_ROWS = 1024;
/** Largest chunk: ~10 MB for the metrics schema; bigger chunks would stall the event loop on allocation. */
const MAX_CHUNK_ROWS = 64 * 1024;

/**
 * Columns whose values are unique per row: their head dictionaries do not deduplicate
 * (see head-dictionary.ts). Histogram bucket texts change with every export. (Span ids
 * were tried too: no gain measured with the bench's resent requests, whose ids repeat.)
 */
const UNIQUE_PER_ROW: ReadonlySet<string> = new Set(['metrics.buckets']);

/** Rows of the head's `index`-th chunk: doubling from 1024 to 65536, then flat. */
export function chunkCapacity(index: number): number {
  // Multiplication, not shifts: `1024 << 22` overflows int32.
  return Math.min(MAX_CHUNK_ROWS, FIRST_CHUNK_ROWS * 2 ** Math.min(index, 16));
}

/** What a snapshot captures of one head: every chunk before `chunkCount - 1` is full. */
export interface TableHeadView {
  readonly head: TableHead;
  readonly chunkCount: number;
  readonly lastLength: number;
  readonly rows: number;
}

export class TableHead {
  readonly chunks: HeadChunk[] = [];
  /** One dictionary per column (null for non-string columns). */
  readonly dicts: (HeadDictionary | null)[];
  rows = 0;
  /**
   * True once a snapshot viewed this head: from then on query results may view its chunk
   * memory for as long as they live, so it is never recycled (see chunk-memory.ts).
   */
  exposed = false;
  private readonly tenantColumn: number;
  private readonly timestampColumn: number;
  private readonly tenantCode: number;

  constructor(
    readonly table: TableName,
    readonly tenant: string,
    readonly schema: Schema,
    /** The generation this head belongs to (dictionary ids derive from it). */
    readonly generationId = 0,
    private readonly memory: ChunkMemoryPool | null = null,
  ) {
    this.dicts = schema.fields.map((f) => (f.type === 'string' || f.type === 'json' ? new HeadDictionary(!UNIQUE_PER_ROW.has(`${table}.${f.name}`)) : null));
    this.tenantColumn = schema.fields.findIndex((f) => f.name === 'tenant_id');
    this.timestampColumn = schema.fields.findIndex((f) => f.name === 'timestamp');
    if (this.tenantColumn < 0 || this.timestampColumn < 0) throw new InternalError(`table ${table} lacks tenant_id or timestamp`);
    const tenantDict = this.dicts[this.tenantColumn];
    if (tenantDict === null) throw new InternalError('tenant_id must be a string column');
    this.tenantCode = tenantDict.intern(tenant);
  }

  /** Process-unique id of column `c`'s dictionary, for incremental transfer to workers. */
  dictionaryId(c: number): string {
    return `${this.generationId}:${this.table}:${c}:${this.tenant}`;
  }

  /** Approximate bytes held: chunk storage plus dictionaries. */
  get bytes(): number {
    let n = 0;
    for (const c of this.chunks) n += c.bytes;
    for (const d of this.dicts) if (d !== null) n += d.bytes;
    return n;
  }

  /** Copies every row of `batch` (full table schema) into the head. */
  append(batch: Batch): void {
    this.checkBatch(batch);
    let done = 0;
    while (done < batch.length) {
      let chunk = this.chunks.at(-1);
      if (chunk === undefined || chunk.free === 0) {
        chunk = new HeadChunk(this.schema, chunkCapacity(this.chunks.length), this.memory);
        this.chunks.push(chunk);
      }
      const n = Math.min(chunk.free, batch.length - done);
      this.copyRows(batch, done, chunk, n);
      // Publish the rows only after every column holds them.
      chunk.length += n;
      this.rows += n;
      done += n;
    }
  }

  /** The view a snapshot keeps: rows visible now, and only those, forever. */
  view(): TableHeadView {
    this.exposed = true;
    const last = this.chunks.at(-1);
    return { head: this, chunkCount: this.chunks.length, lastLength: last?.length ?? 0, rows: this.rows };
  }

  /** After a flush published this head's rows: recycles its chunk memory unless a snapshot ever saw it. */
  recycleInto(pool: ChunkMemoryPool): void {
    if (this.exposed) return;
    for (const c of this.chunks) c.recycleInto(pool);
  }

  private copyRows(batch: Batch, from: number, chunk: HeadChunk, n: number): void {
    const at = chunk.length;
    for (let c = 0; c < batch.columns.length; c++) {
      const src = batch.columns[c];
      const dst = chunk.columns[c];
      if (c === this.tenantColumn) {
        if (dst.type !== 'string') throw new InternalError('tenant_id must be a string column');
        dst.codes.fill(this.tenantCode, at, at + n);
        continue;
      }
      switch (src.type) {
        case 'string':
        case 'json': {
          if (dst.type !== 'string' && dst.type !== 'json') throw new InternalError('column type changed');
          const dict = this.dicts[c];
          if (dict === null) throw new InternalError('missing head dictionary');
          dict.copyCodes(src.codes, from, src.dict, dst.codes, at, n);
          break;
        }
        case 'timestamp': {
          if (dst.type !== 'timestamp') throw new InternalError('column type changed');
          copyRange(src.ms, from, n, dst.ms, at);
          copyRange(src.nanos, from, n, dst.nanos, at);
          copyValidity(src.validity, from, chunk, c, at, n);
          if (c === this.timestampColumn) {
            let lo = chunk.minMs;
            let hi = chunk.maxMs;
            for (let i = from; i < from + n; i++) {
              const ms = src.ms[i];
              if (ms < lo) lo = ms;
              if (ms > hi) hi = ms;
            }
            chunk.minMs = lo;
            chunk.maxMs = hi;
          }
          break;
        }
        case 'boolean':
        case 'int64':
        case 'float64': {
          if (dst.type !== src.type) throw new InternalError('column type changed');
          if (src.type === 'boolean') {
            if (dst.type !== 'boolean') throw new InternalError('column type changed');
            copyRange(src.values, from, n, dst.values, at);
          } else {
            if (dst.type !== 'int64' && dst.type !== 'float64') throw new InternalError('column type changed');
            copyRange(src.values, from, n, dst.values, at);
          }
          copyValidity(src.validity, from, chunk, c, at, n);
          break;
        }
      }
    }
  }

  private checkBatch(batch: Batch): void {
    const fields = this.schema.fields;
    if (batch.columns.length !== fields.length) {
      throw new InternalError(`${this.table} batch has ${batch.columns.length} columns, table has ${fields.length}`);
    }
    for (let c = 0; c < fields.length; c++) {
      const v = batch.columns[c];
      if (v.type !== fields[c].type || v.length !== batch.length) {
        throw new InternalError(`${this.table} batch column ${fields[c].name} is ${v.type}×${v.length}, expected ${fields[c].type}×${batch.length}`);
      }
    }
  }
}

function copyValidity(src: Uint8Array | null, from: number, chunk: HeadChunk, c: number, at: number, n: number): void {
  if (src === null) return;
  const col = chunk.columns[c];
  if (!hasValidity(col)) return;
  if (col.validity === null) {
    let anyNull = false;
    for (let i = from; i < from + n; i++) {
      if (src[i] === 0) {
        anyNull = true;
        break;
      }
    }
    if (!anyNull) return;
  }
  copyRange(src, from, n, chunk.validityOf(c), at);
}

/**
 * `dst[at, at + n) = src[from, from + n)`. The whole-array case (a batch that fits the
 * chunk: the usual one) passes `src` itself: `subarray` on a small decoder array would
 * make the engine materialise its buffer, a copy plus an allocation per column.
 */
function copyRange<T extends Float64Array | Int32Array | Uint8Array>(src: T, from: number, n: number, dst: T, at: number): void {
  if (from === 0 && n === src.length) dst.set(src, at);
  else dst.set(src.subarray(from, from + n), at);
}

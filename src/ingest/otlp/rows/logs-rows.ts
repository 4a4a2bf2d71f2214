/**
 * Column buffers for the `logs` table (one row per log record), written by both
 * decoders. Resource and scope columns are filled over row ranges (see metrics-rows.ts).
 */
import { LOGS_SCHEMA, makeBatch, type Batch } from '../../../columnar/index.ts';
import { BatchHexIdDictionary, BatchUtf8Dictionary, type StringPool } from '../wire/index.ts';
import {
  ColumnBlocks,
  constantStringVector,
  dictionaryVector,
  float64Vector,
  timestampVector,
  type ColumnBlock,
  type ColumnKind,
  type LentBatch,
} from './column-buffers.ts';

/** Element types of the columns below, in declaration order (see bind()). */
const LOGS_COLUMN_KINDS: readonly ColumnKind[] = ['f64', 'i32', 'f64', 'i32', 'u8', 'f64', 'i32', 'i32', 'i32', 'i32', 'i32', 'f64', 'i32', 'i32', 'i32', 'i32', 'i32'];

export class LogsRows {
  length = 0;
  private readonly blocks = new ColumnBlocks(LOGS_COLUMN_KINDS);
  private block: ColumnBlock;
  /** True once finish() lent the current block to a batch. */
  private lent = false;
  tsMs: Float64Array = new Float64Array(0);
  tsNanos: Int32Array = new Int32Array(0);
  observedMs: Float64Array = new Float64Array(0);
  observedNanos: Int32Array = new Int32Array(0);
  observedValid: Uint8Array = new Uint8Array(0);
  severity: Float64Array = new Float64Array(0);
  severityText: Int32Array = new Int32Array(0);
  body: Int32Array = new Int32Array(0);
  eventName: Int32Array = new Int32Array(0);
  traceId: Int32Array = new Int32Array(0);
  spanId: Int32Array = new Int32Array(0);
  flags: Float64Array = new Float64Array(0);
  service: Int32Array = new Int32Array(0);
  attributes: Int32Array = new Int32Array(0);
  resource: Int32Array = new Int32Array(0);
  scopeName: Int32Array = new Int32Array(0);
  scopeVersion: Int32Array = new Int32Array(0);

  /** Bodies, keyed by their AnyValue bytes (protobuf) or by text (JSON). */
  readonly bodies = new BatchUtf8Dictionary();
  /** Ids are usually unique per record: not deduplicated here (see BatchBytesDictionary). */
  readonly traceIds = new BatchHexIdDictionary(false);
  readonly spanIds = new BatchHexIdDictionary(false);

  /** Pooled columns (names, units, services, attributes, resources, scopes...) hold StringPool ids and use the pool's strings as their dictionary. */
  constructor(private readonly pool: StringPool) {
    this.block = this.blocks.current;
    this.bind(this.block);
  }

  begin(): void {
    this.length = 0;
    this.bind(this.blocks.begin(this.lent));
    this.lent = false;
    this.bodies.begin();
    this.traceIds.begin();
    this.spanIds.begin();
  }

  /** Makes room for one more row and returns its index (the caller sets it, then `length++`). */
  next(): number {
    if (this.length === this.block.capacity) this.bind(this.blocks.grow(this.length));
    return this.length;
  }

  fillScope(from: number, nameId: number, versionId: number): void {
    this.scopeName.fill(nameId, from, this.length);
    this.scopeVersion.fill(versionId, from, this.length);
  }

  fillResource(from: number, serviceId: number, resourceId: number): void {
    this.service.fill(serviceId, from, this.length);
    this.resource.fill(resourceId, from, this.length);
  }

  finish(tenant: string): LentBatch {
    const n = this.length;
    this.lent = true;
    const spanIds = this.spanIds.finish();
    const batch = makeBatch(LOGS_SCHEMA, [
      constantStringVector(tenant, n),
      timestampVector(this.tsMs, this.tsNanos, null, n),
      timestampVector(this.observedMs, this.observedNanos, this.observedValid, n),
      float64Vector('int64', this.severity, null, n),
      dictionaryVector('string', this.severityText, n, this.pool.strings),
      dictionaryVector('string', this.body, n, this.bodies.finish()),
      dictionaryVector('string', this.eventName, n, this.pool.strings),
      dictionaryVector('string', this.traceId, n, this.traceIds.finish()),
      dictionaryVector('string', this.spanId, n, spanIds),
      float64Vector('int64', this.flags, null, n),
      dictionaryVector('string', this.service, n, this.pool.strings),
      dictionaryVector('json', this.attributes, n, this.pool.strings),
      dictionaryVector('json', this.resource, n, this.pool.strings),
      dictionaryVector('string', this.scopeName, n, this.pool.strings),
      dictionaryVector('string', this.scopeVersion, n, this.pool.strings),
    ]);
    return { batch, block: this.block };
  }

  /** Takes back the block of a batch returned by finish() once nothing reads its rows. */
  release(block: ColumnBlock): void {
    if (block === this.block) this.lent = false; // still the current block: the next batch reuses it
    else this.blocks.give(block);
  }

  private bind(block: ColumnBlock): void {
    this.block = block;
    this.tsMs = block.f64(0);
    this.tsNanos = block.i32(1);
    this.observedMs = block.f64(2);
    this.observedNanos = block.i32(3);
    this.observedValid = block.u8(4);
    this.severity = block.f64(5);
    this.severityText = block.i32(6);
    this.body = block.i32(7);
    this.eventName = block.i32(8);
    this.traceId = block.i32(9);
    this.spanId = block.i32(10);
    this.flags = block.f64(11);
    this.service = block.i32(12);
    this.attributes = block.i32(13);
    this.resource = block.i32(14);
    this.scopeName = block.i32(15);
    this.scopeVersion = block.i32(16);
  }
}

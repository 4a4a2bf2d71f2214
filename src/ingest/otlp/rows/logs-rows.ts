/**
 * Column buffers for the `logs` table (one row per log record), written by both
 * decoders. Resource and scope columns are filled over row ranges (see metrics-rows.ts).
 */
import { LOGS_SCHEMA, makeBatch, type Batch } from '../../../columnar/index.ts';
import { BatchHexIdDictionary, BatchUtf8Dictionary, type StringPool } from '../wire/index.ts';
import {
  constantStringVector,
  dictionaryVector,
  float64Vector,
  timestampVector,
  type ColumnBlock,
  type ColumnKind,
  type LentBatch,
} from './column-buffers.ts';
import { SignalRows } from './signal-rows.ts';

/** Element types of the columns below, in declaration order (see bind()). */
const LOGS_COLUMN_KINDS: readonly ColumnKind[] = ['f64', 'i32', 'f64', 'i32', 'u8', 'f64', 'i32', 'i32', 'i32', 'i32', 'i32', 'f64', 'i32', 'i32', 'i32', 'i32', 'i32'];

export class LogsRows extends SignalRows {
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

  /** Bodies, keyed by their AnyValue bytes (protobuf) or by text (JSON). */
  readonly bodies = new BatchUtf8Dictionary();
  /** Ids are usually unique per record: not deduplicated here (see BatchBytesDictionary). */
  readonly traceIds = new BatchHexIdDictionary(false);
  readonly spanIds = new BatchHexIdDictionary(false);

  constructor(pool: StringPool) {
    super(LOGS_COLUMN_KINDS, pool);
    this.bind(this.block);
  }

  protected beginDictionaries(): void {
    this.bodies.begin();
    this.traceIds.begin();
    this.spanIds.begin();
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

  protected bind(block: ColumnBlock): void {
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

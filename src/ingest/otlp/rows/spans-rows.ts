/**
 * Column buffers for the `spans` table (one row per span), written by both decoders.
 * Resource and scope columns are filled over row ranges (see metrics-rows.ts).
 */
import { makeBatch, SPANS_SCHEMA, type Batch } from '../../../columnar/index.ts';
import { BatchBytesDictionary, BatchHexIdDictionary, BatchStringDictionary, decodeUtf8, type StringPool } from '../wire/index.ts';
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

/** Dictionary of the `kind` column, indexed by the OTLP SpanKind value. */
export const SPAN_KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const;
/** Dictionary of the `status_code` column, indexed by the OTLP StatusCode value. */
export const STATUS_CODES = ['UNSET', 'OK', 'ERROR'] as const;

/** Element types of the columns below, in declaration order (see bind()). */
const SPANS_COLUMN_KINDS: readonly ColumnKind[] = ['f64', 'i32', 'f64', 'i32', 'f64', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'f64'];

export class SpansRows extends SignalRows {
  tsMs: Float64Array = new Float64Array(0);
  tsNanos: Int32Array = new Int32Array(0);
  endMs: Float64Array = new Float64Array(0);
  endNanos: Int32Array = new Int32Array(0);
  duration: Float64Array = new Float64Array(0);
  traceId: Int32Array = new Int32Array(0);
  spanId: Int32Array = new Int32Array(0);
  parentSpanId: Int32Array = new Int32Array(0);
  traceState: Int32Array = new Int32Array(0);
  name: Int32Array = new Int32Array(0);
  kind: Int32Array = new Int32Array(0);
  statusCode: Int32Array = new Int32Array(0);
  statusMessage: Int32Array = new Int32Array(0);
  events: Int32Array = new Int32Array(0);
  links: Int32Array = new Int32Array(0);
  flags: Float64Array = new Float64Array(0);

  readonly traceIds = new BatchHexIdDictionary();
  /** Span ids (unique per row) and parent span ids share one dictionary, not deduplicated (see BatchBytesDictionary). */
  readonly spanIds = new BatchHexIdDictionary(false);
  readonly traceStates = new BatchBytesDictionary(decodeUtf8);
  readonly statusMessages = new BatchBytesDictionary(decodeUtf8);
  readonly eventDict = new BatchStringDictionary();
  readonly linkDict = new BatchStringDictionary();

  constructor(pool: StringPool) {
    super(SPANS_COLUMN_KINDS, pool);
    this.bind(this.block);
  }

  protected beginDictionaries(): void {
    this.traceIds.begin();
    this.spanIds.begin();
    this.traceStates.begin();
    this.statusMessages.begin();
    this.eventDict.begin();
    this.linkDict.begin();
  }

  finish(tenant: string): LentBatch {
    const n = this.length;
    this.lent = true;
    const spanIds = this.spanIds.finish();
    const batch = makeBatch(SPANS_SCHEMA, [
      constantStringVector(tenant, n),
      timestampVector(this.tsMs, this.tsNanos, null, n),
      timestampVector(this.endMs, this.endNanos, null, n),
      float64Vector('int64', this.duration, null, n),
      dictionaryVector('string', this.traceId, n, this.traceIds.finish()),
      dictionaryVector('string', this.spanId, n, spanIds),
      dictionaryVector('string', this.parentSpanId, n, spanIds),
      dictionaryVector('string', this.traceState, n, this.traceStates.dict),
      dictionaryVector('string', this.name, n, this.pool.strings),
      dictionaryVector('string', this.kind, n, SPAN_KINDS),
      dictionaryVector('string', this.statusCode, n, STATUS_CODES),
      dictionaryVector('string', this.statusMessage, n, this.statusMessages.dict),
      dictionaryVector('string', this.service, n, this.pool.strings),
      dictionaryVector('json', this.attributes, n, this.pool.strings),
      dictionaryVector('json', this.resource, n, this.pool.strings),
      dictionaryVector('string', this.scopeName, n, this.pool.strings),
      dictionaryVector('string', this.scopeVersion, n, this.pool.strings),
      dictionaryVector('json', this.events, n, this.eventDict.dict),
      dictionaryVector('json', this.links, n, this.linkDict.dict),
      float64Vector('int64', this.flags, null, n),
    ]);
    return { batch, block: this.block };
  }

  protected bind(block: ColumnBlock): void {
    this.block = block;
    this.tsMs = block.f64(0);
    this.tsNanos = block.i32(1);
    this.endMs = block.f64(2);
    this.endNanos = block.i32(3);
    this.duration = block.f64(4);
    this.traceId = block.i32(5);
    this.spanId = block.i32(6);
    this.parentSpanId = block.i32(7);
    this.traceState = block.i32(8);
    this.name = block.i32(9);
    this.kind = block.i32(10);
    this.statusCode = block.i32(11);
    this.statusMessage = block.i32(12);
    this.service = block.i32(13);
    this.attributes = block.i32(14);
    this.resource = block.i32(15);
    this.scopeName = block.i32(16);
    this.scopeVersion = block.i32(17);
    this.events = block.i32(18);
    this.links = block.i32(19);
    this.flags = block.f64(20);
  }
}

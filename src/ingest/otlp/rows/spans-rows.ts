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
  growF64,
  growI32,
  INITIAL_ROWS,
  MAX_RETAINED_ROWS,
  timestampVector,
} from './column-buffers.ts';

/** Dictionary of the `kind` column, indexed by the OTLP SpanKind value. */
export const SPAN_KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const;
/** Dictionary of the `status_code` column, indexed by the OTLP StatusCode value. */
export const STATUS_CODES = ['UNSET', 'OK', 'ERROR'] as const;

export class SpansRows {
  length = 0;
  private capacity = 0;
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
  service: Int32Array = new Int32Array(0);
  attributes: Int32Array = new Int32Array(0);
  resource: Int32Array = new Int32Array(0);
  scopeName: Int32Array = new Int32Array(0);
  scopeVersion: Int32Array = new Int32Array(0);
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

  /** Pooled columns (names, units, services, attributes, resources, scopes...) hold StringPool ids and use the pool's strings as their dictionary. */
  constructor(private readonly pool: StringPool) {
    this.grow(INITIAL_ROWS);
  }

  begin(): void {
    this.length = 0;
    if (this.capacity > MAX_RETAINED_ROWS) this.grow(INITIAL_ROWS);
    this.traceIds.begin();
    this.spanIds.begin();
    this.traceStates.begin();
    this.statusMessages.begin();
    this.eventDict.begin();
    this.linkDict.begin();
  }

  /** Makes room for one more row and returns its index (the caller sets it, then `length++`). */
  next(): number {
    if (this.length === this.capacity) this.grow(this.capacity * 2);
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

  finish(tenant: string): Batch {
    const n = this.length;
    const spanIds = this.spanIds.finish();
    return makeBatch(SPANS_SCHEMA, [
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
  }

  private grow(cap: number): void {
    this.capacity = cap;
    this.tsMs = growF64(this.tsMs, cap);
    this.tsNanos = growI32(this.tsNanos, cap);
    this.endMs = growF64(this.endMs, cap);
    this.endNanos = growI32(this.endNanos, cap);
    this.duration = growF64(this.duration, cap);
    this.traceId = growI32(this.traceId, cap);
    this.spanId = growI32(this.spanId, cap);
    this.parentSpanId = growI32(this.parentSpanId, cap);
    this.traceState = growI32(this.traceState, cap);
    this.name = growI32(this.name, cap);
    this.kind = growI32(this.kind, cap);
    this.statusCode = growI32(this.statusCode, cap);
    this.statusMessage = growI32(this.statusMessage, cap);
    this.service = growI32(this.service, cap);
    this.attributes = growI32(this.attributes, cap);
    this.resource = growI32(this.resource, cap);
    this.scopeName = growI32(this.scopeName, cap);
    this.scopeVersion = growI32(this.scopeVersion, cap);
    this.events = growI32(this.events, cap);
    this.links = growI32(this.links, cap);
    this.flags = growF64(this.flags, cap);
  }
}

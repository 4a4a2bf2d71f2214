/**
 * Column buffers for the `logs` table (one row per log record), written by both
 * decoders. Resource and scope columns are filled over row ranges (see metrics-rows.ts).
 */
import { LOGS_SCHEMA, makeBatch, type Batch } from '../../../columnar/index.ts';
import { BatchBytesDictionary, BatchHexIdDictionary, decodeUtf8, type StringPool } from '../wire/index.ts';
import {
  constantStringVector,
  dictionaryVector,
  float64Vector,
  growF64,
  growI32,
  growU8,
  INITIAL_ROWS,
  MAX_RETAINED_ROWS,
  timestampVector,
} from './column-buffers.ts';

export class LogsRows {
  length = 0;
  private capacity = 0;
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
  readonly bodies = new BatchBytesDictionary(decodeUtf8);
  /** Ids are usually unique per record: not deduplicated here (see BatchBytesDictionary). */
  readonly traceIds = new BatchHexIdDictionary(false);
  readonly spanIds = new BatchHexIdDictionary(false);

  /** Pooled columns (names, units, services, attributes, resources, scopes...) hold StringPool ids and use the pool's strings as their dictionary. */
  constructor(private readonly pool: StringPool) {
    this.grow(INITIAL_ROWS);
  }

  begin(): void {
    this.length = 0;
    if (this.capacity > MAX_RETAINED_ROWS) this.grow(INITIAL_ROWS);
    this.bodies.begin();
    this.traceIds.begin();
    this.spanIds.begin();
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
    return makeBatch(LOGS_SCHEMA, [
      constantStringVector(tenant, n),
      timestampVector(this.tsMs, this.tsNanos, null, n),
      timestampVector(this.observedMs, this.observedNanos, this.observedValid, n),
      float64Vector('int64', this.severity, null, n),
      dictionaryVector('string', this.severityText, n, this.pool.strings),
      dictionaryVector('string', this.body, n, this.bodies.dict),
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
  }

  private grow(cap: number): void {
    this.capacity = cap;
    this.tsMs = growF64(this.tsMs, cap);
    this.tsNanos = growI32(this.tsNanos, cap);
    this.observedMs = growF64(this.observedMs, cap);
    this.observedNanos = growI32(this.observedNanos, cap);
    this.observedValid = growU8(this.observedValid, cap);
    this.severity = growF64(this.severity, cap);
    this.severityText = growI32(this.severityText, cap);
    this.body = growI32(this.body, cap);
    this.eventName = growI32(this.eventName, cap);
    this.traceId = growI32(this.traceId, cap);
    this.spanId = growI32(this.spanId, cap);
    this.flags = growF64(this.flags, cap);
    this.service = growI32(this.service, cap);
    this.attributes = growI32(this.attributes, cap);
    this.resource = growI32(this.resource, cap);
    this.scopeName = growI32(this.scopeName, cap);
    this.scopeVersion = growI32(this.scopeVersion, cap);
  }
}

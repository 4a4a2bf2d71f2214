/**
 * Column buffers for the `metrics` table (one row per data point), written by both the
 * protobuf and the JSON decoder. Per-point columns are set as each point is accepted;
 * per-metric/scope/resource columns are filled over row ranges once the enclosing
 * message has been read (protobuf allows its fields in any order).
 */
import { makeBatch, METRICS_SCHEMA, type Batch } from '../../../columnar/index.ts';
import { AsciiTextArena, type StringPool } from '../wire/index.ts';
import {
  booleanVector,
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

/** Codes of the `type` column; its dictionary is always METRIC_TYPES. */
export const METRIC_TYPES = ['gauge', 'sum', 'histogram', 'exponential_histogram', 'summary'] as const;
export const TYPE_GAUGE = 0;
export const TYPE_SUM = 1;
export const TYPE_HISTOGRAM = 2;
export const TYPE_EXP_HISTOGRAM = 3;
export const TYPE_SUMMARY = 4;

/** Codes of the `temporality` column (OTLP enum value - 1; -1 = null). */
export const TEMPORALITIES = ['delta', 'cumulative'] as const;

export class MetricsRows {
  length = 0;
  private capacity = 0;
  tsMs: Float64Array = new Float64Array(0);
  tsNanos: Int32Array = new Int32Array(0);
  startMs: Float64Array = new Float64Array(0);
  startNanos: Int32Array = new Int32Array(0);
  startValid: Uint8Array = new Uint8Array(0);
  name: Int32Array = new Int32Array(0);
  type: Int32Array = new Int32Array(0);
  unit: Int32Array = new Int32Array(0);
  temporality: Int32Array = new Int32Array(0);
  mono: Uint8Array = new Uint8Array(0);
  monoValid: Uint8Array = new Uint8Array(0);
  value: Float64Array = new Float64Array(0);
  valueValid: Uint8Array = new Uint8Array(0);
  count: Float64Array = new Float64Array(0);
  countValid: Uint8Array = new Uint8Array(0);
  sum: Float64Array = new Float64Array(0);
  sumValid: Uint8Array = new Uint8Array(0);
  min: Float64Array = new Float64Array(0);
  minValid: Uint8Array = new Uint8Array(0);
  max: Float64Array = new Float64Array(0);
  maxValid: Uint8Array = new Uint8Array(0);
  buckets: Int32Array = new Int32Array(0);
  flags: Float64Array = new Float64Array(0);
  service: Int32Array = new Int32Array(0);
  attributes: Int32Array = new Int32Array(0);
  resource: Int32Array = new Int32Array(0);
  scopeName: Int32Array = new Int32Array(0);
  scopeVersion: Int32Array = new Int32Array(0);

  /** `buckets` JSON, unique per point: written as bytes, one string per batch (see AsciiTextArena). */
  readonly bucketText = new AsciiTextArena();

  /** Pooled columns (names, units, services, attributes, resources, scopes...) hold StringPool ids and use the pool's strings as their dictionary. */
  constructor(private readonly pool: StringPool) {
    this.grow(INITIAL_ROWS);
  }

  /** Starts a new batch. */
  begin(): void {
    this.length = 0;
    if (this.capacity > MAX_RETAINED_ROWS) this.grow(INITIAL_ROWS);
    this.bucketText.begin();
  }

  /** Makes room for one more row; returns its index (the caller sets its per-point columns, then `length++`). */
  next(): number {
    if (this.length === this.capacity) this.grow(this.capacity * 2);
    return this.length;
  }

  /** Fills the per-metric columns of rows [from, length) (pool ids; -1 = null unit). */
  fillMetric(from: number, nameId: number, unitId: number): void {
    this.name.fill(nameId, from, this.length);
    this.unit.fill(unitId, from, this.length);
  }

  /** Fills the columns set by the data message (gauge, sum, ...) of rows [from, length). */
  fillData(from: number, typeCode: number, temporalityCode: number, monotonic: number): void {
    const to = this.length;
    this.type.fill(typeCode, from, to);
    this.temporality.fill(temporalityCode, from, to);
    if (monotonic < 0) this.monoValid.fill(0, from, to);
    else {
      this.mono.fill(monotonic, from, to);
      this.monoValid.fill(1, from, to);
    }
  }

  /** Fills the scope columns of rows [from, length). */
  fillScope(from: number, nameId: number, versionId: number): void {
    this.scopeName.fill(nameId, from, this.length);
    this.scopeVersion.fill(versionId, from, this.length);
  }

  /** Fills the resource columns of rows [from, length). */
  fillResource(from: number, serviceId: number, resourceId: number): void {
    this.service.fill(serviceId, from, this.length);
    this.resource.fill(resourceId, from, this.length);
  }

  /** The rows written since `begin()` as a batch of the full metrics schema. */
  finish(tenant: string): Batch {
    const n = this.length;
    return makeBatch(METRICS_SCHEMA, [
      constantStringVector(tenant, n),
      timestampVector(this.tsMs, this.tsNanos, null, n),
      timestampVector(this.startMs, this.startNanos, this.startValid, n),
      dictionaryVector('string', this.name, n, this.pool.strings),
      dictionaryVector('string', this.type, n, METRIC_TYPES),
      dictionaryVector('string', this.unit, n, this.pool.strings),
      dictionaryVector('string', this.temporality, n, TEMPORALITIES),
      booleanVector(this.mono, this.monoValid, n),
      float64Vector('float64', this.value, this.valueValid, n),
      float64Vector('int64', this.count, this.countValid, n),
      float64Vector('float64', this.sum, this.sumValid, n),
      float64Vector('float64', this.min, this.minValid, n),
      float64Vector('float64', this.max, this.maxValid, n),
      dictionaryVector('json', this.buckets, n, this.bucketText.finish()),
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
    this.startMs = growF64(this.startMs, cap);
    this.startNanos = growI32(this.startNanos, cap);
    this.startValid = growU8(this.startValid, cap);
    this.name = growI32(this.name, cap);
    this.type = growI32(this.type, cap);
    this.unit = growI32(this.unit, cap);
    this.temporality = growI32(this.temporality, cap);
    this.mono = growU8(this.mono, cap);
    this.monoValid = growU8(this.monoValid, cap);
    this.value = growF64(this.value, cap);
    this.valueValid = growU8(this.valueValid, cap);
    this.count = growF64(this.count, cap);
    this.countValid = growU8(this.countValid, cap);
    this.sum = growF64(this.sum, cap);
    this.sumValid = growU8(this.sumValid, cap);
    this.min = growF64(this.min, cap);
    this.minValid = growU8(this.minValid, cap);
    this.max = growF64(this.max, cap);
    this.maxValid = growU8(this.maxValid, cap);
    this.buckets = growI32(this.buckets, cap);
    this.flags = growF64(this.flags, cap);
    this.service = growI32(this.service, cap);
    this.attributes = growI32(this.attributes, cap);
    this.resource = growI32(this.resource, cap);
    this.scopeName = growI32(this.scopeName, cap);
    this.scopeVersion = growI32(this.scopeVersion, cap);
  }
}

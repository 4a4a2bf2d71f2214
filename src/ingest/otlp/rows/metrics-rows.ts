/**
 * Column buffers for the `metrics` table (one row per data point), written by both the
 * protobuf and the JSON decoder. Per-point columns are set as each point is accepted;
 * per-metric/scope/resource columns are filled over row ranges once the enclosing
 * message has been read (protobuf allows its fields in any order).
 */
import { makeBatch, METRICS_SCHEMA, type Batch } from '../../../columnar/index.ts';
import { AsciiTextArena, type StringPool } from '../wire/index.ts';
import {
  constantStringVector,
  dictionaryVector,
  float64Vector,
  booleanVector,
  timestampVector,
  type ColumnBlock,
  type ColumnKind,
  type LentBatch,
} from './column-buffers.ts';
import { SignalRows } from './signal-rows.ts';

/** Codes of the `type` column; its dictionary is always METRIC_TYPES. */
export const METRIC_TYPES = ['gauge', 'sum', 'histogram', 'exponential_histogram', 'summary'] as const;
export const TYPE_GAUGE = 0;
export const TYPE_SUM = 1;
export const TYPE_HISTOGRAM = 2;
export const TYPE_EXP_HISTOGRAM = 3;
export const TYPE_SUMMARY = 4;

/** Codes of the `temporality` column (OTLP enum value - 1; -1 = null). */
export const TEMPORALITIES = ['delta', 'cumulative'] as const;

/** Element types of the columns below, in declaration order (see bind()). */
const METRICS_COLUMN_KINDS: readonly ColumnKind[] = ['f64', 'i32', 'f64', 'i32', 'u8', 'i32', 'i32', 'i32', 'i32', 'u8', 'u8', 'f64', 'u8', 'f64', 'u8', 'f64', 'u8', 'f64', 'u8', 'f64', 'u8', 'i32', 'f64', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'];

export class MetricsRows extends SignalRows {
  tsMs: Float64Array = new Float64Array(0);
  tsNanos: Int32Array = new Int32Array(0);
  startMs: Float64Array = new Float64Array(0);
  startNanos: Int32Array = new Int32Array(0);
  startValid: Uint8Array = new Uint8Array(0);
  name: Int32Array = new Int32Array(0);
  type: Int32Array = new Int32Array(0);
  unit: Int32Array = new Int32Array(0);
  description: Int32Array = new Int32Array(0);
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

  /** `buckets` JSON, unique per point: written as bytes, one string per batch (see AsciiTextArena). */
  readonly bucketText = new AsciiTextArena();

  constructor(pool: StringPool) {
    super(METRICS_COLUMN_KINDS, pool);
    this.bind(this.block);
  }

  protected beginDictionaries(): void {
    this.bucketText.begin();
  }

  /** Fills the per-metric columns of rows [from, length) (pool ids; -1 = null unit / description). */
  fillMetric(from: number, nameId: number, unitId: number, descriptionId: number): void {
    this.name.fill(nameId, from, this.length);
    this.unit.fill(unitId, from, this.length);
    this.description.fill(descriptionId, from, this.length);
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

  /** The rows written since `begin()` as a batch of the full metrics schema. */
  finish(tenant: string): LentBatch {
    const n = this.length;
    this.lent = true;
    const batch = makeBatch(METRICS_SCHEMA, [
      constantStringVector(tenant, n),
      timestampVector(this.tsMs, this.tsNanos, null, n),
      timestampVector(this.startMs, this.startNanos, this.startValid, n),
      dictionaryVector('string', this.name, n, this.pool.strings),
      dictionaryVector('string', this.type, n, METRIC_TYPES),
      dictionaryVector('string', this.unit, n, this.pool.strings),
      dictionaryVector('string', this.description, n, this.pool.strings),
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
    return { batch, block: this.block };
  }

  protected bind(block: ColumnBlock): void {
    this.block = block;
    this.tsMs = block.f64(0);
    this.tsNanos = block.i32(1);
    this.startMs = block.f64(2);
    this.startNanos = block.i32(3);
    this.startValid = block.u8(4);
    this.name = block.i32(5);
    this.type = block.i32(6);
    this.unit = block.i32(7);
    this.temporality = block.i32(8);
    this.mono = block.u8(9);
    this.monoValid = block.u8(10);
    this.value = block.f64(11);
    this.valueValid = block.u8(12);
    this.count = block.f64(13);
    this.countValid = block.u8(14);
    this.sum = block.f64(15);
    this.sumValid = block.u8(16);
    this.min = block.f64(17);
    this.minValid = block.u8(18);
    this.max = block.f64(19);
    this.maxValid = block.u8(20);
    this.buckets = block.i32(21);
    this.flags = block.f64(22);
    this.service = block.i32(23);
    this.attributes = block.i32(24);
    this.resource = block.i32(25);
    this.scopeName = block.i32(26);
    this.scopeVersion = block.i32(27);
    this.description = block.i32(28);
  }
}

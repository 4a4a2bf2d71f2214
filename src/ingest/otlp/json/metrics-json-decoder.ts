/**
 * ExportMetricsServiceRequest in OTLP/JSON → MetricsRows, producing exactly the rows the
 * protobuf decoder produces for the same data (same canonical JSON, same bucket text,
 * same validation).
 */
import {
  appendListItem,
  EMPTY_EXPONENTIAL_SIDE,
  exponentialBucketsJson,
  exponentialSideJson,
  histogramBucketsJson,
  quantileJson,
  summaryBucketsJson,
} from '../bucket-json.ts';
import { formatPlainDouble } from '../canonical-json.ts';
import { windowMessage, type DecodeContext } from '../decode-context.ts';
import { REJECT_METRIC_NAME, REJECT_TIMESTAMP, type RejectionTally } from '../rejection-tally.ts';
import {
  TYPE_EXP_HISTOGRAM,
  TYPE_GAUGE,
  TYPE_HISTOGRAM,
  TYPE_SUM,
  TYPE_SUMMARY,
  type MetricsRows,
} from '../rows/index.ts';
import type { StringPool } from '../wire/index.ts';
import { attributesOf } from './any-value-json.ts';
import { walkEnvelope } from './json-envelope.ts';
import {
  arrayOf,
  boolOf,
  doubleOf,
  enumNames,
  enumOf,
  integerNumber,
  integerText,
  JsonPath,
  JsonTime,
  objectOrNull,
  stringOf,
  type JsonObject,
} from './json-values.ts';

const TEMPORALITY = enumNames('AGGREGATION_TEMPORALITY_', ['UNSPECIFIED', 'DELTA', 'CUMULATIVE']);
const DATA_KINDS: readonly [string, number][] = [
  ['gauge', TYPE_GAUGE],
  ['sum', TYPE_SUM],
  ['histogram', TYPE_HISTOGRAM],
  ['exponentialHistogram', TYPE_EXP_HISTOGRAM],
  ['summary', TYPE_SUMMARY],
];
const NAMES = { resources: 'resourceMetrics', scopes: 'scopeMetrics', items: 'metrics' };

const present = (v: unknown): boolean => v !== undefined && v !== null;

export class MetricsJsonDecoder {
  private ctx!: DecodeContext;
  private readonly path = new JsonPath();
  private readonly time = new JsonTime();
  private readonly start = new JsonTime();

  constructor(
    private readonly rows: MetricsRows,
    private readonly pool: StringPool,
    private readonly tally: RejectionTally,
  ) {}

  /** Decodes `doc`; `reparsed` is true when it comes from decodeJsonRequest's exact second parse. */
  decode(doc: JsonObject, ctx: DecodeContext, reparsed = false): void {
    this.ctx = ctx;
    this.path.reset(!reparsed);
    walkEnvelope(doc, NAMES, this.path, this.rows, this.pool, this.tally, (v, i) => this.metric(v, i));
  }

  private metric(v: unknown, index: number): void {
    const path = this.path;
    const m = objectOrNull(v, path, index) ?? {};
    path.in(index);
    const rows = this.rows;
    const from = rows.length;
    const name = stringOf(m.name, path, 'name');
    const unit = stringOf(m.unit, path, 'unit');
    const description = stringOf(m.description, path, 'description');
    for (const [key, type] of DATA_KINDS) {
      const data = objectOrNull(m[key], path, key);
      if (data === null) continue;
      path.in(key);
      this.data(data, type);
      path.out();
    }
    path.out();
    if (rows.length === from) return;
    if (name === '') {
      this.tally.add(REJECT_METRIC_NAME, rows.length - from, () => 'metric with an empty name');
      rows.length = from;
      return;
    }
    const pool = this.pool;
    rows.fillMetric(from, pool.internString(name), unit === '' ? -1 : pool.internString(unit), description === '' ? -1 : pool.internString(description));
  }

  private data(data: JsonObject, type: number): void {
    const path = this.path;
    const rows = this.rows;
    const from = rows.length;
    const points = arrayOf(data.dataPoints, path, 'dataPoints');
    path.in('dataPoints');
    for (let i = 0; i < points.length; i++) {
      const p = objectOrNull(points[i], path, i) ?? {};
      path.in(i);
      if (type === TYPE_GAUGE || type === TYPE_SUM) this.number(p);
      else if (type === TYPE_HISTOGRAM) this.histogram(p);
      else if (type === TYPE_EXP_HISTOGRAM) this.exponential(p);
      else this.summary(p);
      path.out();
    }
    path.out();
    const temporality = type === TYPE_GAUGE || type === TYPE_SUMMARY ? 0 : enumOf(data.aggregationTemporality, path, 'aggregationTemporality', TEMPORALITY);
    const monotonic = type === TYPE_SUM ? (boolOf(data.isMonotonic, path, 'isMonotonic') ? 1 : 0) : -1;
    if (rows.length === from) return;
    rows.fillData(from, type, temporality === 1 ? 0 : temporality === 2 ? 1 : -1, monotonic);
  }

  private number(p: JsonObject): void {
    const path = this.path;
    let value = 0;
    let hasValue = false;
    if (present(p.asDouble)) {
      value = doubleOf(p.asDouble, path, 'asDouble');
      hasValue = true;
    } else if (present(p.asInt)) {
      value = Number(integerText(p.asInt, path, 'asInt'));
      hasValue = true;
    }
    const flags = integerNumber(p.flags, path, 'flags', true);
    const row = this.accept(p);
    if (row < 0) return;
    const rows = this.rows;
    rows.value[row] = value;
    rows.valueValid[row] = hasValue ? 1 : 0;
    rows.countValid[row] = 0;
    rows.sumValid[row] = 0;
    rows.minValid[row] = 0;
    rows.maxValid[row] = 0;
    rows.buckets[row] = -1;
    rows.flags[row] = flags;
    rows.length = row + 1;
  }

  private histogram(p: JsonObject): void {
    const path = this.path;
    let counts = '';
    let bounds = '';
    const countList = arrayOf(p.bucketCounts, path, 'bucketCounts');
    path.in('bucketCounts');
    for (let i = 0; i < countList.length; i++) counts = appendListItem(counts, integerText(countList[i], path, i, true));
    path.out();
    const boundList = arrayOf(p.explicitBounds, path, 'explicitBounds');
    path.in('explicitBounds');
    for (let i = 0; i < boundList.length; i++) bounds = appendListItem(bounds, formatPlainDouble(doubleOf(boundList[i], path, i)));
    path.out();
    this.stats(p, histogramBucketsJson(bounds, counts), true);
  }

  private exponential(p: JsonObject): void {
    const path = this.path;
    const side = (key: string): string => {
      const o = objectOrNull(p[key], path, key);
      if (o === null) return EMPTY_EXPONENTIAL_SIDE;
      path.in(key);
      let counts = '';
      const list = arrayOf(o.bucketCounts, path, 'bucketCounts');
      path.in('bucketCounts');
      for (let i = 0; i < list.length; i++) counts = appendListItem(counts, integerText(list[i], path, i, true));
      path.out();
      const json = exponentialSideJson(integerNumber(o.offset, path, 'offset') | 0, counts);
      path.out();
      return json;
    };
    const buckets = exponentialBucketsJson(
      integerNumber(p.scale, path, 'scale') | 0,
      integerText(p.zeroCount, path, 'zeroCount', true),
      doubleOf(p.zeroThreshold, path, 'zeroThreshold'),
      side('positive'),
      side('negative'),
    );
    this.stats(p, buckets, true);
  }

  private summary(p: JsonObject): void {
    const path = this.path;
    let quantiles = '';
    const list = arrayOf(p.quantileValues, path, 'quantileValues');
    path.in('quantileValues');
    for (let i = 0; i < list.length; i++) {
      const q = objectOrNull(list[i], path, i) ?? {};
      path.in(i);
      quantiles = appendListItem(quantiles, quantileJson(doubleOf(q.quantile, path, 'quantile'), doubleOf(q.value, path, 'value')));
      path.out();
    }
    path.out();
    this.stats(p, summaryBucketsJson(quantiles), false);
  }

  /** Shared tail of the histogram-like points: count/sum/min/max/flags and the bucket JSON. */
  private stats(p: JsonObject, buckets: string, optionalSum: boolean): void {
    const path = this.path;
    const count = integerNumber(p.count, path, 'count', true);
    const hasSum = !optionalSum || present(p.sum);
    const sum = doubleOf(p.sum, path, 'sum');
    const hasMin = optionalSum && present(p.min);
    const min = hasMin ? doubleOf(p.min, path, 'min') : 0;
    const hasMax = optionalSum && present(p.max);
    const max = hasMax ? doubleOf(p.max, path, 'max') : 0;
    const flags = integerNumber(p.flags, path, 'flags', true);
    const row = this.accept(p);
    if (row < 0) return;
    const rows = this.rows;
    rows.value[row] = 0;
    rows.valueValid[row] = 0;
    rows.count[row] = count;
    rows.countValid[row] = 1;
    rows.sum[row] = hasSum ? sum : 0;
    rows.sumValid[row] = hasSum ? 1 : 0;
    rows.min[row] = min;
    rows.minValid[row] = hasMin ? 1 : 0;
    rows.max[row] = max;
    rows.maxValid[row] = hasMax ? 1 : 0;
    rows.buckets[row] = rows.bucketText.add(buckets);
    rows.flags[row] = flags;
    rows.length = row + 1;
  }

  /** Times, window and attributes of a point; returns its row or -1 when rejected. */
  private accept(p: JsonObject): number {
    const ctx = this.ctx;
    const path = this.path;
    const t = this.time.read(p.timeUnixNano, path, 'timeUnixNano');
    const s = this.start.read(p.startTimeUnixNano, path, 'startTimeUnixNano');
    const attrs = attributesOf(p.attributes, path);
    const ms = t.ms;
    const nanos = t.nanos;
    if (ms < ctx.minMs || ms > ctx.maxMs) {
      this.tally.add(REJECT_TIMESTAMP, 1, () => windowMessage(ctx, 'data point', ms, nanos));
      return -1;
    }
    if (attrs.violation >= 0) {
      this.tally.add(attrs.violation, 1, () => `data point: ${attrs.violationMessage}`);
      return -1;
    }
    const rows = this.rows;
    const row = rows.next();
    rows.tsMs[row] = ms;
    rows.tsNanos[row] = nanos;
    rows.startMs[row] = s.ms;
    rows.startNanos[row] = s.nanos;
    rows.startValid[row] = s.present ? 1 : 0;
    rows.attributes[row] = this.pool.internString(attrs.json);
    return row;
  }
}

/**
 * ExportMetricsServiceRequest (protobuf) → MetricsRows. Walks
 * ResourceMetrics → ScopeMetrics → Metric → Gauge|Sum|Histogram|ExponentialHistogram|Summary
 * → data points (metric-points.ts); columns that belong to an enclosing message are
 * filled over its row range when that message ends, because protobuf lets its fields
 * arrive in any order (a metric's name may follow its points).
 */
import type { DecodeContext } from '../decode-context.ts';
import { REJECT_METRIC_NAME, type RejectionTally } from '../rejection-tally.ts';
import {
  TYPE_EXP_HISTOGRAM,
  TYPE_GAUGE,
  TYPE_HISTOGRAM,
  TYPE_SUM,
  TYPE_SUMMARY,
  type MetricsRows,
} from '../rows/index.ts';
import { WireReader, type StringPool } from '../wire/index.ts';
import type { AttributeRunCache } from './attribute-runs.ts';
import { ProtoEnvelopeDecoder } from './envelope.ts';
import { MetricPointReader } from './metric-points.ts';

export class MetricsProtoDecoder extends ProtoEnvelopeDecoder<MetricsRows> {
  private readonly points: MetricPointReader;

  constructor(rows: MetricsRows, pool: StringPool, runs: AttributeRunCache, tally: RejectionTally) {
    super(rows, pool, runs, tally);
    this.points = new MetricPointReader(rows, runs, tally);
  }

  /** Appends the accepted rows of `body`; throws IngestRejectedError when it is malformed. */
  decode(body: Uint8Array, ctx: DecodeContext): void {
    this.points.ctx = ctx;
    this.walk(body);
  }

  /** One Metric message and its data points. */
  protected item(r: WireReader, end: number): void {
    const rows = this.rows;
    const from = rows.length;
    let nameStart = 0;
    let nameEnd = 0;
    let unitId = -1;
    let descriptionId = -1;
    while (r.pos < end) {
      const tag = r.uint32();
      switch (tag) {
        case 0x0a:
          nameEnd = r.lengthEnd(end);
          nameStart = r.pos;
          r.pos = nameEnd;
          break;
        case 0x12: {
          const e = r.lengthEnd(end);
          descriptionId = e > r.pos ? this.pool.internBytes(r.buf, r.pos, e) : -1;
          r.pos = e;
          break;
        }
        case 0x1a: {
          const e = r.lengthEnd(end);
          unitId = e > r.pos ? this.pool.internBytes(r.buf, r.pos, e) : -1;
          r.pos = e;
          break;
        }
        case 0x2a: this.data(r, r.lengthEnd(end), TYPE_GAUGE); break;
        case 0x3a: this.data(r, r.lengthEnd(end), TYPE_SUM); break;
        case 0x4a: this.data(r, r.lengthEnd(end), TYPE_HISTOGRAM); break;
        case 0x52: this.data(r, r.lengthEnd(end), TYPE_EXP_HISTOGRAM); break;
        case 0x5a: this.data(r, r.lengthEnd(end), TYPE_SUMMARY); break;
        default: r.skip(tag & 7, end, tag >>> 3);
      }
    }
    r.finishMessage(end);
    if (rows.length === from) {
      // Still validate the name's UTF-8 so that malformedness never depends on other fields.
      if (nameEnd > nameStart) this.pool.internBytes(r.buf, nameStart, nameEnd);
      return;
    }
    if (nameEnd === nameStart) {
      this.tally.add(REJECT_METRIC_NAME, rows.length - from, () => 'metric with an empty name');
      rows.length = from;
      return;
    }
    rows.fillMetric(from, this.pool.internBytes(r.buf, nameStart, nameEnd), unitId, descriptionId);
  }

  /** Gauge, Sum, Histogram, ExponentialHistogram or Summary. */
  private data(r: WireReader, end: number, type: number): void {
    const rows = this.rows;
    const points = this.points;
    const from = rows.length;
    let temporality = 0;
    let monotonic = false;
    this.runs.beginSequence();
    while (r.pos < end) {
      const tag = r.uint32();
      if (tag === 0x0a) {
        const e = r.lengthEnd(end);
        if (type === TYPE_GAUGE || type === TYPE_SUM) points.number(r, e);
        else if (type === TYPE_HISTOGRAM) points.histogram(r, e);
        else if (type === TYPE_EXP_HISTOGRAM) points.exponential(r, e);
        else points.summary(r, e);
      } else if (tag === 0x10 && type !== TYPE_GAUGE && type !== TYPE_SUMMARY) {
        temporality = r.int32();
      } else if (tag === 0x18 && type === TYPE_SUM) {
        r.varint64();
        monotonic = r.lo !== 0 || r.hi !== 0;
      } else r.skip(tag & 7, end, tag >>> 3);
    }
    r.finishMessage(end);
    if (rows.length === from) return;
    const temporalityCode = temporality === 1 ? 0 : temporality === 2 ? 1 : -1;
    rows.fillData(from, type, temporalityCode, type === TYPE_SUM ? (monotonic ? 1 : 0) : -1);
  }
}

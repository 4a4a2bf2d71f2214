/**
 * The four OTLP data point messages, read straight into MetricsRows. A point is decoded
 * into locals, validated (timestamp window, attribute caps) and only then written, so a
 * rejected point leaves no trace in the columns. Histogram-like points also write their
 * `buckets` JSON (bucket-text.ts, the text of ../bucket-json.ts). Exemplars are skipped.
 */
import { appendListItem as appendText } from '../bucket-json.ts';
import { formatPlainDouble } from '../canonical-json.ts';
import { windowMessage, type DecodeContext } from '../decode-context.ts';
import { REJECT_TIMESTAMP, type RejectionTally } from '../rejection-tally.ts';
import type { MetricsRows } from '../rows/index.ts';
import { DerivedTextCache, WireReader } from '../wire/index.ts';
import type { AttributeRunCache } from './attribute-runs.ts';
import { F64Scratch, U64Scratch, writeExponentialText, writeHistogramText, writeSummaryText, type ExponentialSide } from './bucket-text.ts';

/** Reads one point's attribute fields; tracks whether they were contiguous. */
interface RunTracker {
  start: number;
  end: number;
  split: boolean;
}

export class MetricPointReader {
  ctx!: DecodeContext;
  private readonly run: RunTracker = { start: -1, end: -1, split: false };
  /** Packed explicit_bounds → JSON list text; bounds repeat across a histogram's points. */
  private readonly bounds = new DerivedTextCache(formatPackedDoubles);
  /** Per-point scratch: histogram counts and bounds, summary quantiles, exponential sides. */
  private readonly counts = new U64Scratch();
  private readonly doubles = new F64Scratch();
  private readonly positive: ExponentialSide = { offset: 0, counts: new U64Scratch() };
  private readonly negative: ExponentialSide = { offset: 0, counts: new U64Scratch() };

  constructor(
    private readonly rows: MetricsRows,
    private readonly runs: AttributeRunCache,
    private readonly tally: RejectionTally,
  ) {}

  /** NumberDataPoint (gauge and sum). */
  number(r: WireReader, end: number): void {
    const msgStart = r.pos;
    let tLo = 0, tHi = 0, sLo = 0, sHi = 0, flags = 0, hasValue = false, value = 0;
    this.resetRun();
    while (r.pos < end) {
      const tagPos = r.pos;
      const tag = r.uint32();
      switch (tag) {
        case 0x11: r.fixed64(); sLo = r.lo; sHi = r.hi; break;
        case 0x19: r.fixed64(); tLo = r.lo; tHi = r.hi; break;
        case 0x21: value = r.double(); hasValue = true; break;
        case 0x31: r.fixed64(); value = r.hi * 4294967296 + r.lo; hasValue = true; break;
        case 0x3a: this.trackRun(r, tagPos, end); break;
        case 0x40: flags = r.uint32(); break;
        default: r.skip(tag & 7, end, tag >>> 3);
      }
    }
    r.finishMessage(end);
    const row = this.accept(r, msgStart, end, 7, tLo, tHi);
    if (row < 0) return;
    const rows = this.rows;
    this.writeStart(row, sLo, sHi);
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

  /** HistogramDataPoint. */
  histogram(r: WireReader, end: number): void {
    const msgStart = r.pos;
    let tLo = 0, tHi = 0, sLo = 0, sHi = 0, flags = 0, count = 0;
    let sum = 0, hasSum = false, min = 0, hasMin = false, max = 0, hasMax = false;
    const counts = this.counts;
    const bounds = this.doubles;
    counts.clear();
    bounds.clear();
    // The usual encoding has one packed explicit_bounds field: keep its byte range and
    // render it through the cache; anything else collects the values one by one.
    let boundsStart = -1;
    let boundsEnd = -1;
    this.resetRun();
    while (r.pos < end) {
      const tagPos = r.pos;
      const tag = r.uint32();
      switch (tag) {
        case 0x11: r.fixed64(); sLo = r.lo; sHi = r.hi; break;
        case 0x19: r.fixed64(); tLo = r.lo; tHi = r.hi; break;
        case 0x21: r.fixed64(); count = (r.hi >>> 0) * 4294967296 + r.lo; break;
        case 0x29: sum = r.double(); hasSum = true; break;
        case 0x31: r.fixed64(); counts.push(r.lo, r.hi); break;
        case 0x32: {
          const e = r.lengthEnd(end);
          while (r.pos < e) {
            r.fixed64();
            counts.push(r.lo, r.hi);
          }
          r.finishMessage(e);
          break;
        }
        case 0x39:
          if (boundsStart >= 0) boundsStart = spillDoubles(r, boundsStart, boundsEnd, bounds);
          bounds.push(r.double());
          break;
        case 0x3a: {
          const e = r.lengthEnd(end);
          if ((e - r.pos) % 8 !== 0) r.fail('packed explicit_bounds length is not a multiple of 8');
          if (e > r.pos) {
            if (boundsStart < 0 && bounds.length === 0) {
              boundsStart = r.pos;
              boundsEnd = e;
            } else {
              if (boundsStart >= 0) boundsStart = spillDoubles(r, boundsStart, boundsEnd, bounds);
              spillDoubles(r, r.pos, e, bounds);
            }
          }
          r.pos = e;
          break;
        }
        case 0x4a: this.trackRun(r, tagPos, end); break;
        case 0x50: flags = r.uint32(); break;
        case 0x59: min = r.double(); hasMin = true; break;
        case 0x61: max = r.double(); hasMax = true; break;
        default: r.skip(tag & 7, end, tag >>> 3);
      }
    }
    r.finishMessage(end);
    const row = this.accept(r, msgStart, end, 9, tLo, tHi);
    if (row < 0) return;
    this.writeStart(row, sLo, sHi);
    this.writeStats(row, count, sum, hasSum, min, hasMin, max, hasMax, flags);
    const boundsText = boundsStart >= 0 ? this.bounds.get(r.buf, boundsStart, boundsEnd) : null;
    this.rows.buckets[row] = writeHistogramText(this.rows.bucketText, boundsText, bounds, counts);
    this.rows.length = row + 1;
  }

  /** ExponentialHistogramDataPoint. */
  exponential(r: WireReader, end: number): void {
    const msgStart = r.pos;
    let tLo = 0, tHi = 0, sLo = 0, sHi = 0, flags = 0, count = 0, scale = 0, zeroThreshold = 0;
    let sum = 0, hasSum = false, min = 0, hasMin = false, max = 0, hasMax = false;
    let zeroLo = 0, zeroHi = 0;
    const positive = this.positive;
    const negative = this.negative;
    positive.offset = 0;
    positive.counts.clear();
    negative.offset = 0;
    negative.counts.clear();
    this.resetRun();
    while (r.pos < end) {
      const tagPos = r.pos;
      const tag = r.uint32();
      switch (tag) {
        case 0x0a: this.trackRun(r, tagPos, end); break;
        case 0x11: r.fixed64(); sLo = r.lo; sHi = r.hi; break;
        case 0x19: r.fixed64(); tLo = r.lo; tHi = r.hi; break;
        case 0x21: r.fixed64(); count = (r.hi >>> 0) * 4294967296 + r.lo; break;
        case 0x29: sum = r.double(); hasSum = true; break;
        case 0x30: scale = zigzag32(r.uint32()); break;
        case 0x39: r.fixed64(); zeroLo = r.lo; zeroHi = r.hi; break;
        case 0x42: readBuckets(r, r.lengthEnd(end), positive); break;
        case 0x4a: readBuckets(r, r.lengthEnd(end), negative); break;
        case 0x50: flags = r.uint32(); break;
        case 0x61: min = r.double(); hasMin = true; break;
        case 0x69: max = r.double(); hasMax = true; break;
        case 0x71: zeroThreshold = r.double(); break;
        default: r.skip(tag & 7, end, tag >>> 3);
      }
    }
    r.finishMessage(end);
    const row = this.accept(r, msgStart, end, 1, tLo, tHi);
    if (row < 0) return;
    this.writeStart(row, sLo, sHi);
    this.writeStats(row, count, sum, hasSum, min, hasMin, max, hasMax, flags);
    this.rows.buckets[row] = writeExponentialText(this.rows.bucketText, scale, zeroLo, zeroHi, zeroThreshold, positive, negative);
    this.rows.length = row + 1;
  }

  /** SummaryDataPoint. */
  summary(r: WireReader, end: number): void {
    const msgStart = r.pos;
    let tLo = 0, tHi = 0, sLo = 0, sHi = 0, flags = 0, count = 0, sum = 0;
    const quantiles = this.doubles;
    quantiles.clear();
    this.resetRun();
    while (r.pos < end) {
      const tagPos = r.pos;
      const tag = r.uint32();
      switch (tag) {
        case 0x11: r.fixed64(); sLo = r.lo; sHi = r.hi; break;
        case 0x19: r.fixed64(); tLo = r.lo; tHi = r.hi; break;
        case 0x21: r.fixed64(); count = (r.hi >>> 0) * 4294967296 + r.lo; break;
        case 0x29: sum = r.double(); break;
        case 0x32: readQuantile(r, r.lengthEnd(end), quantiles); break;
        case 0x3a: this.trackRun(r, tagPos, end); break;
        case 0x40: flags = r.uint32(); break;
        default: r.skip(tag & 7, end, tag >>> 3);
      }
    }
    r.finishMessage(end);
    const row = this.accept(r, msgStart, end, 7, tLo, tHi);
    if (row < 0) return;
    this.writeStart(row, sLo, sHi);
    this.writeStats(row, count, sum, true, 0, false, 0, false, flags);
    this.rows.buckets[row] = writeSummaryText(this.rows.bucketText, quantiles);
    this.rows.length = row + 1;
  }

  private resetRun(): void {
    this.run.start = -1;
    this.run.split = false;
  }

  private trackRun(r: WireReader, tagPos: number, end: number): void {
    const e = r.lengthEnd(end);
    const run = this.run;
    if (run.start < 0) run.start = tagPos;
    else if (tagPos !== run.end) run.split = true;
    run.end = e;
    r.pos = e;
  }

  /**
   * Validates the point's timestamp and attributes; returns the row to write (with time
   * and attributes set) or -1 when the point was rejected.
   */
  private accept(r: WireReader, msgStart: number, end: number, attrField: number, tLo: number, tHi: number): number {
    // Split the fixed64 nanoseconds into (ms, nanos) exactly, as splitNsHalves does.
    let ms = tHi * 4294;
    let nanos = tHi * 967_296 + tLo;
    const carry = Math.floor(nanos / 1_000_000);
    ms += carry;
    nanos -= carry * 1_000_000;
    const ctx = this.ctx;
    if (ms < ctx.minMs || ms > ctx.maxMs) {
      this.tally.add(REJECT_TIMESTAMP, 1, () => windowMessage(ctx, 'data point', ms, nanos));
      return -1;
    }
    const run = this.run;
    const runs = this.runs;
    const entry = run.split
      ? runs.lookupScattered(r.buf, msgStart, end, attrField)
      : run.start < 0
        ? runs.lookup(r.buf, 0, 0)
        : runs.lookupInSequence(r.buf, run.start, run.end);
    const violation = runs.violation(entry);
    if (violation >= 0) {
      this.tally.add(violation, 1, () => `data point: ${runs.violationMessage(entry)}`);
      return -1;
    }
    const rows = this.rows;
    const row = rows.next();
    rows.tsMs[row] = ms;
    rows.tsNanos[row] = nanos;
    rows.attributes[row] = runs.jsonId(entry);
    return row;
  }

  /** start_time_unix_nano; 0 means unset (null). */
  private writeStart(row: number, lo: number, hi: number): void {
    const rows = this.rows;
    if (lo === 0 && hi === 0) {
      rows.startMs[row] = 0;
      rows.startNanos[row] = 0;
      rows.startValid[row] = 0;
      return;
    }
    let ms = hi * 4294;
    let nanos = hi * 967_296 + lo;
    const carry = Math.floor(nanos / 1_000_000);
    ms += carry;
    nanos -= carry * 1_000_000;
    rows.startMs[row] = ms;
    rows.startNanos[row] = nanos;
    rows.startValid[row] = 1;
  }

  private writeStats(
    row: number,
    count: number,
    sum: number,
    hasSum: boolean,
    min: number,
    hasMin: boolean,
    max: number,
    hasMax: boolean,
    flags: number,
  ): void {
    const rows = this.rows;
    rows.value[row] = 0;
    rows.valueValid[row] = 0;
    rows.count[row] = count;
    rows.countValid[row] = 1;
    rows.sum[row] = sum;
    rows.sumValid[row] = hasSum ? 1 : 0;
    rows.min[row] = min;
    rows.minValid[row] = hasMin ? 1 : 0;
    rows.max[row] = max;
    rows.maxValid[row] = hasMax ? 1 : 0;
    rows.flags[row] = flags;
  }
}

function zigzag32(n: number): number {
  return (n >>> 1) ^ -(n & 1);
}

/** Packed doubles as comma-joined JSON numbers. */
function formatPackedDoubles(buf: Uint8Array, start: number, end: number): string {
  const r = new WireReader(buf);
  r.pos = start;
  let list = '';
  while (r.pos < end) list = appendText(list, formatPlainDouble(r.double()));
  return list;
}

/** Moves the packed doubles of `buf[start, end)` into `into`; returns -1 (no packed range kept any more). */
function spillDoubles(r: WireReader, start: number, end: number, into: F64Scratch): number {
  const at = r.pos;
  r.pos = start;
  while (r.pos < end) into.push(r.double());
  r.pos = at;
  return -1;
}

/** ExponentialHistogramDataPoint.Buckets into `side` (a repeated Buckets field replaces the earlier one). */
function readBuckets(r: WireReader, end: number, side: ExponentialSide): void {
  side.offset = 0;
  side.counts.clear();
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 0x08: side.offset = zigzag32(r.uint32()); break;
      case 0x10: r.varint64(); side.counts.push(r.lo, r.hi); break;
      case 0x12: {
        const e = r.lengthEnd(end);
        while (r.pos < e) {
          r.varint64();
          side.counts.push(r.lo, r.hi);
        }
        r.finishMessage(e);
        break;
      }
      default: r.skip(tag & 7, end, tag >>> 3);
    }
  }
  r.finishMessage(end);
}

/** SummaryDataPoint.ValueAtQuantile as a (quantile, value) pair in `into`. */
function readQuantile(r: WireReader, end: number, into: F64Scratch): void {
  let quantile = 0;
  let value = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 0x09) quantile = r.double();
    else if (tag === 0x11) value = r.double();
    else r.skip(tag & 7, end, tag >>> 3);
  }
  r.finishMessage(end);
  into.push(quantile);
  into.push(value);
}

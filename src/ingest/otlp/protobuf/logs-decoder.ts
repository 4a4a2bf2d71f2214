/**
 * ExportLogsServiceRequest (protobuf) → LogsRows. One row per LogRecord; timestamp is
 * time_unix_nano, else observed_time_unix_nano, else the receive time (so a record is
 * never dropped for lacking a clock). Bodies: a string body is stored as is, a bytes body
 * as its base64 text, any other AnyValue as canonical JSON text; bodies over 64 KiB are
 * truncated and marked.
 */
import { utf8CutPoint, withTruncationMarker } from '../body-truncation.ts';
import { windowMessage, type DecodeContext } from '../decode-context.ts';
import { REJECT_INVALID_ID, REJECT_TIMESTAMP, type RejectionTally } from '../rejection-tally.ts';
import type { LogsRows } from '../rows/index.ts';
import { WireReader, type StringPool } from '../wire/index.ts';
import { anyValueJson, attributeRunEntries } from './any-value.ts';
import type { AttributeRunCache } from './attribute-runs.ts';
import { ProtoEnvelopeDecoder } from './envelope.ts';
import { isZeroBytes } from './ids.ts';

export class LogsProtoDecoder extends ProtoEnvelopeDecoder<LogsRows> {
  private ctx!: DecodeContext;

  constructor(rows: LogsRows, pool: StringPool, runs: AttributeRunCache, tally: RejectionTally) {
    super(rows, pool, runs, tally);
  }

  /** Appends the accepted rows of `body`; throws IngestRejectedError when it is malformed. */
  decode(body: Uint8Array, ctx: DecodeContext): void {
    this.ctx = ctx;
    this.walk(body);
  }

  /** One LogRecord message. */
  protected item(r: WireReader, end: number): void {
    const msgStart = r.pos;
    let tLo = 0, tHi = 0, oLo = 0, oHi = 0, severity = 0, flags = 0;
    let severityTextId = -1, eventNameId = -1;
    let bodyStart = -1, bodyEnd = -1;
    let traceStart = 0, traceEnd = 0, spanStart = 0, spanEnd = 0;
    let aStart = -1, aEnd = -1, split = false;
    while (r.pos < end) {
      const tagPos = r.pos;
      const tag = r.uint32();
      switch (tag) {
        case 0x09: r.fixed64(); tLo = r.lo; tHi = r.hi; break;
        case 0x10: severity = r.int32(); break;
        case 0x1a: severityTextId = this.optionalString(r, end); break;
        case 0x2a: bodyEnd = r.lengthEnd(end); bodyStart = r.pos; r.pos = bodyEnd; break;
        case 0x32: {
          const e = r.lengthEnd(end);
          if (aStart < 0) aStart = tagPos;
          else if (tagPos !== aEnd) split = true;
          aEnd = e;
          r.pos = e;
          break;
        }
        case 0x45: flags = r.fixed32(); break;
        case 0x4a: traceEnd = r.lengthEnd(end); traceStart = r.pos; r.pos = traceEnd; break;
        case 0x52: spanEnd = r.lengthEnd(end); spanStart = r.pos; r.pos = spanEnd; break;
        case 0x59: r.fixed64(); oLo = r.lo; oHi = r.hi; break;
        case 0x62: eventNameId = this.optionalString(r, end); break;
        default: r.skip(tag & 7, end, tag >>> 3);
      }
    }
    r.finishMessage(end);
    const ctx = this.ctx;
    const rows = this.rows;
    const row = rows.next();

    // observed_timestamp
    const hasObserved = oLo !== 0 || oHi !== 0;
    if (hasObserved) this.split(oLo, oHi, rows.observedMs, rows.observedNanos, row);
    else {
      rows.observedMs[row] = 0;
      rows.observedNanos[row] = 0;
    }
    rows.observedValid[row] = hasObserved ? 1 : 0;

    // timestamp: time, else observed, else receive time
    if (tLo !== 0 || tHi !== 0) this.split(tLo, tHi, rows.tsMs, rows.tsNanos, row);
    else if (hasObserved) {
      rows.tsMs[row] = rows.observedMs[row];
      rows.tsNanos[row] = rows.observedNanos[row];
    } else {
      rows.tsMs[row] = ctx.receiveTimeMs;
      rows.tsNanos[row] = 0;
    }
    const ms = rows.tsMs[row];
    if (ms < ctx.minMs || ms > ctx.maxMs) {
      this.tally.add(REJECT_TIMESTAMP, 1, () => windowMessage(ctx, 'log record', ms, rows.tsNanos[row]));
      return;
    }

    // ids: absent or all-zero → null; any other length is invalid
    const traceLen = traceEnd - traceStart;
    const spanLen = spanEnd - spanStart;
    if ((traceLen !== 0 && traceLen !== 16) || (spanLen !== 0 && spanLen !== 8)) {
      this.tally.add(REJECT_INVALID_ID, 1, () => `log record: trace_id must be 16 bytes and span_id 8 bytes (got ${traceLen} and ${spanLen})`);
      return;
    }

    const runs = this.runs;
    const run = split ? runs.lookupScattered(r.buf, msgStart, end, 6) : aStart < 0 ? runs.lookup(r.buf, 0, 0) : runs.lookup(r.buf, aStart, aEnd);
    const violation = runs.violation(run);
    if (violation >= 0) {
      this.tally.add(violation, 1, () => `log record: ${runs.violationMessage(run)}`);
      return;
    }
    let attributeCode = runs.jsonId(run);

    // body
    if (bodyStart < 0) rows.body[row] = -1;
    else {
      const truncatedFrom = this.writeBody(r, bodyStart, bodyEnd, row);
      if (truncatedFrom > 0) {
        const entries = aStart < 0 ? [] : attributeRunEntries(r.buf, aStart, aEnd);
        attributeCode = this.pool.internString(withTruncationMarker(entries, truncatedFrom).json);
      }
    }

    rows.traceId[row] = traceLen === 0 || isZeroBytes(r.buf, traceStart, traceEnd) ? -1 : rows.traceIds.code(r.buf, traceStart, traceEnd);
    rows.spanId[row] = spanLen === 0 || isZeroBytes(r.buf, spanStart, spanEnd) ? -1 : rows.spanIds.code(r.buf, spanStart, spanEnd);
    rows.severity[row] = severity;
    rows.severityText[row] = severityTextId;
    rows.eventName[row] = eventNameId;
    rows.flags[row] = flags;
    rows.attributes[row] = attributeCode;
    rows.length = row + 1;
  }

  /** Writes the body code; returns the original UTF-8 size when the body was truncated, else 0. */
  private writeBody(r: WireReader, start: number, end: number, row: number): number {
    const rows = this.rows;
    // Fast path: an AnyValue holding only string_value (tag 0x0a) → the body is that text.
    r.pos = start;
    if (start < end && r.buf[start] === 0x0a) {
      r.uint32();
      const e = r.lengthEnd(end);
      if (e === end) {
        const s = r.pos;
        r.pos = end;
        const cut = utf8CutPoint(r.buf, s, e);
        rows.body[row] = rows.bodies.code(r.buf, s, cut);
        return cut < e ? e - s : 0;
      }
      r.pos = start;
    }
    const json = anyValueJson(r, end);
    if (json === 'null') {
      rows.body[row] = -1;
      return 0;
    }
    // A string body that was not alone in its AnyValue (e.g. a repeated oneof) ends up quoted; store its text.
    const text = json.charCodeAt(0) === 34 ? (JSON.parse(json) as string) : json;
    // Keyed by UTF-8 bytes like every other body of this batch, so equal texts share a code.
    const bytes = new TextEncoder().encode(text);
    const cut = utf8CutPoint(bytes, 0, bytes.length);
    rows.body[row] = rows.bodies.code(bytes, 0, cut);
    return cut < bytes.length ? bytes.length : 0;
  }

  private optionalString(r: WireReader, end: number): number {
    const e = r.lengthEnd(end);
    const id = e > r.pos ? this.pool.internBytes(r.buf, r.pos, e) : -1;
    r.pos = e;
    return id;
  }

  private split(lo: number, hi: number, ms: Float64Array, nanos: Int32Array, row: number): void {
    let m = hi * 4294;
    let n = hi * 967_296 + lo;
    const carry = Math.floor(n / 1_000_000);
    m += carry;
    n -= carry * 1_000_000;
    ms[row] = m;
    nanos[row] = n;
  }
}

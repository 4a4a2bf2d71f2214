/**
 * ExportTraceServiceRequest (protobuf) → SpansRows. One row per Span; its events and
 * links become JSON arrays (span-events.ts). A span is rejected individually when its
 * trace_id is not 16 non-zero bytes, its span_id not 8 non-zero bytes, its start time is
 * outside the window, it ends before it starts, or its attributes break the caps.
 */
import { windowMessage, type DecodeContext } from '../decode-context.ts';
import { REJECT_INVALID_ID, REJECT_SPAN_TIMES, REJECT_TIMESTAMP, type RejectionTally } from '../rejection-tally.ts';
import type { SpansRows } from '../rows/index.ts';
import { WireReader, type StringPool } from '../wire/index.ts';
import type { AttributeRunCache } from './attribute-runs.ts';
import { ProtoEnvelopeDecoder } from './envelope.ts';
import { isZeroBytes } from './ids.ts';
import { EMPTY_JSON_ARRAY, SpanEventReader } from './span-events.ts';

const FLAGS_TAG = (16 << 3) | 5;

export class SpansProtoDecoder extends ProtoEnvelopeDecoder<SpansRows> {
  private ctx!: DecodeContext;
  private readonly events: SpanEventReader;

  constructor(rows: SpansRows, pool: StringPool, runs: AttributeRunCache, tally: RejectionTally) {
    super(rows, pool, runs, tally);
    this.events = new SpanEventReader(pool, runs);
  }

  /** Appends the accepted rows of `body`; throws IngestRejectedError when it is malformed. */
  decode(body: Uint8Array, ctx: DecodeContext): void {
    this.ctx = ctx;
    this.walk(body);
  }

  /** One Span message. */
  protected item(r: WireReader, end: number): void {
    const msgStart = r.pos;
    const buf = r.buf;
    let traceStart = 0, traceEnd = 0, spanStart = 0, spanEnd = 0, parentStart = 0, parentEnd = 0;
    let stateStart = 0, stateEnd = 0, nameStart = 0, nameEnd = 0, msgTextStart = 0, msgTextEnd = 0;
    let sLo = 0, sHi = 0, eLo = 0, eHi = 0, kind = 0, statusCode = 0, flags = 0;
    let aStart = -1, aEnd = -1, split = false;
    let events = EMPTY_JSON_ARRAY;
    let links = EMPTY_JSON_ARRAY;
    while (r.pos < end) {
      const tagPos = r.pos;
      const tag = r.uint32();
      switch (tag) {
        case 0x0a: traceEnd = r.lengthEnd(end); traceStart = r.pos; r.pos = traceEnd; break;
        case 0x12: spanEnd = r.lengthEnd(end); spanStart = r.pos; r.pos = spanEnd; break;
        case 0x1a: stateEnd = r.lengthEnd(end); stateStart = r.pos; r.pos = stateEnd; break;
        case 0x22: parentEnd = r.lengthEnd(end); parentStart = r.pos; r.pos = parentEnd; break;
        case 0x2a: nameEnd = r.lengthEnd(end); nameStart = r.pos; r.pos = nameEnd; break;
        case 0x30: kind = r.int32(); break;
        case 0x39: r.fixed64(); sLo = r.lo; sHi = r.hi; break;
        case 0x41: r.fixed64(); eLo = r.lo; eHi = r.hi; break;
        case 0x4a: {
          const e = r.lengthEnd(end);
          if (aStart < 0) aStart = tagPos;
          else if (tagPos !== aEnd) split = true;
          aEnd = e;
          r.pos = e;
          break;
        }
        case 0x5a: events = this.events.appendEvent(events, r, r.lengthEnd(end)); break;
        case 0x6a: links = this.events.appendLink(links, r, r.lengthEnd(end)); break;
        case 0x7a: {
          const e = r.lengthEnd(end);
          while (r.pos < e) {
            const t = r.uint32();
            if (t === 0x12) {
              msgTextEnd = r.lengthEnd(e);
              msgTextStart = r.pos;
              r.pos = msgTextEnd;
            } else if (t === 0x18) statusCode = r.int32();
            else r.skip(t & 7, e, t >>> 3);
          }
          r.finishMessage(e);
          break;
        }
        case FLAGS_TAG: flags = r.fixed32(); break;
        default: r.skip(tag & 7, end, tag >>> 3);
      }
    }
    r.finishMessage(end);

    const ctx = this.ctx;
    const rows = this.rows;
    const parentLen = parentEnd - parentStart;
    if (
      traceEnd - traceStart !== 16 ||
      spanEnd - spanStart !== 8 ||
      (parentLen !== 0 && parentLen !== 8) ||
      isZeroBytes(buf, traceStart, traceEnd) ||
      isZeroBytes(buf, spanStart, spanEnd)
    ) {
      this.tally.add(REJECT_INVALID_ID, 1, () => 'span: trace_id must be 16 and span_id 8 non-zero bytes (parent_span_id 8 or empty)');
      return;
    }
    const row = rows.next();
    splitInto(sLo, sHi, rows.tsMs, rows.tsNanos, row);
    splitInto(eLo, eHi, rows.endMs, rows.endNanos, row);
    const startMs = rows.tsMs[row];
    const startNanos = rows.tsNanos[row];
    if (startMs < ctx.minMs || startMs > ctx.maxMs) {
      this.tally.add(REJECT_TIMESTAMP, 1, () => windowMessage(ctx, 'span start', startMs, startNanos));
      return;
    }
    const duration = (rows.endMs[row] - startMs) * 1_000_000 + (rows.endNanos[row] - startNanos);
    if (duration < 0) {
      this.tally.add(REJECT_SPAN_TIMES, 1, () => 'span: end_time_unix_nano is before start_time_unix_nano');
      return;
    }
    const runs = this.runs;
    const run = split ? runs.lookupScattered(buf, msgStart, end, 9) : aStart < 0 ? runs.lookup(buf, 0, 0) : runs.lookup(buf, aStart, aEnd);
    const violation = runs.violation(run);
    if (violation >= 0) {
      this.tally.add(violation, 1, () => `span: ${runs.violationMessage(run)}`);
      return;
    }
    const pool = this.pool;
    rows.duration[row] = duration;
    rows.traceId[row] = rows.traceIds.code(buf, traceStart, traceEnd);
    rows.spanId[row] = rows.spanIds.code(buf, spanStart, spanEnd);
    rows.parentSpanId[row] = parentLen === 0 || isZeroBytes(buf, parentStart, parentEnd) ? -1 : rows.spanIds.code(buf, parentStart, parentEnd);
    rows.traceState[row] = stateEnd > stateStart ? rows.traceStates.code(buf, stateStart, stateEnd) : -1;
    rows.name[row] = pool.internBytes(buf, nameStart, nameEnd);
    rows.kind[row] = kind >= 0 && kind <= 5 ? kind : 0;
    rows.statusCode[row] = statusCode >= 0 && statusCode <= 2 ? statusCode : 0;
    rows.statusMessage[row] = msgTextEnd > msgTextStart ? rows.statusMessages.code(buf, msgTextStart, msgTextEnd) : -1;
    rows.attributes[row] = runs.jsonId(run);
    rows.events[row] = rows.eventDict.code(events);
    rows.links[row] = rows.linkDict.code(links);
    rows.flags[row] = flags;
    rows.length = row + 1;
  }
}

function splitInto(lo: number, hi: number, ms: Float64Array, nanos: Int32Array, row: number): void {
  let m = hi * 4294;
  let n = hi * 967_296 + lo;
  const carry = Math.floor(n / 1_000_000);
  m += carry;
  n -= carry * 1_000_000;
  ms[row] = m;
  nanos[row] = n;
}

/**
 * Span events and links as JSON arrays (SPEC §5):
 *   events: [{"time":"<RFC 3339, ns>","name":"...","attributes":{...}}, ...]
 *   links:  [{"trace_id":"<hex>","span_id":"<hex>","trace_state":"..."|null,"attributes":{...},"flags":n}, ...]
 * Event times are RFC 3339 strings with nanoseconds: exact (a JSON number of ns would
 * not survive a float64 parse) and readable; ids are lowercase hex (null when empty).
 */
import { formatRfc3339Nanos } from '../../../columnar/index.ts';
import { quoteJson } from '../canonical-json.ts';
import { decodeUtf8, type StringPool, type WireReader } from '../wire/index.ts';
import type { AttributeRunCache } from './attribute-runs.ts';

export const EMPTY_JSON_ARRAY = '[]';

export class SpanEventReader {
  constructor(
    private readonly pool: StringPool,
    private readonly runs: AttributeRunCache,
  ) {}

  /** Reads an Event message and appends it to the JSON array text `list`. */
  appendEvent(list: string, r: WireReader, end: number): string {
    const msgStart = r.pos;
    let lo = 0, hi = 0;
    let name = '';
    const attrs = { start: -1, end: -1, split: false };
    while (r.pos < end) {
      const tagPos = r.pos;
      const tag = r.uint32();
      if (tag === 0x09) {
        r.fixed64();
        lo = r.lo;
        hi = r.hi;
      } else if (tag === 0x12) {
        const e = r.lengthEnd(end);
        name = decodeUtf8(r.buf, r.pos, e);
        r.pos = e;
      } else if (tag === 0x1a) this.track(attrs, r, tagPos, end);
      else r.skip(tag & 7, end, tag >>> 3);
    }
    r.finishMessage(end);
    let ms = hi * 4294;
    let nanos = hi * 967_296 + lo;
    const carry = Math.floor(nanos / 1_000_000);
    ms += carry;
    nanos -= carry * 1_000_000;
    const json = `{"time":"${formatRfc3339Nanos(ms, nanos)}","name":${quoteJson(name)},"attributes":${this.attributes(attrs, r, msgStart, end, 3)}}`;
    return appendItem(list, json);
  }

  /** Reads a Link message and appends it to the JSON array text `list`. */
  appendLink(list: string, r: WireReader, end: number): string {
    const msgStart = r.pos;
    let traceId = 'null';
    let spanId = 'null';
    let traceState = 'null';
    let flags = 0;
    const attrs = { start: -1, end: -1, split: false };
    while (r.pos < end) {
      const tagPos = r.pos;
      const tag = r.uint32();
      if (tag === 0x0a || tag === 0x12 || tag === 0x1a) {
        const e = r.lengthEnd(end);
        if (e > r.pos) {
          const text = tag === 0x1a ? quoteJson(decodeUtf8(r.buf, r.pos, e)) : `"${r.buf.subarray(r.pos, e).toHex()}"`;
          if (tag === 0x0a) traceId = text;
          else if (tag === 0x12) spanId = text;
          else traceState = text;
        }
        r.pos = e;
      } else if (tag === 0x22) this.track(attrs, r, tagPos, end);
      else if (tag === 0x35) flags = r.fixed32();
      else r.skip(tag & 7, end, tag >>> 3);
    }
    r.finishMessage(end);
    const json = `{"trace_id":${traceId},"span_id":${spanId},"trace_state":${traceState},"attributes":${this.attributes(attrs, r, msgStart, end, 4)},"flags":${flags}}`;
    return appendItem(list, json);
  }

  private track(attrs: { start: number; end: number; split: boolean }, r: WireReader, tagPos: number, end: number): void {
    const e = r.lengthEnd(end);
    if (attrs.start < 0) attrs.start = tagPos;
    else if (tagPos !== attrs.end) attrs.split = true;
    attrs.end = e;
    r.pos = e;
  }

  private attributes(attrs: { start: number; end: number; split: boolean }, r: WireReader, msgStart: number, end: number, field: number): string {
    const runs = this.runs;
    const run = attrs.split
      ? runs.lookupScattered(r.buf, msgStart, end, field)
      : attrs.start < 0
        ? runs.lookup(r.buf, 0, 0)
        : runs.lookup(r.buf, attrs.start, attrs.end);
    return this.pool.strings[runs.jsonId(run)];
  }
}

function appendItem(list: string, item: string): string {
  return list === EMPTY_JSON_ARRAY ? `[${item}]` : list.slice(0, -1) + ',' + item + ']';
}

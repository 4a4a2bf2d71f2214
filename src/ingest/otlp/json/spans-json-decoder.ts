/** ExportTraceServiceRequest in OTLP/JSON → SpansRows (same rows as the protobuf decoder). */
import { formatRfc3339Nanos } from '../../../columnar/index.ts';
import { quoteJson } from '../canonical-json.ts';
import { windowMessage, type DecodeContext } from '../decode-context.ts';
import { applyScope } from '../envelope-rows.ts';
import { REJECT_INVALID_ID, REJECT_SPAN_TIMES, REJECT_TIMESTAMP, type RejectionTally } from '../rejection-tally.ts';
import type { SpansRows } from '../rows/index.ts';
import type { StringPool } from '../wire/index.ts';
import { attributesOf } from './any-value-json.ts';
import { walkEnvelope } from './json-envelope.ts';
import { arrayOf, enumNames, enumOf, idBytes, integerNumber, JsonPath, JsonTime, objectOrNull, stringOf, type JsonObject } from './json-values.ts';

const KINDS = enumNames('SPAN_KIND_', ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER']);
const STATUS = enumNames('STATUS_CODE_', ['UNSET', 'OK', 'ERROR']);
const NAMES = { resources: 'resourceSpans', scopes: 'scopeSpans', items: 'spans' };

export class SpansJsonDecoder {
  private ctx!: DecodeContext;
  private readonly path = new JsonPath();
  private readonly start = new JsonTime();
  private readonly end = new JsonTime();
  private readonly eventTime = new JsonTime();

  constructor(
    private readonly rows: SpansRows,
    private readonly pool: StringPool,
    private readonly tally: RejectionTally,
  ) {}

  /** Decodes `doc`; `reparsed` is true when it comes from decodeJsonRequest's exact second parse. */
  decode(doc: JsonObject, ctx: DecodeContext, reparsed = false): void {
    this.ctx = ctx;
    this.path.reset(!reparsed);
    walkEnvelope(doc, NAMES, this.path, this.rows, this.pool, this.tally, (v, i) => this.span(v, i));
  }

  private span(v: unknown, index: number): void {
    const path = this.path;
    const s = objectOrNull(v, path, index) ?? {};
    path.in(index);
    const ctx = this.ctx;
    const rows = this.rows;
    const pool = this.pool;
    const traceId = idBytes(s.traceId, path, 'traceId', 16);
    const spanId = idBytes(s.spanId, path, 'spanId', 8);
    const parent = idBytes(s.parentSpanId, path, 'parentSpanId', 8);
    const traceState = stringOf(s.traceState, path, 'traceState');
    const name = stringOf(s.name, path, 'name');
    const kind = enumOf(s.kind, path, 'kind', KINDS);
    const start = this.start.read(s.startTimeUnixNano, path, 'startTimeUnixNano');
    const end = this.end.read(s.endTimeUnixNano, path, 'endTimeUnixNano');
    const attrs = attributesOf(s.attributes, path);
    const status = objectOrNull(s.status, path, 'status');
    path.in('status');
    const statusCode = enumOf(status?.code, path, 'code', STATUS);
    const statusMessage = stringOf(status?.message, path, 'message');
    path.out();
    const flags = integerNumber(s.flags, path, 'flags', true);
    const events = this.events(s.events);
    const links = this.links(s.links);
    path.out();

    if (
      traceId === null ||
      spanId === null ||
      parent === null ||
      traceId.length !== 16 ||
      spanId.length !== 8 ||
      (parent.length !== 0 && parent.length !== 8) ||
      isZero(traceId) ||
      isZero(spanId)
    ) {
      this.tally.add(REJECT_INVALID_ID, 1, () => 'span: traceId must be 32 and spanId 16 non-zero hex digits (parentSpanId 16 or empty)');
      return;
    }
    const startMs = start.ms;
    const startNanos = start.nanos;
    if (startMs < ctx.minMs || startMs > ctx.maxMs) {
      this.tally.add(REJECT_TIMESTAMP, 1, () => windowMessage(ctx, 'span start', startMs, startNanos));
      return;
    }
    const duration = (end.ms - startMs) * 1_000_000 + (end.nanos - startNanos);
    if (duration < 0) {
      this.tally.add(REJECT_SPAN_TIMES, 1, () => 'span: end_time_unix_nano is before start_time_unix_nano');
      return;
    }
    if (attrs.violation >= 0) {
      const message = attrs.violationMessage;
      this.tally.add(attrs.violation, 1, () => `span: ${message}`);
      return;
    }
    const row = rows.next();
    rows.tsMs[row] = startMs;
    rows.tsNanos[row] = startNanos;
    rows.endMs[row] = end.ms;
    rows.endNanos[row] = end.nanos;
    rows.duration[row] = duration;
    rows.traceId[row] = rows.traceIds.code(traceId, 0, 16);
    rows.spanId[row] = rows.spanIds.code(spanId, 0, 8);
    rows.parentSpanId[row] = parent.length === 0 || isZero(parent) ? -1 : rows.spanIds.code(parent, 0, 8);
    rows.traceState[row] = traceState === '' ? -1 : rows.traceStates.codeOfString(traceState);
    rows.name[row] = pool.internString(name);
    rows.kind[row] = kind >= 0 && kind <= 5 ? kind : 0;
    rows.statusCode[row] = statusCode >= 0 && statusCode <= 2 ? statusCode : 0;
    rows.statusMessage[row] = statusMessage === '' ? -1 : rows.statusMessages.codeOfString(statusMessage);
    rows.attributes[row] = pool.internString(attrs.json);
    rows.events[row] = rows.eventDict.code(events);
    rows.links[row] = rows.linkDict.code(links);
    rows.flags[row] = flags;
    rows.length = row + 1;
  }

  /** Events as the JSON array text of span-events.ts. */
  private events(v: unknown): string {
    const path = this.path;
    const list = arrayOf(v, path, 'events');
    if (list.length === 0) return '[]';
    path.in('events');
    let out = '';
    for (let i = 0; i < list.length; i++) {
      const e = objectOrNull(list[i], path, i) ?? {};
      path.in(i);
      const t = this.eventTime.read(e.timeUnixNano, path, 'timeUnixNano');
      const json = `{"time":"${formatRfc3339Nanos(t.ms, t.nanos)}","name":${quoteJson(stringOf(e.name, path, 'name'))},"attributes":${attributesOf(e.attributes, path).json}}`;
      path.out();
      out = out.length === 0 ? json : out + ',' + json;
    }
    path.out();
    return `[${out}]`;
  }

  /** Links as the JSON array text of span-events.ts. */
  private links(v: unknown): string {
    const path = this.path;
    const list = arrayOf(v, path, 'links');
    if (list.length === 0) return '[]';
    path.in('links');
    let out = '';
    for (let i = 0; i < list.length; i++) {
      const l = objectOrNull(list[i], path, i) ?? {};
      path.in(i);
      const hex = (id: unknown, key: string, bytes: number): string => {
        const b = idBytes(id, path, key, bytes);
        if (b === null) return quoteJson(stringOf(id, path, key).toLowerCase());
        return b.length === 0 ? 'null' : `"${b.toHex()}"`;
      };
      const state = stringOf(l.traceState, path, 'traceState');
      const json =
        `{"trace_id":${hex(l.traceId, 'traceId', 16)},"span_id":${hex(l.spanId, 'spanId', 8)},` +
        `"trace_state":${state === '' ? 'null' : quoteJson(state)},"attributes":${attributesOf(l.attributes, path).json},` +
        `"flags":${integerNumber(l.flags, path, 'flags', true)}}`;
      path.out();
      out = out.length === 0 ? json : out + ',' + json;
    }
    path.out();
    return `[${out}]`;
  }
}

function isZero(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

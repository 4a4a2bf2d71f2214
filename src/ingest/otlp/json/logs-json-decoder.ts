/** ExportLogsServiceRequest in OTLP/JSON → LogsRows (same rows as the protobuf decoder). */
import { summarizeAttributes } from '../attribute-summary.ts';
import { truncateStringBody, withTruncationMarker } from '../body-truncation.ts';
import { utf8Length } from '../canonical-json.ts';
import { windowMessage, type DecodeContext } from '../decode-context.ts';
import { MAX_LOG_BODY_BYTES } from '../../ingest-limits.ts';
import { REJECT_INVALID_ID, REJECT_TIMESTAMP, type RejectionTally } from '../rejection-tally.ts';
import type { LogsRows } from '../rows/index.ts';
import type { StringPool } from '../wire/index.ts';
import { anyValueJsonOf, keyValueEntriesOf } from './any-value-json.ts';
import { walkEnvelope } from './json-envelope.ts';
import { enumNames, enumOf, idBytes, integerNumber, JsonPath, JsonTime, objectOrNull, stringOf, type JsonObject } from './json-values.ts';

const SEVERITY = enumNames(
  'SEVERITY_NUMBER_',
  ['UNSPECIFIED', ...['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'].flatMap((s) => [s, `${s}2`, `${s}3`, `${s}4`])],
);
const NAMES = { resources: 'resourceLogs', scopes: 'scopeLogs', items: 'logRecords' };

export class LogsJsonDecoder {
  private ctx!: DecodeContext;
  private readonly path = new JsonPath();
  private readonly time = new JsonTime();
  private readonly observed = new JsonTime();

  constructor(
    private readonly rows: LogsRows,
    private readonly pool: StringPool,
    private readonly tally: RejectionTally,
  ) {}

  /** Decodes `doc`; `reparsed` is true when it comes from decodeJsonRequest's exact second parse. */
  decode(doc: JsonObject, ctx: DecodeContext, reparsed = false): void {
    this.ctx = ctx;
    this.path.reset(!reparsed);
    walkEnvelope(doc, NAMES, this.path, this.rows, this.pool, this.tally, (v, i) => this.record(v, i));
  }

  private record(v: unknown, index: number): void {
    const path = this.path;
    const rec = objectOrNull(v, path, index) ?? {};
    path.in(index);
    const ctx = this.ctx;
    const rows = this.rows;
    const pool = this.pool;
    const t = this.time.read(rec.timeUnixNano, path, 'timeUnixNano');
    const o = this.observed.read(rec.observedTimeUnixNano, path, 'observedTimeUnixNano');
    const severity = enumOf(rec.severityNumber, path, 'severityNumber', SEVERITY);
    const severityText = stringOf(rec.severityText, path, 'severityText');
    const eventName = stringOf(rec.eventName, path, 'eventName');
    const flags = integerNumber(rec.flags, path, 'flags', true);
    const entries = keyValueEntriesOf(rec.attributes, path, 'attributes');
    const bodyJson = rec.body === undefined || rec.body === null ? null : anyValueJsonOf(rec.body, path, 'body');
    const traceId = idBytes(rec.traceId, path, 'traceId', 16);
    const spanId = idBytes(rec.spanId, path, 'spanId', 8);
    path.out();

    const ms = t.present ? t.ms : o.present ? o.ms : ctx.receiveTimeMs;
    const nanos = t.present ? t.nanos : o.present ? o.nanos : 0;
    if (ms < ctx.minMs || ms > ctx.maxMs) {
      this.tally.add(REJECT_TIMESTAMP, 1, () => windowMessage(ctx, 'log record', ms, nanos));
      return;
    }
    if (traceId === null || spanId === null || (traceId.length !== 0 && traceId.length !== 16) || (spanId.length !== 0 && spanId.length !== 8)) {
      this.tally.add(REJECT_INVALID_ID, 1, () => 'log record: traceId must be 32 and spanId 16 hex digits');
      return;
    }
    let attrs = summarizeAttributes(entries.slice());
    if (attrs.violation >= 0) {
      const message = attrs.violationMessage;
      this.tally.add(attrs.violation, 1, () => `log record: ${message}`);
      return;
    }

    const row = rows.next();
    if (bodyJson === null || bodyJson === 'null') rows.body[row] = -1;
    else {
      let text = bodyJson.charCodeAt(0) === 34 ? (JSON.parse(bodyJson) as string) : bodyJson;
      if (text.length * 3 > MAX_LOG_BODY_BYTES) {
        const size = utf8Length(text);
        if (size > MAX_LOG_BODY_BYTES) {
          text = truncateStringBody(text);
          attrs = withTruncationMarker(entries, size);
        }
      }
      rows.body[row] = rows.bodies.codeOfString(text);
    }
    rows.tsMs[row] = ms;
    rows.tsNanos[row] = nanos;
    rows.observedMs[row] = o.ms;
    rows.observedNanos[row] = o.nanos;
    rows.observedValid[row] = o.present ? 1 : 0;
    rows.severity[row] = severity;
    rows.severityText[row] = severityText === '' ? -1 : pool.internString(severityText);
    rows.eventName[row] = eventName === '' ? -1 : pool.internString(eventName);
    rows.traceId[row] = traceId.length === 0 || isZero(traceId) ? -1 : rows.traceIds.code(traceId, 0, traceId.length);
    rows.spanId[row] = spanId.length === 0 || isZero(spanId) ? -1 : rows.spanIds.code(spanId, 0, spanId.length);
    rows.flags[row] = flags;
    rows.attributes[row] = pool.internString(attrs.json);
    rows.length = row + 1;
  }
}

function isZero(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

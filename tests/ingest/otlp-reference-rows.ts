/**
 * An independent, deliberately plain model of what the decoders must produce: it turns
 * an OTLP request as a JS object (protobufjs `toObject` output as in
 * tests/fixtures/otlp/*.pb.decoded.json, or OTLP/JSON) into the expected table rows, in
 * the shape `batchToRows` returns. It shares no code with src/ingest, so a bug in the
 * real decoder cannot hide in both.
 */
import protobuf from 'protobufjs';
import { readFileSync } from 'node:fs';
import type { TableName } from '../../src/columnar/index.ts';

type Obj = Record<string, unknown>;
export type Row = Record<string, null | boolean | number | string | bigint>;

const PROTO_FILES = [
  'opentelemetry/proto/common/v1/common.proto',
  'opentelemetry/proto/resource/v1/resource.proto',
  'opentelemetry/proto/metrics/v1/metrics.proto',
  'opentelemetry/proto/logs/v1/logs.proto',
  'opentelemetry/proto/trace/v1/trace.proto',
  'opentelemetry/proto/collector/metrics/v1/metrics_service.proto',
  'opentelemetry/proto/collector/logs/v1/logs_service.proto',
  'opentelemetry/proto/collector/trace/v1/trace_service.proto',
];

const REQUEST_TYPES: Record<TableName, string> = {
  metrics: 'opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest',
  logs: 'opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest',
  spans: 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
};

/** protobufjs types with camelCase field names (the format of *.pb.decoded.json). */
export function loadCamelCaseProto(): protobuf.Root {
  const root = new protobuf.Root();
  for (const f of PROTO_FILES) protobuf.parse(readFileSync(`${import.meta.dir}/../../proto/${f}`, 'utf8'), root, { keepCase: false });
  root.resolveAll();
  return root;
}

/** Decodes a protobuf request with protobufjs into the *.pb.decoded.json format. */
export function protobufjsObject(root: protobuf.Root, table: TableName, body: Uint8Array): Obj {
  const type = root.lookupType(REQUEST_TYPES[table]);
  return type.toObject(type.decode(body), { longs: String, enums: String, bytes: String }) as Obj;
}

/** Encodes a request object (camelCase, protobufjs conventions) as protobuf. */
export function encodeRequest(root: protobuf.Root, table: TableName, request: Obj): Uint8Array {
  const type = root.lookupType(REQUEST_TYPES[table]);
  return type.encode(type.fromObject(request)).finish();
}

const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' ? (v as Obj) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const big = (v: unknown): bigint => (v === undefined || v === null || v === '' ? 0n : BigInt(v as string | number));

function doubleJson(x: number): string {
  if (Number.isNaN(x)) return '"NaN"';
  if (x === Infinity) return '"Infinity"';
  if (x === -Infinity) return '"-Infinity"';
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return Object.is(x, -0) ? '-0.0' : `${x}.0`;
  return String(x);
}

function plainDouble(v: unknown): string {
  const x = toDouble(v);
  if (Number.isNaN(x)) return '"NaN"';
  if (!Number.isFinite(x)) return x > 0 ? '"Infinity"' : '"-Infinity"';
  return String(x);
}

function toDouble(v: unknown): number {
  if (v === undefined || v === null) return 0;
  return typeof v === 'number' ? v : Number(v);
}

/** Canonical JSON of an AnyValue object. */
export function anyValueJson(v: unknown): string {
  const o = obj(v);
  if ('stringValue' in o) return JSON.stringify(o.stringValue);
  if ('boolValue' in o) return o.boolValue ? 'true' : 'false';
  if ('intValue' in o) return big(o.intValue).toString();
  if ('doubleValue' in o) return doubleJson(toDouble(o.doubleValue));
  if ('arrayValue' in o) return '[' + arr(obj(o.arrayValue).values).map(anyValueJson).join(',') + ']';
  if ('kvlistValue' in o) return attributesJson(obj(o.kvlistValue).values);
  if ('bytesValue' in o) return JSON.stringify(Buffer.from(str(o.bytesValue), 'base64').toString('base64'));
  return 'null';
}

/** Canonical JSON object of a KeyValue list (sorted keys, last duplicate wins). */
export function attributesJson(list: unknown): string {
  const map = new Map<string, string>();
  for (const kv of arr(list)) map.set(str(kv.key), anyValueJson(kv.value));
  const keys = [...map.keys()].sort();
  return '{' + keys.map((k) => `${JSON.stringify(k)}:${map.get(k)}`).join(',') + '}';
}

function serviceName(resource: Obj): string {
  let name = '';
  for (const kv of arr(resource.attributes)) if (kv.key === 'service.name' && 'stringValue' in obj(kv.value)) name = str(obj(kv.value).stringValue);
  return name === '' ? 'unknown_service' : name;
}

/** Hex of an id given as base64 (protobufjs) or hex (OTLP/JSON); null when empty. */
function hexId(v: unknown): string | null {
  const s = str(v);
  if (s === '') return null;
  const hex = /^[0-9a-fA-F]+$/.test(s) && (s.length === 32 || s.length === 16) ? s.toLowerCase() : Buffer.from(s, 'base64').toString('hex');
  return /^0+$/.test(hex) ? null : hex;
}

function envelope(resource: Obj, scope: Obj, tenant: string): Row {
  return {
    tenant_id: tenant,
    service_name: serviceName(resource),
    resource: attributesJson(resource.attributes),
    scope_name: str(scope.name) || null,
    scope_version: str(scope.version) || null,
  };
}

function enumValue(v: unknown, names: readonly string[]): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const i = names.findIndex((n) => v.endsWith(`_${n}`));
    return i < 0 ? Number(v) : i;
  }
  return 0;
}

const TEMPORALITY = ['UNSPECIFIED', 'DELTA', 'CUMULATIVE'];

/** Expected metrics rows. */
export function referenceMetricRows(request: Obj, tenant = 'default'): Row[] {
  const rows: Row[] = [];
  for (const rm of arr(request.resourceMetrics)) {
    for (const sm of arr(rm.scopeMetrics)) {
      for (const m of arr(sm.metrics)) {
        const kinds: [string, string][] = [
          ['gauge', 'gauge'],
          ['sum', 'sum'],
          ['histogram', 'histogram'],
          ['exponentialHistogram', 'exponential_histogram'],
          ['summary', 'summary'],
        ];
        for (const [key, type] of kinds) {
          if (!(key in m)) continue;
          const data = obj(m[key]);
          const t = enumValue(data.aggregationTemporality, TEMPORALITY);
          for (const p of arr(data.dataPoints)) {
            const row: Row = {
              ...envelope(obj(rm.resource), obj(sm.scope), tenant),
              timestamp: big(p.timeUnixNano),
              start_timestamp: big(p.startTimeUnixNano) === 0n ? null : big(p.startTimeUnixNano),
              name: str(m.name),
              type,
              unit: str(m.unit) || null,
              description: str(m.description) || null,
              temporality: type === 'gauge' || type === 'summary' ? null : t === 1 ? 'delta' : t === 2 ? 'cumulative' : null,
              is_monotonic: type === 'sum' ? Boolean(data.isMonotonic) : null,
              value: null,
              count: null,
              sum: null,
              min: null,
              max: null,
              buckets: null,
              flags: Number(p.flags ?? 0),
              attributes: attributesJson(p.attributes),
            };
            if (type === 'gauge' || type === 'sum') {
              row.value = 'asDouble' in p ? toDouble(p.asDouble) : 'asInt' in p ? Number(big(p.asInt)) : null;
            } else {
              row.count = Number(big(p.count));
              row.sum = 'sum' in p || type === 'summary' ? toDouble(p.sum) : null;
              row.min = 'min' in p && type !== 'summary' ? toDouble(p.min) : null;
              row.max = 'max' in p && type !== 'summary' ? toDouble(p.max) : null;
              const counts = (v: unknown) => arr(v).map((c) => big(c).toString()).join(',');
              if (type === 'histogram') {
                row.buckets = `{"bounds":[${arr(p.explicitBounds).map(plainDouble).join(',')}],"counts":[${counts(p.bucketCounts)}]}`;
              } else if (type === 'exponential_histogram') {
                const side = (s: unknown) => `{"offset":${Number(obj(s).offset ?? 0)},"counts":[${counts(obj(s).bucketCounts)}]}`;
                row.buckets = `{"scale":${Number(p.scale ?? 0)},"zero_count":${big(p.zeroCount)},"zero_threshold":${plainDouble(p.zeroThreshold)},"positive":${side(p.positive)},"negative":${side(p.negative)}}`;
              } else {
                const qs = arr(p.quantileValues).map((q) => `{"quantile":${plainDouble(q.quantile)},"value":${plainDouble(q.value)}}`);
                row.buckets = `{"quantiles":[${qs.join(',')}]}`;
              }
            }
            rows.push(row);
          }
        }
      }
    }
  }
  return rows;
}

const SEVERITY = ['UNSPECIFIED', ...['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'].flatMap((s) => [s, `${s}2`, `${s}3`, `${s}4`])];

/** Expected logs rows (records with time 0 take the observed time; both 0 → receiveTimeNs). */
export function referenceLogRows(request: Obj, receiveTimeNs: bigint, tenant = 'default'): Row[] {
  const rows: Row[] = [];
  for (const rl of arr(request.resourceLogs)) {
    for (const sl of arr(rl.scopeLogs)) {
      for (const r of arr(sl.logRecords)) {
        const time = big(r.timeUnixNano);
        const observed = big(r.observedTimeUnixNano);
        const body = r.body === undefined ? null : anyValueJson(r.body);
        rows.push({
          ...envelope(obj(rl.resource), obj(sl.scope), tenant),
          timestamp: time !== 0n ? time : observed !== 0n ? observed : receiveTimeNs,
          observed_timestamp: observed === 0n ? null : observed,
          severity_number: enumValue(r.severityNumber, SEVERITY),
          severity_text: str(r.severityText) || null,
          body: body === null || body === 'null' ? null : body.startsWith('"') ? (JSON.parse(body) as string) : body,
          event_name: str(r.eventName) || null,
          trace_id: hexId(r.traceId),
          span_id: hexId(r.spanId),
          flags: Number(r.flags ?? 0),
          attributes: attributesJson(r.attributes),
        });
      }
    }
  }
  return rows;
}

const KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const STATUS = ['UNSET', 'OK', 'ERROR'];

function rfc3339(ns: bigint): string {
  const ms = ns / 1_000_000n;
  const iso = new Date(Number(ms)).toISOString();
  return `${iso.slice(0, 19)}.${(ns % 1_000_000_000n).toString().padStart(9, '0')}Z`;
}

/** Expected spans rows. */
export function referenceSpanRows(request: Obj, tenant = 'default'): Row[] {
  const rows: Row[] = [];
  for (const rs of arr(request.resourceSpans)) {
    for (const ss of arr(rs.scopeSpans)) {
      for (const s of arr(ss.spans)) {
        const start = big(s.startTimeUnixNano);
        const end = big(s.endTimeUnixNano);
        const status = obj(s.status);
        const events = arr(s.events).map(
          (e) => `{"time":"${rfc3339(big(e.timeUnixNano))}","name":${JSON.stringify(str(e.name))},"attributes":${attributesJson(e.attributes)}}`,
        );
        const links = arr(s.links).map(
          (l) =>
            `{"trace_id":${JSON.stringify(hexId(l.traceId))},"span_id":${JSON.stringify(hexId(l.spanId))},` +
            `"trace_state":${str(l.traceState) ? JSON.stringify(l.traceState) : 'null'},"attributes":${attributesJson(l.attributes)},"flags":${Number(l.flags ?? 0)}}`,
        );
        rows.push({
          tenant_id: tenant,
          timestamp: start,
          end_timestamp: end,
          duration_ns: Number(end - start),
          trace_id: hexId(s.traceId),
          span_id: hexId(s.spanId),
          parent_span_id: hexId(s.parentSpanId),
          trace_state: str(s.traceState) || null,
          name: str(s.name),
          kind: KINDS[enumValue(s.kind, KINDS)] ?? 'UNSPECIFIED',
          status_code: STATUS[enumValue(status.code, STATUS)] ?? 'UNSET',
          status_message: str(status.message) || null,
          service_name: serviceName(obj(rs.resource)),
          attributes: attributesJson(s.attributes),
          resource: attributesJson(obj(rs.resource).attributes),
          scope_name: str(obj(ss.scope).name) || null,
          scope_version: str(obj(ss.scope).version) || null,
          events: `[${events.join(',')}]`,
          links: `[${links.join(',')}]`,
          flags: Number(s.flags ?? 0),
        });
      }
    }
  }
  return rows;
}

/** Expected rows of any table. */
export function referenceRows(table: TableName, request: Obj, receiveTimeNs: bigint, tenant = 'default'): Row[] {
  if (table === 'metrics') return referenceMetricRows(request, tenant);
  if (table === 'logs') return referenceLogRows(request, receiveTimeNs, tenant);
  return referenceSpanRows(request, tenant);
}

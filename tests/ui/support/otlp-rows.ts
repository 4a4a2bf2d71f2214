/**
 * Flattens OTLP/JSON export requests into rows with the column names of SPEC §5, for the
 * UI tests' stand-in backend (stand-in-server.ts). Only what the UI tests send is
 * handled: string/int/double/bool attribute values, string bodies, gauge and sum points.
 */

type Json = Record<string, unknown>;
type AnyValue = { stringValue?: string; intValue?: string | number; doubleValue?: number; boolValue?: boolean };
type KeyValue = { key: string; value: AnyValue };

const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

function anyValue(v: AnyValue | undefined): unknown {
  if (!v) return null;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.boolValue !== undefined) return v.boolValue;
  return null;
}

/** Canonical JSON of an attribute list (keys sorted). */
export function attributesJson(list: unknown): string {
  const kvs = (Array.isArray(list) ? list : []) as KeyValue[];
  const obj: Record<string, unknown> = {};
  for (const kv of [...kvs].sort((a, b) => (a.key < b.key ? -1 : 1))) obj[kv.key] = anyValue(kv.value);
  return JSON.stringify(obj);
}

function serviceName(resource: Json | undefined): string {
  const kv = ((resource?.attributes ?? []) as KeyValue[]).find((a) => a.key === 'service.name');
  return typeof kv?.value.stringValue === 'string' && kv.value.stringValue ? kv.value.stringValue : 'unknown_service';
}

const KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const STATUS = ['UNSET', 'OK', 'ERROR'];
const ns = (v: unknown): bigint => BigInt(String(v ?? '0'));

export type Row = Record<string, string | number | boolean | bigint | null>;

export function logRows(body: Json): Row[] {
  const out: Row[] = [];
  for (const rl of arr(body.resourceLogs)) {
    const resource = rl.resource as Json | undefined;
    for (const sl of arr(rl.scopeLogs)) {
      const scope = (sl.scope ?? {}) as Json;
      for (const r of arr(sl.logRecords)) {
        const t = ns(r.timeUnixNano);
        const observed = ns(r.observedTimeUnixNano);
        out.push({
          timestamp: t === 0n ? (observed === 0n ? BigInt(Date.now()) * 1_000_000n : observed) : t,
          observed_timestamp: observed === 0n ? null : observed,
          severity_number: Number(r.severityNumber ?? 0),
          severity_text: (r.severityText as string) ?? null,
          body: anyValue(r.body as AnyValue) === null ? null : String(anyValue(r.body as AnyValue)),
          event_name: (r.eventName as string) ?? null,
          trace_id: r.traceId ? String(r.traceId).toLowerCase() : null,
          span_id: r.spanId ? String(r.spanId).toLowerCase() : null,
          flags: Number(r.flags ?? 0),
          service_name: serviceName(resource),
          attributes: attributesJson(r.attributes),
          resource: attributesJson(resource?.attributes),
          scope_name: (scope.name as string) ?? null,
          scope_version: (scope.version as string) ?? null,
        });
      }
    }
  }
  return out;
}

export function spanRows(body: Json): Row[] {
  const out: Row[] = [];
  for (const rs of arr(body.resourceSpans)) {
    const resource = rs.resource as Json | undefined;
    for (const ss of arr(rs.scopeSpans)) {
      const scope = (ss.scope ?? {}) as Json;
      for (const s of arr(ss.spans)) {
        const start = ns(s.startTimeUnixNano);
        const end = ns(s.endTimeUnixNano);
        const status = (s.status ?? {}) as Json;
        out.push({
          timestamp: start,
          end_timestamp: end,
          duration_ns: end - start,
          trace_id: String(s.traceId).toLowerCase(),
          span_id: String(s.spanId).toLowerCase(),
          parent_span_id: s.parentSpanId ? String(s.parentSpanId).toLowerCase() : null,
          trace_state: (s.traceState as string) ?? null,
          name: String(s.name),
          kind: KINDS[Number(s.kind ?? 0)] ?? 'UNSPECIFIED',
          status_code: STATUS[Number(status.code ?? 0)] ?? 'UNSET',
          status_message: (status.message as string) ?? null,
          service_name: serviceName(resource),
          attributes: attributesJson(s.attributes),
          resource: attributesJson(resource?.attributes),
          scope_name: (scope.name as string) ?? null,
          scope_version: (scope.version as string) ?? null,
          events: JSON.stringify(arr(s.events).map((e) => ({ time: String(e.timeUnixNano), name: e.name, attributes: JSON.parse(attributesJson(e.attributes)) }))),
          links: JSON.stringify(arr(s.links).map((l) => ({ trace_id: l.traceId, span_id: l.spanId, attributes: JSON.parse(attributesJson(l.attributes)) }))),
          flags: Number(s.flags ?? 0),
        });
      }
    }
  }
  return out;
}

export function metricRows(body: Json): Row[] {
  const out: Row[] = [];
  for (const rm of arr(body.resourceMetrics)) {
    const resource = rm.resource as Json | undefined;
    for (const sm of arr(rm.scopeMetrics)) {
      const scope = (sm.scope ?? {}) as Json;
      for (const m of arr(sm.metrics)) {
        const kind = m.gauge ? 'gauge' : m.sum ? 'sum' : null;
        if (!kind) continue;
        const data = (m.gauge ?? m.sum) as Json;
        const temporality = kind === 'sum' ? (Number(data.aggregationTemporality) === 1 ? 'delta' : 'cumulative') : null;
        for (const p of arr(data.dataPoints)) {
          out.push({
            timestamp: ns(p.timeUnixNano),
            start_timestamp: p.startTimeUnixNano ? ns(p.startTimeUnixNano) : null,
            name: String(m.name),
            type: kind,
            unit: (m.unit as string) ?? null,
            temporality,
            is_monotonic: kind === 'sum' ? data.isMonotonic === true : null,
            value: p.asDouble !== undefined ? Number(p.asDouble) : Number(p.asInt ?? 0),
            count: null,
            sum: null,
            min: null,
            max: null,
            buckets: null,
            flags: Number(p.flags ?? 0),
            service_name: serviceName(resource),
            attributes: attributesJson(p.attributes),
            resource: attributesJson(resource?.attributes),
            scope_name: (scope.name as string) ?? null,
            scope_version: (scope.version as string) ?? null,
          });
        }
      }
    }
  }
  return out;
}

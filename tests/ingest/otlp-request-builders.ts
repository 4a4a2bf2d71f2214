/**
 * Builders for OTLP requests in the protobufjs object form (camelCase, int64 as strings,
 * bytes as base64, enums by name), plus their two wire encodings: protobuf (protobufjs)
 * and OTLP/JSON (ids as hex, non-finite doubles as strings). Tests send the same request
 * both ways and expect identical rows.
 */
import type protobuf from 'protobufjs';
import type { TableName } from '../../src/columnar/index.ts';
import { encodeRequest } from './otlp-reference-rows.ts';

export type Obj = Record<string, unknown>;

export const RECEIVE_MS = Date.UTC(2026, 10, 30, 12, 0, 0);
const RECEIVE_NS = BigInt(RECEIVE_MS) * 1_000_000n;

/** Nanosecond timestamp text `offsetMs` from the receive time (plus `extraNs`). */
export function ns(offsetMs: number, extraNs = 0): string {
  return (RECEIVE_NS + BigInt(offsetMs) * 1_000_000n + BigInt(extraNs)).toString();
}

export function kv(key: string, value: Obj): Obj {
  return { key, value };
}

export const str = (s: string): Obj => ({ stringValue: s });
export const int = (n: number | string): Obj => ({ intValue: String(n) });
export const dbl = (x: number): Obj => ({ doubleValue: x });
export const bool = (b: boolean): Obj => ({ boolValue: b });

export function resourceAttrs(service = 'svc'): Obj[] {
  return [kv('service.name', str(service)), kv('host.name', str('h1'))];
}

export function metricsRequest(metrics: Obj[], resource: Obj[] = resourceAttrs()): Obj {
  return { resourceMetrics: [{ resource: { attributes: resource }, scopeMetrics: [{ scope: { name: 'test-scope', version: '1.0' }, metrics }] }] };
}

export function logsRequest(logRecords: Obj[], resource: Obj[] = resourceAttrs()): Obj {
  return { resourceLogs: [{ resource: { attributes: resource }, scopeLogs: [{ scope: { name: 'test-scope' }, logRecords }] }] };
}

export function spansRequest(spans: Obj[], resource: Obj[] = resourceAttrs()): Obj {
  return { resourceSpans: [{ resource: { attributes: resource }, scopeSpans: [{ scope: { name: 'test-scope', version: '2' }, spans }] }] };
}

/** base64 of `n` bytes, each `fill`. */
export function idB64(n: number, fill: number): string {
  return Buffer.alloc(n, fill).toString('base64');
}

const ID_FIELDS = new Set(['traceId', 'spanId', 'parentSpanId']);

/** The OTLP/JSON text of a request object. */
export function toOtlpJson(request: Obj): string {
  const convert = (v: unknown, key: string): unknown => {
    if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
    if (typeof v === 'string' && ID_FIELDS.has(key)) return Buffer.from(v, 'base64').toString('hex');
    if (Array.isArray(v)) return v.map((x) => convert(x, key));
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convert(x, k)]));
    return v;
  };
  return JSON.stringify(convert(request, ''));
}

/** Both encodings of a request. */
export function encodeBoth(root: protobuf.Root, table: TableName, request: Obj): { protobuf: Uint8Array; json: Uint8Array } {
  return { protobuf: encodeRequest(root, table, request), json: new TextEncoder().encode(toOtlpJson(request)) };
}

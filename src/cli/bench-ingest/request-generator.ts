/**
 * Realistic OTLP Export requests for `pharlux bench ingest` and the decode benchmarks,
 * built once and pre-encoded so the generator spends no CPU per request:
 *  - metrics: 8 metric names (6 counters/gauges, 1 int sum, 1 histogram) over series
 *    of host/service/route/method/status attributes, `batch` points per request;
 *  - logs: `batch` records from a few services with templated bodies, severities,
 *    attributes and trace context;
 *  - traces: `batch` spans in traces of 10, with attributes, some events and errors.
 * Every request has one resource (service + host), so a pool of requests spreads over
 * many resources. Timestamps are `nowMs` (the caller generates them at start-up; a run
 * of minutes stays well inside the accepted window).
 */
import type { TableName } from '../../columnar/index.ts';
import { seededRandom } from '../../common/index.ts';
import type { OtlpProto } from '../../ingest/index.ts';

export type Signal = 'metrics' | 'logs' | 'traces';

export const SIGNAL_TABLES: Readonly<Record<Signal, TableName>> = { metrics: 'metrics', logs: 'logs', traces: 'spans' };

type Obj = Record<string, unknown>;

export interface GeneratedRequest {
  /** Rows the request carries (points, records or spans). */
  readonly rows: number;
  /** The request as an object in protobufjs camelCase form (int64 as strings, bytes as base64). */
  readonly object: Obj;
}

const SERVICES = ['checkout', 'payments', 'catalog', 'frontend', 'search', 'auth', 'cart', 'shipping'];
const ROUTES = ['/api/cart', '/api/pay', '/api/items', '/api/items/{id}', '/api/search', '/login', '/health', '/api/ship'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const STATUS = [200, 201, 400, 404, 500];
const METRIC_NAMES = [
  'http.server.request.count',
  'http.server.active_requests',
  'process.cpu.utilization',
  'process.memory.usage',
  'db.client.connections.usage',
  'queue.depth',
  'http.server.response.size',
  'http.server.request.duration',
];
const LATENCY_BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LOG_TEMPLATES = [
  'request completed',
  'cache miss for key',
  'user logged in',
  'payment authorised',
  'retrying upstream call after timeout',
  'order placed',
  'slow query detected',
  'connection reset by peer',
];

const kv = (key: string, value: Obj): Obj => ({ key, value });
const s = (v: string): Obj => ({ stringValue: v });
const i = (v: number): Obj => ({ intValue: String(v) });

function resource(index: number): Obj {
  const service = SERVICES[index % SERVICES.length];
  return {
    attributes: [
      kv('service.name', s(service)),
      kv('service.version', s('1.4.2')),
      kv('host.name', s(`host-${index % 16}`)),
      kv('deployment.environment', s('production')),
      kv('telemetry.sdk.language', s('go')),
    ],
  };
}

function nsText(ms: number, extraNs: number): string {
  return (BigInt(Math.floor(ms)) * 1_000_000n + BigInt(extraNs)).toString();
}

function bytesB64(rand: () => number, n: number): string {
  const b = new Uint8Array(n);
  for (let k = 0; k < n; k++) b[k] = Math.floor(rand() * 256);
  b[0] |= 1; // never all zero
  return b.toBase64();
}

/** One metrics request with `batch` points (8 metrics × batch/8 series). */
export function metricsRequest(index: number, batch: number, nowMs: number): GeneratedRequest {
  const rand = seededRandom(index + 1);
  const perMetric = Math.max(1, Math.floor(batch / METRIC_NAMES.length));
  let rows = 0;
  const metrics = METRIC_NAMES.map((name, m) => {
    const n = m === METRIC_NAMES.length - 1 ? batch - perMetric * (METRIC_NAMES.length - 1) : perMetric;
    const points: Obj[] = [];
    for (let p = 0; p < n; p++) {
      const attributes = [
        kv('http.route', s(ROUTES[p % ROUTES.length])),
        kv('http.request.method', s(METHODS[Math.floor(p / ROUTES.length) % METHODS.length])),
        kv('http.response.status_code', i(STATUS[Math.floor(p / (ROUTES.length * METHODS.length)) % STATUS.length])),
        kv('instance', s(`i-${p % 7}`)),
      ];
      const base = { attributes, startTimeUnixNano: nsText(nowMs - 3_600_000, 0), timeUnixNano: nsText(nowMs, p) };
      if (m === METRIC_NAMES.length - 1) {
        const counts = LATENCY_BOUNDS.map(() => String(Math.floor(rand() * 50)));
        counts.push(String(Math.floor(rand() * 3)));
        const count = counts.reduce((a, c) => a + Number(c), 0);
        points.push({ ...base, count: String(count), sum: rand() * count, bucketCounts: counts, explicitBounds: LATENCY_BOUNDS, min: 0.001, max: 9.5 });
      } else if (m === 6) points.push({ ...base, asInt: String(Math.floor(rand() * 1e6)) });
      else points.push({ ...base, asDouble: Math.round(rand() * 1e6) / 100 });
      rows++;
    }
    if (m === METRIC_NAMES.length - 1) return { name, unit: 's', histogram: { aggregationTemporality: 2, dataPoints: points } };
    if (m === 0 || m === 6) return { name, unit: m === 0 ? '{request}' : 'By', sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: points } };
    return { name, unit: '1', gauge: { dataPoints: points } };
  });
  return { rows, object: { resourceMetrics: [{ resource: resource(index), scopeMetrics: [{ scope: { name: 'bench-meter', version: '1.0.0' }, metrics }] }] } };
}

/** One logs request with `batch` records. */
export function logsRequest(index: number, batch: number, nowMs: number): GeneratedRequest {
  const rand = seededRandom(1000 + index);
  const logRecords: Obj[] = [];
  for (let r = 0; r < batch; r++) {
    const severity = [9, 9, 9, 5, 13, 17][r % 6];
    logRecords.push({
      timeUnixNano: nsText(nowMs, r * 1000),
      observedTimeUnixNano: nsText(nowMs, r * 1000 + 500),
      severityNumber: severity,
      severityText: severity === 9 ? 'INFO' : severity === 5 ? 'DEBUG' : severity === 13 ? 'WARN' : 'ERROR',
      body: s(`${LOG_TEMPLATES[r % LOG_TEMPLATES.length]} id=${Math.floor(rand() * 1e6)}`),
      attributes: [kv('http.route', s(ROUTES[r % ROUTES.length])), kv('user.id', i(Math.floor(rand() * 500))), kv('thread', s(`worker-${r % 8}`))],
      traceId: bytesB64(rand, 16),
      spanId: bytesB64(rand, 8),
      flags: 1,
    });
  }
  return { rows: batch, object: { resourceLogs: [{ resource: resource(index), scopeLogs: [{ scope: { name: 'bench-logger' }, logRecords }] }] } };
}

/** One traces request with `batch` spans (traces of 10 spans). */
export function tracesRequest(index: number, batch: number, nowMs: number): GeneratedRequest {
  const rand = seededRandom(2000 + index);
  const spans: Obj[] = [];
  let traceId = '';
  let rootId = '';
  for (let k = 0; k < batch; k++) {
    const spanId = bytesB64(rand, 8);
    if (k % 10 === 0) {
      traceId = bytesB64(rand, 16);
      rootId = spanId;
    }
    const startMs = nowMs - 1000 + k;
    const durationNs = 1000 + Math.floor(rand() * 50_000_000);
    const error = k % 25 === 7;
    spans.push({
      traceId,
      spanId,
      parentSpanId: k % 10 === 0 ? undefined : rootId,
      name: k % 10 === 0 ? `GET ${ROUTES[(k / 10) % ROUTES.length]}` : `SELECT orders.${k % 5}`,
      kind: k % 10 === 0 ? 2 : 3,
      startTimeUnixNano: nsText(startMs, 0),
      endTimeUnixNano: (BigInt(nsText(startMs, 0)) + BigInt(durationNs)).toString(),
      attributes: [kv('http.route', s(ROUTES[k % ROUTES.length])), kv('db.system', s('postgresql')), kv('net.peer.port', i(5432))],
      events: k % 10 === 3 ? [{ timeUnixNano: nsText(startMs, 500), name: 'retry', attributes: [kv('attempt', i(2))] }] : [],
      status: error ? { code: 2, message: 'deadline exceeded' } : { code: 0 },
      flags: 257,
    });
  }
  return { rows: batch, object: { resourceSpans: [{ resource: resource(index), scopeSpans: [{ scope: { name: 'bench-tracer', version: '0.1' }, spans }] }] } };
}

export function generateRequest(signal: Signal, index: number, batch: number, nowMs: number): GeneratedRequest {
  if (signal === 'metrics') return metricsRequest(index, batch, nowMs);
  if (signal === 'logs') return logsRequest(index, batch, nowMs);
  return tracesRequest(index, batch, nowMs);
}

/** Encodes a generated request as protobuf; `proto` must be loaded with `camelCase: true`. */
export function encodeProtobuf(proto: OtlpProto, signal: Signal, request: GeneratedRequest): Uint8Array {
  const type = proto.services[SIGNAL_TABLES[signal]].request;
  return type.encode(type.fromObject(request.object)).finish();
}

const ID_KEYS = new Set(['traceId', 'spanId', 'parentSpanId']);

/** Encodes a generated request as OTLP/JSON (ids as hex). */
export function encodeJson(request: GeneratedRequest): Uint8Array {
  const text = JSON.stringify(request.object, (key, value: unknown) =>
    ID_KEYS.has(key) && typeof value === 'string' ? Uint8Array.fromBase64(value).toHex() : value,
  );
  return new TextEncoder().encode(text);
}

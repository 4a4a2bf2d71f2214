/**
 * Realistic rows for the Parquet benchmark, built straight into vectors.
 *
 * Metrics ("1,000 series × 15 s, 24 h" = 5.76M points). Assumptions:
 *  - 10 services × 100 series; per service 40 gauge series and 60 counter series, spread
 *    over 12 metric names (cpu utilization per cpu/state, memory, goroutines, queue depth,
 *    temperature; http request counts per route/method/status, bytes sent, errors).
 *  - Each service's exporter collects every 15 s at its own phase; all series of one
 *    collection share one timestamp (the collection time) with nanosecond digits and
 *    ±2 ms of scheduling jitter per collection.
 *  - Gauges have limited precision: cpu utilization 3 decimals, memory a multiple of
 *    4 KiB around a slowly drifting level, goroutines/queue depth small integers,
 *    temperature 1 decimal. Counters are cumulative integers growing by Poisson-like
 *    increments; start_timestamp is the process start; gauges have none.
 *  - Attributes are canonical JSON per series; resource JSON per service.
 * Logs: see logRecords — request lines from fixed call sites sharing trace/span ids,
 * background lines without trace context, Go-SDK-style nanosecond timestamps.
 */
import { DictionaryBuilder, TABLE_SCHEMAS, type Batch, type DictionaryVector, type Vector } from '../src/columnar/index.ts';
import { seededRandom } from '../src/common/index.ts';

interface Series {
  service: number;
  name: string;
  gauge: boolean;
  unit: string;
  scope: string;
  attributes: string;
  level: number;
  kind: 'cpu' | 'mem' | 'int' | 'temp' | 'counter' | 'rare';
}

const SERVICES = ['checkout', 'cart', 'payment', 'shipping', 'catalog', 'search', 'auth', 'email', 'recommendation', 'frontend'];
const ROUTES = ['/api/cart', '/api/checkout', '/api/products', '/api/products/{id}', '/api/users/{id}', '/healthz'];

function buildSeries(rand: () => number): Series[] {
  const out: Series[] = [];
  SERVICES.forEach((_svc, s) => {
    const host = `host-${s % 4}`;
    const push = (name: string, gauge: boolean, unit: string, scope: string, attrs: Record<string, string | number>, kind: Series['kind'], level: number): void => {
      const keys = Object.keys(attrs).sort();
      const attributes = JSON.stringify(Object.fromEntries(keys.map((k) => [k, attrs[k]])));
      out.push({ service: s, name, gauge, unit, scope, attributes, level, kind });
    };
    const host_scope = 'go.opentelemetry.io/contrib/instrumentation/host';
    for (let cpu = 0; cpu < 8; cpu++) for (const state of ['user', 'system', 'idle', 'iowait']) push('system.cpu.utilization', true, '1', host_scope, { cpu, state, 'host.name': host }, 'cpu', rand() * 0.5);
    for (const state of ['used', 'free', 'cached', 'buffered']) push('system.memory.usage', true, 'By', host_scope, { state }, 'mem', 2e9 + rand() * 4e9);
    push('runtime.go.goroutines', true, '{goroutine}', 'go.opentelemetry.io/contrib/instrumentation/runtime', {}, 'int', 40 + rand() * 200);
    push('queue.depth', true, '{item}', 'app', { queue: 'orders' }, 'int', 5);
    push('device.temperature', true, 'Cel', 'app', { sensor: 'board' }, 'temp', 45);
    push('runtime.go.gc.pause', true, 'ns', 'go.opentelemetry.io/contrib/instrumentation/runtime', {}, 'int', 1e5);
    const http_scope = 'go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp';
    let n = 0;
    for (const route of ROUTES)
      for (const method of ['GET', 'POST'])
        for (const status of [200, 404, 500]) {
          if (n >= 36) break;
          push('http.server.request.count', false, '{request}', http_scope, { 'http.method': method, 'http.route': route, 'http.status_code': status }, status === 500 ? 'rare' : 'counter', status === 200 ? 50 : 3);
          n++;
        }
    for (const route of ROUTES) for (const dir of ['sent', 'received']) push('http.server.bytes', false, 'By', http_scope, { 'http.route': route, direction: dir }, 'counter', 20000);
    for (let i = out.filter((x) => x.service === s).length; i < 100; i++) push('app.jobs.processed', false, '{job}', 'app', { worker: i }, 'counter', 2);
  });
  return out;
}

/** Rows of the metrics workload for collections [fromCollection, toCollection) (15 s apart). */
export function metricsWorkload(fromCollection: number, toCollection: number, seed = 42): Batch {
  const rand = seededRandom(seed);
  const series = buildSeries(rand);
  const collections = toCollection - fromCollection;
  const n = series.length * collections;
  const schema = TABLE_SCHEMAS.metrics;
  const dicts = new Map<string, DictionaryBuilder>();
  const codes = new Map<string, Int32Array>();
  for (const f of schema.fields) {
    if (f.type === 'string' || f.type === 'json') {
      dicts.set(f.name, new DictionaryBuilder('string'));
      codes.set(f.name, new Int32Array(n).fill(-1));
    }
  }
  const set = (col: string, row: number, s: string): void => {
    (codes.get(col) as Int32Array)[row] = (dicts.get(col) as DictionaryBuilder).intern(s);
  };
  const tsMs = new Float64Array(n);
  const tsNanos = new Int32Array(n);
  const startMs = new Float64Array(n);
  const startNanos = new Int32Array(n);
  const startValid = new Uint8Array(n);
  const isMono = new Uint8Array(n);
  const isMonoValid = new Uint8Array(n);
  const value = new Float64Array(n);
  const flags = new Float64Array(n);
  const t0Ms = Date.UTC(2025, 10, 30, 0, 0, 0);
  const phaseMs = SERVICES.map((_s, i) => Math.floor(seededRandom(i + 7)() * 15000));
  const processStartMs = SERVICES.map((_s, i) => t0Ms - 3_600_000 * (i + 1) - 1234);
  // Walk every series through all earlier collections so counters are continuous across chunks.
  const level = series.map((s) => s.level);
  const jr = seededRandom(seed + 1);
  const jitter: number[][] = SERVICES.map(() => []);
  for (let k = 0; k < toCollection; k++) for (let s = 0; s < SERVICES.length; s++) jitter[s].push(Math.round((jr() - 0.5) * 4e6));
  const vr = seededRandom(seed + 2);
  let row = 0;
  for (let k = 0; k < toCollection; k++) {
    for (let i = 0; i < series.length; i++) {
      const s = series[i];
      const r = vr();
      switch (s.kind) {
        case 'cpu':
          level[i] = Math.min(1, Math.max(0, level[i] + (r - 0.5) * 0.02));
          break;
        case 'mem':
          level[i] = level[i] + Math.round((r - 0.5) * 100) * 4096;
          break;
        case 'int':
          level[i] = Math.max(0, level[i] + Math.round((r - 0.5) * 4));
          break;
        case 'temp':
          level[i] = level[i] + (r - 0.5) * 0.2;
          break;
        case 'counter':
          level[i] += Math.floor(r * 2 * s.level);
          break;
        case 'rare':
          if (r < 0.02) level[i] += 1;
          break;
      }
      if (k < fromCollection) continue;
      const ns = (phaseMs[s.service] + k * 15000) * 1e6 + jitter[s.service][k];
      const ms = t0Ms + Math.floor(ns / 1e6);
      tsMs[row] = ms;
      tsNanos[row] = ns - Math.floor(ns / 1e6) * 1e6;
      set('tenant_id', row, 'default');
      set('name', row, s.name);
      set('type', row, s.gauge ? 'gauge' : 'sum');
      set('unit', row, s.unit);
      if (!s.gauge) {
        set('temporality', row, 'cumulative');
        isMono[row] = 1;
        isMonoValid[row] = 1;
        startMs[row] = processStartMs[s.service];
        startNanos[row] = 123456;
        startValid[row] = 1;
      }
      const v = level[i];
      value[row] = s.kind === 'cpu' ? Math.round(v * 1000) / 1000 : s.kind === 'temp' ? Math.round(v * 10) / 10 : Math.round(v);
      set('service_name', row, SERVICES[s.service]);
      set('attributes', row, s.attributes);
      set('resource', row, JSON.stringify({ 'host.name': `host-${s.service % 4}`, 'service.instance.id': `inst-${s.service}-7f3a`, 'service.name': SERVICES[s.service], 'service.version': '1.4.2', 'telemetry.sdk.language': 'go', 'telemetry.sdk.name': 'opentelemetry', 'telemetry.sdk.version': '1.28.0' }));
      set('scope_name', row, s.scope);
      set('scope_version', row, '0.53.0');
      row++;
    }
  }
  const columns: Vector[] = schema.fields.map((f): Vector => {
    if (f.type === 'string' || f.type === 'json') {
      const v: DictionaryVector = { type: f.type, length: n, codes: codes.get(f.name) as Int32Array, dict: (dicts.get(f.name) as DictionaryBuilder).dict };
      return v;
    }
    switch (f.name) {
      case 'timestamp':
        return { type: 'timestamp', length: n, ms: tsMs, nanos: tsNanos, validity: null };
      case 'start_timestamp':
        return { type: 'timestamp', length: n, ms: startMs, nanos: startNanos, validity: startValid };
      case 'is_monotonic':
        return { type: 'boolean', length: n, values: isMono, validity: isMonoValid };
      case 'value':
        return { type: 'float64', length: n, values: value, validity: null };
      case 'flags':
        return { type: 'int64', length: n, values: flags, validity: null };
      default:
        return { type: f.type === 'int64' ? 'int64' : 'float64', length: n, values: new Float64Array(n), validity: new Uint8Array(n) };
    }
  });
  return { schema, length: n, columns };
}

interface LogSite {
  severityNumber: number;
  severityText: string;
  body: (r: () => number) => string;
  attributes: Record<string, string | number>;
}

/** Call sites of one request's log lines (request handlers log 3-6 lines per request). */
const REQUEST_SITES: LogSite[] = [
  { severityNumber: 5, severityText: 'DEBUG', body: (r) => `received ${['GET', 'POST'][Math.floor(r() * 2)]} ${ROUTES[Math.floor(r() * ROUTES.length)]} from 10.${Math.floor(r() * 4)}.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}`, attributes: { 'code.filepath': 'internal/server/middleware.go', 'code.function': 'server.logRequest', 'code.lineno': 88 } },
  { severityNumber: 9, severityText: 'INFO', body: (r) => `cache miss for key user:${Math.floor(r() * 100000)}:cart, loading from database`, attributes: { 'code.filepath': 'internal/cart/store.go', 'code.function': 'cart.(*Store).Load', 'code.lineno': 142 } },
  { severityNumber: 9, severityText: 'INFO', body: (r) => `query products by category took ${(r() * 40).toFixed(1)}ms (${Math.floor(r() * 50)} rows)`, attributes: { 'code.filepath': 'internal/catalog/repo.go', 'code.function': 'catalog.(*Repo).ByCategory', 'code.lineno': 61, 'db.system': 'postgresql' } },
  { severityNumber: 13, severityText: 'WARN', body: (r) => `retrying request to inventory-service (attempt ${1 + Math.floor(r() * 3)}/3): context deadline exceeded`, attributes: { 'code.filepath': 'internal/clients/inventory.go', 'code.function': 'clients.(*Inventory).Reserve', 'code.lineno': 203 } },
  { severityNumber: 9, severityText: 'INFO', body: (r) => `payment authorized for order ${Math.floor(r() * 1e9).toString(16)} amount=${(r() * 500).toFixed(2)} currency=USD`, attributes: { 'code.filepath': 'internal/payment/service.go', 'code.function': 'payment.(*Service).Authorize', 'code.lineno': 97 } },
];
const COMPLETED: LogSite = { severityNumber: 9, severityText: 'INFO', body: (r) => `request completed status=${r() < 0.97 ? 200 : 500} duration=${(r() * 120).toFixed(1)}ms`, attributes: { 'code.filepath': 'internal/server/middleware.go', 'code.function': 'server.logRequest', 'code.lineno': 104 } };
const BACKGROUND_SITES: LogSite[] = [
  { severityNumber: 9, severityText: 'INFO', body: (r) => `processed batch of ${Math.floor(r() * 500)} events in ${(r() * 2000).toFixed(0)}ms`, attributes: { 'code.filepath': 'internal/worker/consumer.go', 'code.function': 'worker.(*Consumer).Run', 'code.lineno': 77, 'messaging.system': 'kafka' } },
  { severityNumber: 5, severityText: 'DEBUG', body: () => 'health check ok', attributes: { 'code.filepath': 'internal/server/health.go', 'code.function': 'server.health', 'code.lineno': 21 } },
  { severityNumber: 17, severityText: 'ERROR', body: (r) => `failed to flush metrics exporter: rpc error: code = Unavailable desc = connection refused (retry in ${Math.floor(r() * 30)}s)`, attributes: { 'code.filepath': 'internal/telemetry/exporter.go', 'code.function': 'telemetry.flush', 'code.lineno': 55 } },
];

/** A raw log record for both the Parquet rows and the OTLP protobuf size comparison. */
export interface RawLogRecord {
  timeNs: bigint;
  observedNs: bigint;
  severityNumber: number;
  severityText: string;
  body: string;
  traceId: string | null;
  spanId: string | null;
  service: number;
  attributes: Record<string, string | number>;
}

/**
 * `count` log records over one hour from 10 services (Go-style SDK: nanosecond
 * timestamps, observed time a few µs after the record's time). 75 % of records come from
 * requests: 3-6 lines per request within a few ms, sharing trace and span id, emitted from
 * fixed call sites (code.* attributes, plus http.route on request lines). The rest are
 * background lines without trace context.
 */
export function logRecords(count: number, seed = 7): RawLogRecord[] {
  const r = seededRandom(seed);
  const t0 = BigInt(Date.UTC(2025, 10, 30, 0, 0, 0)) * 1_000_000n;
  const hourNs = 3_600_000_000_000;
  const out: RawLogRecord[] = [];
  const hex = (chars: number): string => {
    let s = '';
    for (let i = 0; i < chars; i++) s += '0123456789abcdef'[Math.floor(r() * 16)];
    return s;
  };
  while (out.length < count) {
    const service = Math.floor(r() * SERVICES.length);
    let t = t0 + BigInt(Math.floor((out.length / count) * hourNs)) + BigInt(Math.floor(r() * 1e6));
    const push = (site: LogSite, traceId: string | null, spanId: string | null, extra: Record<string, string | number>): void => {
      t += BigInt(Math.floor(r() * 3e6));
      out.push({
        timeNs: t,
        observedNs: t + BigInt(Math.floor(r() * 20_000)),
        severityNumber: site.severityNumber,
        severityText: site.severityText,
        body: site.body(r),
        traceId,
        spanId,
        service,
        attributes: { ...site.attributes, ...extra },
      });
    };
    if (r() < 0.75) {
      const traceId = hex(32);
      const spanId = hex(16);
      const route = { 'http.method': r() < 0.7 ? 'GET' : 'POST', 'http.route': ROUTES[Math.floor(r() * ROUTES.length)] };
      const lines = 2 + Math.floor(r() * 4);
      for (let i = 0; i < lines && out.length < count; i++) push(REQUEST_SITES[Math.floor(r() * REQUEST_SITES.length)], traceId, spanId, route);
      if (out.length < count) push(COMPLETED, traceId, spanId, route);
    } else {
      push(BACKGROUND_SITES[Math.floor(r() * BACKGROUND_SITES.length)], null, null, {});
    }
  }
  return out;
}

/** The logs rows of `records`, full schema. */
export function logsBatch(records: readonly RawLogRecord[]): Batch {
  const schema = TABLE_SCHEMAS.logs;
  const n = records.length;
  const dicts = new Map<string, DictionaryBuilder>();
  const codes = new Map<string, Int32Array>();
  for (const f of schema.fields) {
    if (f.type === 'string' || f.type === 'json') {
      dicts.set(f.name, new DictionaryBuilder('string'));
      codes.set(f.name, new Int32Array(n).fill(-1));
    }
  }
  const set = (col: string, row: number, s: string | null): void => {
    if (s !== null) (codes.get(col) as Int32Array)[row] = (dicts.get(col) as DictionaryBuilder).intern(s);
  };
  const ts = { ms: new Float64Array(n), nanos: new Int32Array(n) };
  const obs = { ms: new Float64Array(n), nanos: new Int32Array(n) };
  const sev = new Float64Array(n);
  records.forEach((rec, i) => {
    ts.ms[i] = Number(rec.timeNs / 1_000_000n);
    ts.nanos[i] = Number(rec.timeNs % 1_000_000n);
    obs.ms[i] = Number(rec.observedNs / 1_000_000n);
    obs.nanos[i] = Number(rec.observedNs % 1_000_000n);
    sev[i] = rec.severityNumber;
    set('tenant_id', i, 'default');
    set('severity_text', i, rec.severityText);
    set('body', i, rec.body);
    set('trace_id', i, rec.traceId);
    set('span_id', i, rec.spanId);
    set('service_name', i, SERVICES[rec.service]);
    const keys = Object.keys(rec.attributes).sort();
    set('attributes', i, JSON.stringify(Object.fromEntries(keys.map((k) => [k, rec.attributes[k]]))));
    set('resource', i, JSON.stringify(logResource(rec.service)));
    set('scope_name', i, 'app.logger');
  });
  const columns: Vector[] = schema.fields.map((f): Vector => {
    if (f.type === 'string' || f.type === 'json') return { type: f.type, length: n, codes: codes.get(f.name) as Int32Array, dict: (dicts.get(f.name) as DictionaryBuilder).dict };
    if (f.name === 'timestamp') return { type: 'timestamp', length: n, ms: ts.ms, nanos: ts.nanos, validity: null };
    if (f.name === 'observed_timestamp') return { type: 'timestamp', length: n, ms: obs.ms, nanos: obs.nanos, validity: null };
    if (f.name === 'severity_number') return { type: 'int64', length: n, values: sev, validity: null };
    return { type: 'int64', length: n, values: new Float64Array(n), validity: null };
  });
  return { schema, length: n, columns };
}

/** Resource attributes of a service's logs (canonical key order). */
export function logResource(service: number): Record<string, string> {
  return {
    'deployment.environment': 'production',
    'host.name': `host-${service % 4}`,
    'service.instance.id': `inst-${service}-7f3a`,
    'service.name': SERVICES[service],
    'service.version': '1.4.2',
    'telemetry.sdk.language': 'go',
    'telemetry.sdk.name': 'opentelemetry',
    'telemetry.sdk.version': '1.28.0',
  };
}

/** Service names, for the protobuf encoder. */
export const WORKLOAD_SERVICES: readonly string[] = SERVICES;

/**
 * The fixed dataset of the golden SQL tests: a handful of spans, logs and metric points
 * for tenant `acme`, plus rows of tenant `evil` that no query of `acme` may ever see.
 * Values follow simple patterns so that expected results can be checked by hand.
 * Times start at 2026-11-30 12:00:00 UTC; the golden queries run with now() = 13:00.
 */
import {
  batchFromRows,
  LOGS_SCHEMA,
  MemoryTableSource,
  METRICS_SCHEMA,
  SPANS_SCHEMA,
  type BuilderValue,
  type TableSource,
} from '../../src/columnar/index.ts';

export const FIXTURE_TENANT = 'acme';
export const OTHER_TENANT = 'evil';
/** 2026-11-30 12:00:00 UTC in ms. */
export const FIXTURE_BASE_MS = Date.UTC(2026, 10, 30, 12, 0, 0);
/** now() for golden queries: 2026-11-30 13:00:00 UTC. */
export const FIXTURE_NOW_MS = FIXTURE_BASE_MS + 3_600_000;

const BASE_NS = BigInt(FIXTURE_BASE_MS) * 1_000_000n;
const SERVICES = ['api', 'db', 'web', 'worker'];
const SPAN_NAMES = ['GET /users', 'SELECT users', 'render', 'process job', 'POST /orders', 'INSERT orders'];
const KINDS = ['SERVER', 'CLIENT', 'INTERNAL', 'CONSUMER', 'SERVER', 'CLIENT'];

type Row = Record<string, BuilderValue>;

function spanRows(): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < 24; i++) {
    const trace = `trace${String(Math.floor(i / 3) + 1).padStart(2, '0')}`;
    const startNs = BASE_NS + BigInt(i) * 150_000_000_000n + BigInt(i * 1234); // every 2.5 minutes, sub-ms jitter
    const durationNs = (i % 6) * 1_000_000 + (i % 4) * 250_000 + 500_000; // 0.5 ms .. 5.75 ms
    const status = i % 7 === 0 ? 'ERROR' : i % 3 === 0 ? 'OK' : 'UNSET';
    rows.push({
      tenant_id: FIXTURE_TENANT,
      timestamp: startNs,
      end_timestamp: startNs + BigInt(durationNs),
      duration_ns: durationNs,
      trace_id: trace,
      span_id: `span${String(i + 1).padStart(2, '0')}`,
      parent_span_id: i % 3 === 0 ? null : `span${String(i - (i % 3) + 1).padStart(2, '0')}`,
      trace_state: i % 5 === 0 ? 'vendor=1' : null,
      name: SPAN_NAMES[i % 6],
      kind: KINDS[i % 6],
      status_code: status,
      status_message: status === 'ERROR' ? 'connection reset' : null,
      service_name: SERVICES[i % 4],
      attributes: i % 6 === 0 || i % 6 === 4 ? `{"http.method":"${i % 6 === 0 ? 'GET' : 'POST'}","http.route":"/${i % 6 === 0 ? 'users' : 'orders'}","http.status_code":${status === 'ERROR' ? 500 : 200}}` : i % 6 === 1 ? '{"db.statement":"SELECT * FROM users","db.system":"postgresql"}' : '{}',
      resource: `{"host.name":"host-${i % 2}","service.name":"${SERVICES[i % 4]}"}`,
      scope_name: 'fixture',
      scope_version: '1.0',
      events: i % 7 === 0 ? '[{"name":"exception","time":"x"}]' : '[]',
      links: '[]',
      flags: 1,
    });
  }
  rows.push({
    tenant_id: OTHER_TENANT,
    timestamp: BASE_NS,
    end_timestamp: BASE_NS + 1_000_000n,
    duration_ns: 1_000_000,
    trace_id: 'trace01',
    span_id: 'evilspan',
    parent_span_id: null,
    trace_state: null,
    name: 'SECRET',
    kind: 'SERVER',
    status_code: 'OK',
    status_message: null,
    service_name: 'api',
    attributes: '{"secret":"SECRET"}',
    resource: '{}',
    scope_name: null,
    scope_version: null,
    events: '[]',
    links: '[]',
    flags: 0,
  });
  return rows;
}

const BODIES = [
  'user login ok',
  'request timeout after 30s',
  'cache miss',
  'Connection Timeout to db',
  'job done',
  'retrying request',
];
const SEVERITIES: [number, string][] = [
  [9, 'INFO'],
  [13, 'WARN'],
  [5, 'DEBUG'],
  [17, 'ERROR'],
  [9, 'INFO'],
  [13, 'WARN'],
];

function logRows(): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < 30; i++) {
    const ts = BASE_NS + BigInt(i) * 120_000_000_000n + 500n; // every 2 minutes
    const [sev, text] = SEVERITIES[i % 6];
    const traced = i % 3 !== 2;
    const traceNo = (i % 10) + 1;
    rows.push({
      tenant_id: FIXTURE_TENANT,
      timestamp: ts,
      observed_timestamp: i % 4 === 0 ? null : ts + 1_000_000n,
      severity_number: sev,
      severity_text: i % 11 === 10 ? null : text,
      body: i === 29 ? null : BODIES[i % 6],
      event_name: i % 8 === 0 ? 'startup' : null,
      trace_id: traced ? `trace${String(traceNo).padStart(2, '0')}` : null,
      span_id: traced ? `span${String(traceNo * 3 - 2).padStart(2, '0')}` : null,
      flags: 0,
      service_name: SERVICES[i % 4],
      attributes: i % 5 === 0 ? `{"code":${i},"user":"u${i % 3}"}` : `{"user":"u${i % 3}"}`,
      resource: `{"service.name":"${SERVICES[i % 4]}"}`,
      scope_name: i % 2 === 0 ? 'app' : null,
      scope_version: null,
    });
  }
  rows.push({
    tenant_id: OTHER_TENANT,
    timestamp: BASE_NS,
    observed_timestamp: null,
    severity_number: 17,
    severity_text: 'ERROR',
    body: 'SECRET evil log timeout',
    event_name: null,
    trace_id: 'trace01',
    span_id: 'span01',
    flags: 0,
    service_name: 'api',
    attributes: '{}',
    resource: '{}',
    scope_name: null,
    scope_version: null,
  });
  return rows;
}

function metricRows(): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < 40; i++) {
    const ts = BASE_NS + BigInt(i) * 90_000_000_000n; // every 90 s
    const kind = i % 4;
    const host = `host-${i % 2}`;
    const common = {
      tenant_id: FIXTURE_TENANT,
      timestamp: ts,
      service_name: SERVICES[i % 3],
      attributes: `{"host":"${host}"}`,
      resource: `{"service.name":"${SERVICES[i % 3]}"}`,
      scope_name: 'meter',
      scope_version: null,
      flags: 0,
    };
    if (kind === 0 || kind === 2) {
      rows.push({ ...common, start_timestamp: null, name: 'cpu.usage', type: 'gauge', unit: '1', temporality: null, is_monotonic: null, value: ((i * 37) % 100) / 100, count: null, sum: null, min: null, max: null, buckets: null });
    } else if (kind === 1) {
      rows.push({ ...common, start_timestamp: BASE_NS, name: 'http.requests', type: 'sum', unit: '{request}', temporality: 'cumulative', is_monotonic: true, value: i * 10, count: null, sum: null, min: null, max: null, buckets: null });
    } else {
      rows.push({
        ...common,
        start_timestamp: ts - 60_000_000_000n,
        name: 'http.duration',
        type: 'histogram',
        unit: 'ms',
        temporality: 'delta',
        is_monotonic: null,
        value: null,
        count: i,
        sum: i * 12.5,
        min: 1,
        max: i * 3,
        buckets: '{"bounds":[10,100],"counts":[1,2,3]}',
      });
    }
  }
  rows.push({
    tenant_id: OTHER_TENANT,
    timestamp: BASE_NS,
    start_timestamp: null,
    name: 'SECRET',
    type: 'gauge',
    unit: null,
    temporality: null,
    is_monotonic: null,
    value: 666,
    count: null,
    sum: null,
    min: null,
    max: null,
    buckets: null,
    flags: 0,
    service_name: 'api',
    attributes: '{}',
    resource: '{}',
    scope_name: null,
    scope_version: null,
  });
  return rows;
}

/** Raw rows per table (both tenants), e.g. for loading the same data into DuckDB. */
export function fixtureRows(): { spans: Row[]; logs: Row[]; metrics: Row[] } {
  return { spans: spanRows(), logs: logRows(), metrics: metricRows() };
}

/** In-memory tables holding the fixture. Spans are split over two batches to exercise multi-batch paths. */
export function fixtureTables(): Map<string, TableSource> {
  const rows = fixtureRows();
  const spans = new MemoryTableSource('spans', SPANS_SCHEMA);
  spans.append(batchFromRows(SPANS_SCHEMA, rows.spans.slice(0, 13)));
  spans.append(batchFromRows(SPANS_SCHEMA, rows.spans.slice(13)));
  const logs = new MemoryTableSource('logs', LOGS_SCHEMA);
  logs.append(batchFromRows(LOGS_SCHEMA, rows.logs));
  const metrics = new MemoryTableSource('metrics', METRICS_SCHEMA);
  metrics.append(batchFromRows(METRICS_SCHEMA, rows.metrics.slice(0, 20)));
  metrics.append(batchFromRows(METRICS_SCHEMA, rows.metrics.slice(20)));
  return new Map<string, TableSource>([
    ['spans', spans],
    ['logs', logs],
    ['metrics', metrics],
  ]);
}

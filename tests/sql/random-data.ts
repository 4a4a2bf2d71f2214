/**
 * Seeded random rows for the differential tests: spans, logs and metric points for
 * tenant `d` (plus noise rows of tenant `x` that must stay invisible). ASCII strings
 * only, so PostgreSQL-style and DuckDB string ordering agree; integers well inside
 * ±2^53.
 */
import type { BuilderValue } from '../../src/columnar/index.ts';

export type Row = Record<string, BuilderValue>;

/** mulberry32: a tiny deterministic PRNG. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DIFF_TENANT = 'd';
export const DIFF_BASE_MS = Date.UTC(2026, 10, 30, 10, 0, 0);
export const SERVICES = ['api', 'db', 'web', 'worker', 'cron'];
export const SPAN_NAMES = ['GET /a', 'GET /b', 'POST /c', 'SELECT x', 'INSERT y', 'render', 'queue.pop', 'cache.get', 'auth', 'Lookup'];
export const KINDS = ['SERVER', 'CLIENT', 'INTERNAL', 'PRODUCER', 'CONSUMER'];
export const STATUSES = ['OK', 'ERROR', 'UNSET'];
export const SEVERITIES = ['DEBUG', 'INFO', 'WARN', 'ERROR'];
export const BODIES = ['timeout while calling db', 'request ok', 'Cache Miss', 'retry 3 of 5', 'user_login', 'disk 90% full', 'Timeout reached', 'shutting down', 'ok', ''];
export const METRIC_NAMES = ['cpu', 'mem', 'req.count', 'latency'];

export interface RandomDataset {
  readonly spans: Row[];
  readonly logs: Row[];
  readonly metrics: Row[];
}

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)];
}

/** Generates the dataset; `scale` multiplies the row counts (1 → 1200 spans, 1500 logs, 1500 points). */
export function generateDataset(seed: number, scale = 1): RandomDataset {
  const rand = createRandom(seed);
  const baseNs = BigInt(DIFF_BASE_MS) * 1_000_000n;
  const traceIds = Array.from({ length: 150 }, (_, i) => `t${String(i).padStart(4, '0')}`);
  const spans: Row[] = [];
  for (let i = 0; i < 1200 * scale; i++) {
    const ts = baseNs + BigInt(Math.floor(rand() * 7_200_000)) * 1_000_000n + BigInt(Math.floor(rand() * 1_000_000));
    const dur = Math.floor(rand() * 50) * 100_000 + (rand() < 0.1 ? 0 : Math.floor(rand() * 1000));
    spans.push({
      tenant_id: rand() < 0.03 ? 'x' : DIFF_TENANT,
      timestamp: ts,
      end_timestamp: ts + BigInt(dur),
      duration_ns: dur,
      trace_id: pick(rand, traceIds),
      span_id: `s${i}`,
      parent_span_id: rand() < 0.3 ? null : `s${Math.floor(rand() * Math.max(1, i))}`,
      trace_state: null,
      name: pick(rand, SPAN_NAMES),
      kind: pick(rand, KINDS),
      status_code: pick(rand, STATUSES),
      status_message: rand() < 0.7 ? null : pick(rand, ['boom', 'reset', 'Bad input']),
      service_name: pick(rand, SERVICES),
      attributes: '{}',
      resource: '{}',
      scope_name: rand() < 0.5 ? null : 'lib',
      scope_version: null,
      events: '[]',
      links: '[]',
      flags: Math.floor(rand() * 3),
    });
  }
  const logs: Row[] = [];
  for (let i = 0; i < 1500 * scale; i++) {
    const ts = baseNs + BigInt(Math.floor(rand() * 7_200_000)) * 1_000_000n + BigInt(Math.floor(rand() * 1_000_000));
    const sev = Math.floor(rand() * 24);
    logs.push({
      tenant_id: rand() < 0.03 ? 'x' : DIFF_TENANT,
      timestamp: ts,
      observed_timestamp: rand() < 0.2 ? null : ts + 1000n,
      severity_number: sev,
      severity_text: rand() < 0.1 ? null : pick(rand, SEVERITIES),
      body: rand() < 0.05 ? null : pick(rand, BODIES),
      event_name: null,
      trace_id: rand() < 0.4 ? null : pick(rand, traceIds),
      span_id: null,
      flags: Math.floor(rand() * 2),
      service_name: pick(rand, SERVICES),
      attributes: '{}',
      resource: '{}',
      scope_name: null,
      scope_version: null,
    });
  }
  const metrics: Row[] = [];
  for (let i = 0; i < 1500 * scale; i++) {
    const ts = baseNs + BigInt(Math.floor(rand() * 7_200) * 1000) * 1_000_000n;
    metrics.push({
      tenant_id: rand() < 0.03 ? 'x' : DIFF_TENANT,
      timestamp: ts,
      start_timestamp: null,
      name: pick(rand, METRIC_NAMES),
      type: 'gauge',
      unit: null,
      temporality: null,
      is_monotonic: rand() < 0.5 ? null : rand() < 0.5,
      value: rand() < 0.1 ? null : Math.round(rand() * 10_000) / 100 - 20,
      count: rand() < 0.3 ? null : Math.floor(rand() * 1000) - 100,
      sum: null,
      min: null,
      max: null,
      buckets: null,
      flags: 0,
      service_name: pick(rand, SERVICES),
      attributes: '{}',
      resource: '{}',
      scope_name: null,
      scope_version: null,
    });
  }
  return { spans, logs, metrics };
}

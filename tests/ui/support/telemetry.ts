/**
 * OTLP/JSON requests with a small, known world for the UI tests: two traces across three
 * services (one failing), logs tied to their spans at every severity, and gauge and
 * counter metrics over the last hour. Sent with plain `fetch` to `/v1/{traces,logs,metrics}`.
 */

const kv = (key: string, value: string | number | boolean): Record<string, unknown> => ({
  key,
  value: typeof value === 'string' ? { stringValue: value } : typeof value === 'boolean' ? { boolValue: value } : Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value },
});
const resource = (service: string): Record<string, unknown> => ({ attributes: [kv('service.name', service), kv('host.name', 'test-host')] });
const hex = (n: number, len: number): string => n.toString(16).padStart(len, '0');

export interface TestWorld {
  /** Trace whose checkout failed. */
  readonly errorTraceId: string;
  readonly okTraceId: string;
  readonly services: readonly string[];
  readonly errorLogBody: string;
}

interface SpanSpec {
  service: string;
  id: string;
  parent: string | null;
  name: string;
  kind: number;
  startOffsetMs: number;
  durationMs: number;
  error?: boolean;
}

function traceSpans(traceId: string, error: boolean): SpanSpec[] {
  const s = (i: number): string => `${traceId.slice(0, 4)}${hex(0x5a17 + i * 0x1111, 4)}${hex(Number.parseInt(traceId.slice(-6), 16) * 16 + i, 8)}`;
  return [
    { service: 'frontend', id: s(1), parent: null, name: 'POST /checkout', kind: 2, startOffsetMs: 0, durationMs: 420, error },
    { service: 'frontend', id: s(2), parent: s(1), name: 'render cart', kind: 1, startOffsetMs: 5, durationMs: 30 },
    { service: 'checkout', id: s(3), parent: s(1), name: 'PlaceOrder', kind: 2, startOffsetMs: 40, durationMs: 360, error },
    { service: 'checkout', id: s(4), parent: s(3), name: 'SELECT orders', kind: 3, startOffsetMs: 50, durationMs: 60 },
    { service: 'payment', id: s(5), parent: s(3), name: 'Charge', kind: 2, startOffsetMs: 120, durationMs: 270, error },
  ];
}

const nsOf = (ms: number): string => (BigInt(Math.round(ms)) * 1_000_000n).toString();

/** Builds the three requests. */
export function buildTestTelemetry(nowMs: number): { traces: unknown; logs: unknown; metrics: unknown; world: TestWorld } {
  const errorTraceId = 'e'.repeat(8) + hex(0xabc123, 24);
  const okTraceId = '0'.repeat(8) + hex(0x5151ab, 24);
  const traces = [
    { id: errorTraceId, base: nowMs - 10 * 60_000, error: true },
    { id: okTraceId, base: nowMs - 20 * 60_000, error: false },
  ];
  const spansByService = new Map<string, unknown[]>();
  const logsByService = new Map<string, unknown[]>();
  const errorLogBody = 'payment declined: card expired';
  for (const t of traces) {
    for (const sp of traceSpans(t.id, t.error)) {
      const start = t.base + sp.startOffsetMs;
      const list = spansByService.get(sp.service) ?? [];
      list.push({
        traceId: t.id,
        spanId: sp.id,
        parentSpanId: sp.parent ?? '',
        name: sp.name,
        kind: sp.kind,
        startTimeUnixNano: nsOf(start),
        endTimeUnixNano: nsOf(start + sp.durationMs),
        attributes: [kv('http.route', '/checkout'), kv('retry', 0)],
        events: sp.error ? [{ timeUnixNano: nsOf(start + sp.durationMs - 1), name: 'exception', attributes: [kv('exception.message', 'card expired')] }] : [],
        links: [],
        status: sp.error ? { code: 2, message: 'card expired' } : { code: 1 },
      });
      spansByService.set(sp.service, list);
      const logs = logsByService.get(sp.service) ?? [];
      logs.push({
        timeUnixNano: nsOf(start + 1),
        severityNumber: sp.error && sp.service === 'payment' ? 17 : 9,
        severityText: sp.error && sp.service === 'payment' ? 'ERROR' : 'INFO',
        body: { stringValue: sp.error && sp.service === 'payment' ? errorLogBody : `${sp.name} started` },
        traceId: t.id,
        spanId: sp.id,
        attributes: [kv('order.id', 1000 + logs.length), kv('customer.tier', 'gold')],
      });
      logsByService.set(sp.service, logs);
    }
  }
  // Background noise at other severities, spread over the hour, without trace ids.
  const noise = logsByService.get('frontend') ?? [];
  for (let i = 0; i < 60; i++) {
    const sev = [5, 9, 9, 13][i % 4];
    noise.push({ timeUnixNano: nsOf(nowMs - i * 55_000 - 1000), severityNumber: sev, severityText: { 5: 'DEBUG', 9: 'INFO', 13: 'WARN' }[sev], body: { stringValue: `request ${i} served` }, attributes: [kv('i', i)] });
  }
  logsByService.set('frontend', noise);

  const metricsFor = (service: string, factor: number): unknown => {
    const gauge: unknown[] = [];
    const counter: unknown[] = [];
    for (let i = 60; i >= 0; i--) {
      const t = nowMs - i * 60_000 - 500;
      gauge.push({ timeUnixNano: nsOf(t), asDouble: factor * (100 + 20 * Math.sin(i / 5)), attributes: [kv('state', 'used')] });
      counter.push({ startTimeUnixNano: nsOf(nowMs - 3_600_000 * 2), timeUnixNano: nsOf(t), asInt: String(factor * (60 - i) * 120), attributes: [kv('http.route', '/checkout')] });
    }
    return {
      resource: resource(service),
      scopeMetrics: [
        {
          scope: { name: 'ui-test' },
          metrics: [
            { name: 'process.memory.usage', unit: 'MiBy', gauge: { dataPoints: gauge } },
            { name: 'http.server.requests', unit: '{request}', sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: counter } },
          ],
        },
      ],
    };
  };
  return {
    traces: { resourceSpans: [...spansByService].map(([svc, spans]) => ({ resource: resource(svc), scopeSpans: [{ scope: { name: 'ui-test', version: '1' }, spans }] })) },
    logs: { resourceLogs: [...logsByService].map(([svc, logRecords]) => ({ resource: resource(svc), scopeLogs: [{ scope: { name: 'ui-test' }, logRecords }] })) },
    metrics: { resourceMetrics: [metricsFor('frontend', 1), metricsFor('checkout', 2)] },
    world: { errorTraceId, okTraceId, services: ['frontend', 'checkout', 'payment'], errorLogBody },
  };
}

/** POSTs one OTLP/JSON request and fails loudly on anything but 200. */
export async function sendOtlp(otlpUrl: string, signal: 'traces' | 'logs' | 'metrics', body: unknown, headers: Record<string, string> = {}): Promise<void> {
  const res = await fetch(`${otlpUrl}/v1/${signal}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`OTLP ${signal}: HTTP ${res.status} ${text}`);
  if (text.includes('rejected')) {
    const parsed = JSON.parse(text) as { partialSuccess?: { rejectedLogRecords?: unknown; rejectedSpans?: unknown; rejectedDataPoints?: unknown } };
    const p = parsed.partialSuccess;
    if (p && (Number(p.rejectedLogRecords ?? 0) > 0 || Number(p.rejectedSpans ?? 0) > 0 || Number(p.rejectedDataPoints ?? 0) > 0)) throw new Error(`OTLP ${signal}: partial success ${text}`);
  }
}

/**
 * A day of realistic telemetry for looking at the UI the way an on-call engineer does:
 * eight services, 24 h of logs at every severity (with an incident burst, multi-line
 * stack traces, very long and nested attribute values), traces of 5–30 spans across
 * services with errors, events and links, and gauges, counters (with a restart), an
 * up-down sum and cumulative histograms. Deterministic (seeded), sent as OTLP/JSON one
 * hour at a time. Used by the screenshot tour and the browser tests of large data.
 */
import { seededRandom } from '../../../src/common/index.ts';
import { sendOtlp } from './telemetry.ts';

const SERVICES = ['frontend', 'checkout', 'payment', 'cart', 'catalog', 'search', 'auth', 'email'] as const;
const ROUTES = ['/api/cart', '/api/checkout', '/api/items/{id}', '/api/search'];
const HOUR = 3_600_000;
const BOUNDS_MS = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500];

type Obj = Record<string, unknown>;
type Val = string | number | boolean | Obj;

/** What the data contains that a viewer can look for. */
export interface RealisticWorld {
  /** A 30-span trace across every service, ten minutes ago, with an error. */
  readonly bigTraceId: string;
  readonly services: readonly string[];
  readonly counts: { logs: number; spans: number; points: number };
}

const anyValue = (v: Val): Obj => {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
  return v;
};
const kv = (key: string, v: Val): Obj => ({ key, value: anyValue(v) });
const ns = (ms: number): string => (BigInt(Math.round(ms * 1000)) * 1000n).toString();
const hex = (rand: () => number, len: number): string => Array.from({ length: len }, () => Math.floor(rand() * 16).toString(16)).join('');
const resource = (svc: string): Obj => ({
  attributes: [kv('service.name', svc), kv('service.version', '2.14.3'), kv('host.name', `${svc}-7d9f8b6c4-x2x8q`), kv('deployment.environment', 'production'), kv('k8s.namespace.name', 'shop')],
});

const LONG_SQL = `SELECT o.id, o.customer_id, o.total_cents, o.currency, o.created_at, li.sku, li.quantity, li.unit_price_cents, p.name, p.category, s.carrier, s.tracking_number FROM orders o JOIN line_items li ON li.order_id = o.id JOIN products p ON p.sku = li.sku LEFT JOIN shipments s ON s.order_id = o.id WHERE o.customer_id = $1 AND o.created_at > now() - interval '90 days' AND o.status IN ('placed', 'paid', 'shipped', 'delivered', 'returned') ORDER BY o.created_at DESC, li.position ASC LIMIT 500 -- ${'padding '.repeat(60)}`;
const STACK = `java.lang.IllegalStateException: card processor returned 502 Bad Gateway
\tat com.shop.payment.CardClient.charge(CardClient.java:214)
\tat com.shop.payment.PaymentService.authorize(PaymentService.java:88)
\tat com.shop.payment.PaymentController.post(PaymentController.java:41)
\tat io.grpc.stub.ServerCalls$UnaryServerCallHandler$UnaryServerCallListener.onHalfClose(ServerCalls.java:182)
\tat io.grpc.internal.ServerImpl$JumpToApplicationThreadServerStreamListener$1HalfClosed.runInContext(ServerImpl.java:355)
Caused by: java.net.SocketTimeoutException: Read timed out after 2500 ms (upstream=https://processor.example.com/v2/charges?idempotency_key=0f8fad5b-d9cb-469f-a165-70867728950e)
\t... 14 more`;

const LOG_LINES: readonly [number, string, (r: () => number) => string][] = [
  [1, 'TRACE', () => 'entering handler chain'],
  [5, 'DEBUG', (r) => `cache lookup key=cart:${Math.floor(r() * 1e6)} hit=${r() < 0.7}`],
  [9, 'INFO', (r) => `request completed status=200 duration_ms=${(r() * 80).toFixed(1)}`],
  [9, 'INFO', (r) => `order ${Math.floor(r() * 1e6)} placed for customer ${Math.floor(r() * 1e5)}`],
  [13, 'WARN', (r) => `slow query detected: ${Math.floor(200 + r() * 2000)} ms`],
  [13, 'WARNING', () => 'retrying upstream call after timeout (attempt 2 of 3)'],
  [17, 'ERROR', () => 'payment declined: upstream returned 502'],
  [21, 'FATAL', () => 'database connection pool exhausted; shutting down worker'],
  [0, '', () => 'plain stdout line without severity'],
];

function pickLog(rand: () => number, incident: boolean): (typeof LOG_LINES)[number] {
  const x = rand();
  if (incident && x < 0.45) return LOG_LINES[6];
  const i = x < 0.04 ? 0 : x < 0.16 ? 1 : x < 0.5 ? 2 : x < 0.76 ? 3 : x < 0.86 ? 4 : x < 0.9 ? 5 : x < 0.965 ? 6 : x < 0.97 ? 7 : 8;
  return LOG_LINES[i];
}

interface SpanOut {
  svc: string;
  span: Obj;
}

/** One trace of `n` spans starting at `t0`: a frontend root fanning out over the services. */
function buildTrace(rand: () => number, traceId: string, t0: number, n: number, forceError: boolean, logs: Map<string, Obj[]>, linkTo: string | null): SpanOut[] {
  const out: SpanOut[] = [];
  const ids: string[] = [];
  const route = ROUTES[Math.floor(rand() * ROUTES.length)];
  const failing = forceError || rand() < 0.08;
  // Spans as [parentIndex, service, name, kind, start offset, duration] with durations from µs to seconds.
  const spec: { p: number; svc: string; name: string; kind: number; start: number; dur: number }[] = [];
  const rootDur = 20 + rand() * 400 + (rand() < 0.05 ? 2000 : 0);
  spec.push({ p: -1, svc: 'frontend', name: `GET ${route}`, kind: 2, start: 0, dur: rootDur });
  for (let i = 1; i < n; i++) {
    const p = Math.floor(rand() * Math.min(i, 6));
    const parent = spec[p];
    const svc = i < SERVICES.length ? SERVICES[i] : SERVICES[1 + Math.floor(rand() * (SERVICES.length - 1))];
    const db = rand() < 0.35;
    const start = parent.start + rand() * parent.dur * 0.6;
    const dur = db ? 0.08 + rand() * 3 : Math.max(0.02, (parent.start + parent.dur - start) * (0.2 + rand() * 0.7));
    spec.push({ p, svc: db ? parent.svc : svc, name: db ? (rand() < 0.5 ? 'SELECT shop.orders' : 'redis GET') : `${svc}.${['Get', 'Place', 'Charge', 'Lookup', 'Send'][i % 5]}${i % 3 === 0 ? 'Order' : 'Item'}`, kind: db ? 3 : 2, start, dur });
  }
  const errorAt = failing ? 1 + Math.floor(rand() * (n - 1)) : -1;
  for (let i = 0; i < spec.length; i++) ids.push(hex(rand, 16));
  const errorChain = new Set<number>();
  for (let i = errorAt; i >= 0; i = spec[i].p) errorChain.add(i);
  spec.forEach((s, i) => {
    const err = errorChain.has(i);
    const start = t0 + s.start;
    const attrs: Obj[] = [kv('http.route', route)];
    if (s.kind === 3) attrs.push(kv('db.system', 'postgresql'), kv('db.statement', LONG_SQL));
    if (i === 0) attrs.push(kv('http.url', `https://shop.example.com${route}?session=${hex(rand, 64)}&utm_source=newsletter&utm_campaign=black-friday-2026`), kv('http.response.status_code', err ? 500 : 200), kv('user.tags', { arrayValue: { values: [{ stringValue: 'beta' }, { stringValue: 'gold' }] } }));
    out.push({
      svc: s.svc,
      span: {
        traceId,
        spanId: ids[i],
        parentSpanId: s.p >= 0 ? ids[s.p] : '',
        name: s.name,
        kind: s.kind,
        startTimeUnixNano: ns(start),
        endTimeUnixNano: ns(start + s.dur),
        attributes: attrs,
        events: i === errorAt ? [{ timeUnixNano: ns(start + s.dur * 0.9), name: 'exception', attributes: [kv('exception.type', 'IllegalStateException'), kv('exception.message', 'card processor returned 502'), kv('exception.stacktrace', STACK)] }] : [],
        links: i === 0 && linkTo ? [{ traceId: linkTo, spanId: hex(rand, 16), attributes: [kv('link.reason', 'retry of')] }] : [],
        status: err ? { code: 2, message: i === errorAt ? 'card processor returned 502' : 'downstream error' } : { code: s.kind === 2 ? 1 : 0 },
      },
    });
    if (i === 0 || i === errorAt || rand() < 0.2) {
      const list = logs.get(s.svc) ?? [];
      list.push({
        timeUnixNano: ns(start + s.dur * 0.5),
        severityNumber: i === errorAt ? 17 : 9,
        severityText: i === errorAt ? 'ERROR' : 'INFO',
        body: { stringValue: i === errorAt ? `payment failed for order ${Math.floor(rand() * 1e6)}\n${STACK}` : `${s.name} handled in ${s.dur.toFixed(2)} ms` },
        traceId,
        spanId: ids[i],
        attributes: [kv('http.route', route), kv('order.items', 1 + Math.floor(rand() * 9))],
      });
      logs.set(s.svc, list);
    }
  });
  return out;
}

/** Metric points for one hour: gauges, a counter (reset six hours ago in `cart`), an up-down sum, histograms. */
function hourMetrics(rand: () => number, from: number, to: number, startOfDay: number, nowMs: number, totals: Map<string, number>): { body: Obj; points: number } {
  let points = 0;
  const resourceMetrics = SERVICES.map((svc, si) => {
    const cpu: Obj[] = [];
    const mem: Obj[] = [];
    const reqs: Obj[] = [];
    const active: Obj[] = [];
    const hist: Obj[] = [];
    for (let t = from; t < to; t += 60_000) {
      const day = Math.sin(((t - startOfDay) / (24 * HOUR)) * 2 * Math.PI);
      for (const state of ['user', 'system']) cpu.push({ timeUnixNano: ns(t), asDouble: Math.max(0, (0.25 + 0.15 * day + 0.05 * si) * (state === 'user' ? 1 : 0.3) + rand() * 0.05), attributes: [kv('cpu.state', state)] });
      mem.push({ timeUnixNano: ns(t), asDouble: (300 + si * 90 + 40 * day + rand() * 10) * 1024 * 1024 });
      // The cart process restarts six hours ago: its counters start again from zero.
      const restart = svc === 'cart' && t >= nowMs - 6 * HOUR && t - 60_000 < nowMs - 6 * HOUR;
      const base = svc === 'cart' && t >= nowMs - 6 * HOUR ? nowMs - 6 * HOUR : startOfDay;
      for (const route of ROUTES.slice(0, 2)) {
        for (const code of [200, 500]) {
          const key = `${svc} ${route} ${code}`;
          const perMin = (code === 200 ? 120 : 3) * (1 + 0.5 * day) * (1 + si * 0.2) * (0.9 + rand() * 0.2);
          const total = (restart ? 0 : (totals.get(key) ?? 0)) + Math.floor(perMin);
          totals.set(key, total);
          reqs.push({ startTimeUnixNano: ns(base), timeUnixNano: ns(t), asInt: String(total), attributes: [kv('http.route', route), kv('http.response.status_code', code)] });
        }
      }
      active.push({ startTimeUnixNano: ns(startOfDay), timeUnixNano: ns(t), asInt: String(Math.floor(5 + 10 * (1 + day) + rand() * 5)) });
      const count = Math.floor(((t - startOfDay) / 60_000) * 100);
      const shares = [0.05, 0.2, 0.25, 0.2, 0.12, 0.08, 0.05, 0.03, 0.01, 0.005, 0.005];
      hist.push({ startTimeUnixNano: ns(startOfDay), timeUnixNano: ns(t), count: String(count), sum: count * (40 + si * 5), min: 0.3, max: 4100, explicitBounds: BOUNDS_MS, bucketCounts: shares.map((s) => String(Math.floor(count * s))) });
    }
    points += cpu.length + mem.length + reqs.length + active.length + hist.length;
    return {
      resource: resource(svc),
      scopeMetrics: [
        {
          scope: { name: 'io.opentelemetry.runtime', version: '1.32.0' },
          metrics: [
            { name: 'process.cpu.utilization', unit: '1', description: 'CPU share', gauge: { dataPoints: cpu } },
            { name: 'process.memory.usage', unit: 'By', gauge: { dataPoints: mem } },
            { name: 'http.server.requests', unit: '{request}', sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: reqs } },
            { name: 'http.server.active_requests', unit: '{request}', sum: { aggregationTemporality: 2, isMonotonic: false, dataPoints: active } },
            { name: 'http.server.duration', unit: 'ms', histogram: { aggregationTemporality: 2, dataPoints: hist } },
          ],
        },
      ],
    };
  });
  return { body: { resourceMetrics }, points };
}

/** Sends 24 h (minus a margin inside the late-arrival window) of telemetry ending at `nowMs`. */
export async function sendRealisticDay(otlpUrl: string, nowMs: number, seed = 7): Promise<RealisticWorld> {
  const rand = seededRandom(seed);
  const startOfDay = nowMs - 24 * HOUR + 5 * 60_000;
  const counts = { logs: 0, spans: 0, points: 0 };
  const bigTraceId = `b16${hex(rand, 29)}`;
  let lastTrace: string | null = null;
  const counterTotals = new Map<string, number>();
  for (let from = startOfDay; from < nowMs; from += HOUR) {
    const to = Math.min(from + HOUR, nowMs - 1000);
    const logs = new Map<string, Obj[]>();
    const spans = new Map<string, Obj[]>();
    // Traces: about one a minute, 5–30 spans each.
    for (let t = from; t < to; t += 30_000 + rand() * 60_000) {
      const traceId = hex(rand, 32);
      for (const s of buildTrace(rand, traceId, t, 5 + Math.floor(rand() * 26), false, logs, rand() < 0.03 ? lastTrace : null)) spans.set(s.svc, [...(spans.get(s.svc) ?? []), s.span]);
      lastTrace = traceId;
    }
    if (nowMs - 10 * 60_000 >= from && nowMs - 10 * 60_000 < to) {
      for (const s of buildTrace(rand, bigTraceId, nowMs - 10 * 60_000, 30, true, logs, lastTrace)) spans.set(s.svc, [...(spans.get(s.svc) ?? []), s.span]);
    }
    // Background logs: a diurnal rate per service; an incident burst of payment errors 3 h ago.
    SERVICES.forEach((svc, si) => {
      const list = logs.get(svc) ?? [];
      for (let t = from; t < to; t += 4_000 + rand() * 30_000 * (1 + si / 4)) {
        const incident = (svc === 'payment' || svc === 'checkout') && t > nowMs - 3 * HOUR && t < nowMs - 2.7 * HOUR;
        const [num, text, body] = pickLog(rand, incident);
        const attrs: Obj[] = [kv('thread.name', `worker-${Math.floor(rand() * 16)}`), kv('code.function', 'handle')];
        if (rand() < 0.05) attrs.push(kv('db.statement', LONG_SQL), kv('request.headers', { kvlistValue: { values: [kv('user-agent', 'Mozilla/5.0 (X11; Linux x86_64)'), kv('x-request-id', hex(rand, 32))] } }));
        list.push({ timeUnixNano: ns(t), severityNumber: num, ...(text ? { severityText: text } : {}), body: { stringValue: num === 21 ? `${body(rand)}\n${STACK}` : body(rand) }, attributes: attrs });
        if (incident) for (let k = 0; k < 6; k++) list.push({ timeUnixNano: ns(t + k * 300), severityNumber: 17, severityText: 'ERROR', body: { stringValue: 'payment declined: upstream returned 502' }, attributes: attrs });
      }
      logs.set(svc, list);
    });
    const resourceLogs = [...logs].map(([svc, logRecords]) => {
      counts.logs += logRecords.length;
      return { resource: resource(svc), scopeLogs: [{ scope: { name: 'shop.logging' }, logRecords }] };
    });
    const resourceSpans = [...spans].map(([svc, list]) => {
      counts.spans += list.length;
      return { resource: resource(svc), scopeSpans: [{ scope: { name: 'io.opentelemetry.http', version: '1.32.0' }, spans: list }] };
    });
    const metrics = hourMetrics(rand, from, to, startOfDay, nowMs, counterTotals);
    counts.points += metrics.points;
    await sendOtlp(otlpUrl, 'logs', { resourceLogs });
    await sendOtlp(otlpUrl, 'traces', { resourceSpans });
    await sendOtlp(otlpUrl, 'metrics', metrics.body);
  }
  return { bigTraceId, services: SERVICES, counts };
}

/**
 * The query benchmark's data set, built straight into vectors (no row objects), one
 * hour of data per call so that appends stay small and hour partitions form naturally:
 *  - metrics: 1,000 series (10 services × 10 metric names × 10 attribute sets), one
 *    point per series every 15 s → 240k points per hour (10M points ≈ 42 hours);
 *  - logs: 48k records per hour (2M ≈ 42 hours), bodies from templates with numbers
 *    in them (high cardinality), ~2 % mention a timeout, 70 % carry a trace id;
 *  - spans: 24k spans per hour (1M ≈ 42 hours), 6 spans per trace, 30 operation names,
 *    log-normal durations.
 */
import { DictionaryBuilder, TABLE_SCHEMAS, type Batch, type TableName, type Vector } from '../src/columnar/index.ts';
import { seededRandom } from '../src/common/index.ts';

export const BENCH_TENANT = 'default';
export const BENCH_SERVICES = Array.from({ length: 10 }, (_, i) => `svc-${i}`);
const METRIC_NAMES = ['cpu.utilization', 'memory.usage', 'http.requests', 'http.duration', 'queue.depth', 'gc.pause', 'db.connections', 'disk.io', 'net.bytes', 'errors'];
const OPERATIONS = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? `GET /api/r${i}` : i % 3 === 1 ? `SELECT table${i}` : `process.step${i}`));
const BODY_TEMPLATES = ['request served in {n} ms', 'user {n} logged in', 'cache miss for key k{n}', 'retrying job {n}', 'upstream timeout after {n} ms', 'flushed {n} rows'];

/** Column vectors by name → a batch in schema order (absent columns are null). */
function toBatch(table: TableName, n: number, cols: Record<string, Vector>): Batch {
  const schema = TABLE_SCHEMAS[table];
  const columns = schema.fields.map((f): Vector => {
    const v = cols[f.name];
    if (v !== undefined) return v;
    switch (f.type) {
      case 'string':
      case 'json':
        return { type: f.type, length: n, codes: new Int32Array(n).fill(-1), dict: [] };
      case 'timestamp':
        return { type: 'timestamp', length: n, ms: new Float64Array(n), nanos: new Int32Array(n), validity: new Uint8Array(n) };
      case 'boolean':
        return { type: 'boolean', length: n, values: new Uint8Array(n), validity: new Uint8Array(n) };
      default:
        return { type: f.type, length: n, values: new Float64Array(n), validity: new Uint8Array(n) };
    }
  });
  return { schema, length: n, columns };
}

function constant(n: number, value: string, type: 'string' | 'json' = 'string'): Vector {
  return { type, length: n, codes: new Int32Array(n), dict: [value] };
}

/** The metric points of hour `h` (0-based) after `startMs`. */
export function metricsHour(startMs: number, h: number): Batch {
  const rand = seededRandom(1000 + h);
  const perHour = 240;
  const n = perHour * 1000;
  const ms = new Float64Array(n);
  const nanos = new Int32Array(n);
  const value = new Float64Array(n);
  const name = new Int32Array(n);
  const service = new Int32Array(n);
  const attrs = new Int32Array(n);
  const type = new Int32Array(n);
  const attrDict = Array.from({ length: 10 }, (_, k) => `{"host":"host-${k}","region":"r${k % 3}"}`);
  let i = 0;
  for (let t = 0; t < perHour; t++) {
    const tMs = startMs + h * 3_600_000 + t * 15_000;
    for (let s = 0; s < 1000; s++) {
      const svc = Math.floor(s / 100);
      const metric = Math.floor(s / 10) % 10;
      ms[i] = tMs + svc * 37;
      nanos[i] = (s * 7919) % 1_000_000;
      value[i] = Math.round((50 + 40 * Math.sin((h * 240 + t) / 50 + s) + rand() * 10) * 1000) / 1000;
      name[i] = metric;
      service[i] = svc;
      attrs[i] = s % 10;
      type[i] = metric === 2 || metric === 9 ? 1 : 0;
      i++;
    }
  }
  return toBatch('metrics', n, {
    tenant_id: constant(n, BENCH_TENANT),
    timestamp: { type: 'timestamp', length: n, ms, nanos, validity: null },
    name: { type: 'string', length: n, codes: name, dict: METRIC_NAMES },
    type: { type: 'string', length: n, codes: type, dict: ['gauge', 'sum'] },
    value: { type: 'float64', length: n, values: value, validity: null },
    flags: { type: 'int64', length: n, values: new Float64Array(n), validity: null },
    service_name: { type: 'string', length: n, codes: service, dict: BENCH_SERVICES },
    attributes: { type: 'json', length: n, codes: attrs, dict: attrDict },
    resource: { type: 'json', length: n, codes: service, dict: BENCH_SERVICES.map((s) => `{"service.name":"${s}"}`) },
  });
}

/** Trace id of trace number k. */
export function traceId(k: number): string {
  return (k * 2654435761 >>> 0).toString(16).padStart(8, '0') + k.toString(16).padStart(24, '0');
}

/** The spans of hour `h`: 4,000 traces of 6 spans. */
export function spansHour(startMs: number, h: number): Batch {
  const rand = seededRandom(2000 + h);
  const traces = 4000;
  const n = traces * 6;
  const ms = new Float64Array(n);
  const nanos = new Int32Array(n);
  const endMs = new Float64Array(n);
  const endNanos = new Int32Array(n);
  const duration = new Float64Array(n);
  const traceDict = new DictionaryBuilder('string');
  const spanDict = new DictionaryBuilder('string');
  const traceCodes = new Int32Array(n);
  const spanCodes = new Int32Array(n);
  const parentCodes = new Int32Array(n);
  const nameCodes = new Int32Array(n);
  const service = new Int32Array(n);
  const status = new Int32Array(n);
  let i = 0;
  for (let t = 0; t < traces; t++) {
    const k = h * traces + t;
    const tid = traceDict.intern(traceId(k));
    const root = Math.floor(rand() * 3_600_000);
    for (let j = 0; j < 6; j++) {
      const d = Math.round(Math.exp(12 + rand() * 3 + (j === 0 ? 1 : 0)));
      const startMsv = startMs + h * 3_600_000 + root + j;
      ms[i] = startMsv;
      nanos[i] = Math.floor(rand() * 1_000_000);
      const endNs = nanos[i] + d;
      endMs[i] = startMsv + Math.floor(endNs / 1_000_000);
      endNanos[i] = endNs % 1_000_000;
      duration[i] = d;
      traceCodes[i] = tid;
      spanCodes[i] = spanDict.intern(`${k.toString(16)}-${j}`);
      parentCodes[i] = j === 0 ? -1 : spanDict.intern(`${k.toString(16)}-0`);
      nameCodes[i] = (t * 7 + j * 5) % OPERATIONS.length;
      service[i] = (t + j) % 10;
      status[i] = rand() < 0.03 ? 1 : 0;
      i++;
    }
  }
  return toBatch('spans', n, {
    tenant_id: constant(n, BENCH_TENANT),
    timestamp: { type: 'timestamp', length: n, ms, nanos, validity: null },
    end_timestamp: { type: 'timestamp', length: n, ms: endMs, nanos: endNanos, validity: null },
    duration_ns: { type: 'int64', length: n, values: duration, validity: null },
    trace_id: { type: 'string', length: n, codes: traceCodes, dict: traceDict.dict },
    span_id: { type: 'string', length: n, codes: spanCodes, dict: spanDict.dict },
    parent_span_id: { type: 'string', length: n, codes: parentCodes, dict: spanDict.dict },
    name: { type: 'string', length: n, codes: nameCodes, dict: OPERATIONS },
    kind: constant(n, 'SERVER'),
    status_code: { type: 'string', length: n, codes: status, dict: ['OK', 'ERROR'] },
    service_name: { type: 'string', length: n, codes: service, dict: BENCH_SERVICES },
    attributes: constant(n, '{}', 'json'),
    resource: constant(n, '{}', 'json'),
    events: constant(n, '[]', 'json'),
    links: constant(n, '[]', 'json'),
    flags: { type: 'int64', length: n, values: new Float64Array(n), validity: null },
  });
}

/** The log records of hour `h`: 48,000, trace ids shared with that hour's spans. */
export function logsHour(startMs: number, h: number): Batch {
  const rand = seededRandom(3000 + h);
  const n = 48_000;
  const ms = new Float64Array(n);
  const nanos = new Int32Array(n);
  const severity = new Float64Array(n);
  const bodyDict = new DictionaryBuilder('string');
  const body = new Int32Array(n);
  const traceDict = new DictionaryBuilder('string');
  const trace = new Int32Array(n);
  const service = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    ms[i] = startMs + h * 3_600_000 + Math.floor((i / n) * 3_600_000);
    nanos[i] = Math.floor(rand() * 1_000_000);
    const tpl = rand() < 0.02 ? 4 : Math.floor(rand() * 6) === 4 ? 0 : Math.floor(rand() * 6);
    body[i] = bodyDict.intern(BODY_TEMPLATES[tpl].replace('{n}', String(Math.floor(rand() * 5000))));
    severity[i] = tpl === 4 ? 17 : 9;
    trace[i] = rand() < 0.7 ? traceDict.intern(traceId(h * 4000 + Math.floor(rand() * 4000))) : -1;
    service[i] = Math.floor(rand() * 10);
  }
  return toBatch('logs', n, {
    tenant_id: constant(n, BENCH_TENANT),
    timestamp: { type: 'timestamp', length: n, ms, nanos, validity: null },
    severity_number: { type: 'int64', length: n, values: severity, validity: null },
    severity_text: { type: 'string', length: n, codes: Int32Array.from(severity, (s) => (s === 17 ? 1 : 0)), dict: ['INFO', 'ERROR'] },
    body: { type: 'string', length: n, codes: body, dict: bodyDict.dict },
    trace_id: { type: 'string', length: n, codes: trace, dict: traceDict.dict },
    flags: { type: 'int64', length: n, values: new Float64Array(n), validity: null },
    service_name: { type: 'string', length: n, codes: service, dict: BENCH_SERVICES },
    attributes: constant(n, '{}', 'json'),
    resource: constant(n, '{}', 'json'),
  });
}

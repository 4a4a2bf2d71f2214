// API benchmarks (bench/api.bench.ts): login latency (argon2id cost), /api/v1/query
// overhead for a tiny query (p50/p99 over 1,000 calls), and result serialization rate
// for a 100k-row result in JSON, NDJSON, CSV and Arrow IPC. Appends to bench/RESULTS.md.
import { loadavg } from 'node:os';
import { createArgon2idHasher } from '../src/auth/index.ts';
import { batchFromRows, makeSchema, MemoryTableSource, TABLE_NAMES, TABLE_SCHEMAS, type Batch } from '../src/columnar/index.ts';
import { createInProcessQueryService } from '../src/server/engine-query-service.ts';
import { arrowResultBytes, csvResultText, jsonResultText, ndjsonResultText } from '../src/server/http/query-output/index.ts';
import { SQL_TYPE_NAMES } from '../src/server/query-service.ts';
import { startApiHarness } from '../tests/api/support/api-harness.ts';
import { recordResults } from './record-results.ts';

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
const ms = (v: number): string => `${v.toFixed(2)} ms`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function loginLatency(): Promise<string[]> {
  const hasher = createArgon2idHasher();
  const h = await startApiHarness({ hasher });
  try {
    const hashTimes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      await hasher.hash(`password-${i}`);
      hashTimes.push(performance.now() - t0);
    }
    await h.createUser('acme', 'alice', 'reader', 'alice-password');
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await h.login('alice', 'alice-password');
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return [
      `| argon2id hash (m=19 MiB, t=2), median of 10 | ${ms(median(hashTimes))} | |`,
      `| POST /api/v1/auth/login (argon2id verify + JWT), 30 sequential | p50 ${ms(quantile(times, 0.5))}, p99 ${ms(quantile(times, 0.99))} | dominated by argon2id, by design |`,
    ];
  } finally {
    await h.stop();
  }
}

async function queryOverhead(): Promise<string[]> {
  const tables = new Map(TABLE_NAMES.map((t) => [t, new MemoryTableSource(t, TABLE_SCHEMAS[t])]));
  const engine = createInProcessQueryService(tables, { memoryBytes: 256 << 20, timeoutMs: 30_000, maxConcurrent: 16 });
  const rows: string[] = [];
  for (const [label, query, sql] of [
    ['fake engine (API only)', undefined, 'GENERATE 1'],
    ['real engine, SELECT 1', engine, 'SELECT 1 AS one'],
  ] as const) {
    const h = await startApiHarness(query === undefined ? {} : { query });
    try {
      await h.createUser('acme', 'alice', 'reader');
      const token = await h.login('alice', 'alice-password');
      const call = async (): Promise<void> => {
        const res = await h.call('POST', '/api/v1/query', { token, body: { sql } });
        if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      };
      for (let i = 0; i < 100; i++) await call();
      const times: number[] = [];
      for (let i = 0; i < 1000; i++) {
        const t0 = performance.now();
        await call();
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      rows.push(`| POST /api/v1/query, ${label}, 1,000 sequential calls | p50 ${ms(quantile(times, 0.5))}, p99 ${ms(quantile(times, 0.99))} | goal: a few ms of overhead |`);
    } finally {
      await h.stop();
    }
  }
  return rows;
}

/** A 100k-row result shaped like a metrics query: time, name, service, value, count, attributes. */
function resultBatches(): { columns: { name: string; type: string; dataType: 'timestamp' | 'string' | 'float64' | 'int64' | 'json' }[]; batches: Batch[] } {
  const schema = makeSchema([
    { name: 'timestamp', type: 'timestamp', nullable: false },
    { name: 'name', type: 'string', nullable: false },
    { name: 'service_name', type: 'string', nullable: false },
    { name: 'value', type: 'float64', nullable: true },
    { name: 'count', type: 'int64', nullable: true },
    { name: 'attributes', type: 'json', nullable: false },
  ]);
  const batches: Batch[] = [];
  const base = 1_764_504_000_000_000_000n;
  for (let b = 0; b < 10; b++) {
    const rows = [];
    for (let i = 0; i < 10_000; i++) {
      const n = b * 10_000 + i;
      rows.push({
        timestamp: base + BigInt(n) * 15_000_000_123n,
        name: `http.server.duration.${n % 20}`,
        service_name: `service-${n % 8}`,
        value: n % 50 === 0 ? null : n * 0.37,
        count: n % 1000,
        attributes: `{"http.route":"/api/v${n % 5}/items","http.status_code":${200 + (n % 3)}}`,
      });
    }
    batches.push(batchFromRows(schema, rows));
  }
  return { columns: schema.fields.map((f) => ({ name: f.name, type: SQL_TYPE_NAMES[f.type], dataType: f.type as 'timestamp' })), batches };
}

async function serializationRates(): Promise<string[]> {
  const { columns, batches } = resultBatches();
  async function* source(): AsyncGenerator<Batch> {
    yield* batches;
  }
  const encoder = new TextEncoder();
  const formats: [string, () => Promise<number>][] = [
    ['JSON', async () => {
      let bytes = 0;
      for await (const t of jsonResultText(columns, source(), { rowCount: () => 100_000, truncated: () => false, elapsedMs: () => 0 })) bytes += encoder.encode(t).length;
      return bytes;
    }],
    ['NDJSON', async () => {
      let bytes = 0;
      for await (const t of ndjsonResultText(columns, source())) bytes += encoder.encode(t).length;
      return bytes;
    }],
    ['CSV', async () => {
      let bytes = 0;
      for await (const t of csvResultText(columns, source())) bytes += encoder.encode(t).length;
      return bytes;
    }],
    ['Arrow IPC', async () => {
      let bytes = 0;
      for await (const b of arrowResultBytes(columns, source())) bytes += b.length;
      return bytes;
    }],
  ];
  const rows: string[] = [];
  for (const [name, run] of formats) {
    await run();
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      bytes = await run();
      const c = process.cpuUsage(c0);
      cpuTimes.push((c.user + c.system) / 1000);
      times.push(performance.now() - t0);
    }
    const t = median(times);
    const cpu = median(cpuTimes);
    const rate = (x: number): string => Math.round(100_000 / (x / 1000)).toLocaleString('en-US');
    rows.push(`| ${name} encoding of a 100k-row, 6-column result (median of 5) | ${rate(t)} rows/s wall (${ms(t)}); ${rate(cpu)} rows/s of process CPU (${ms(cpu)}) | ${(bytes / 1e6).toFixed(1)} MB; CPU time includes GC, is less disturbed by other processes |`);
  }
  return rows;
}

const loadBefore = loadavg()[0].toFixed(1);
const lines = [...(await loginLatency()), ...(await queryOverhead()), ...(await serializationRates())];
const body = `2 vCPU, shared with concurrent work (numbers are noisy; 1-minute load average ${loadBefore} at start). In-process server on 127.0.0.1 (tests/api/support/api-harness.ts), client in the same process.

| measure | value | notes |
|---|---|---|
${lines.join('\n')}`;
process.stdout.write(body + '\n');
recordResults('api', 'node_modules/.bin/bun bench/api.bench.ts', body);

/**
 * Does a heavy query stall ingest? Appends small log batches to a real Storage
 * (wal_sync = group, so each append waits for its fsync) every 5 ms on the main thread
 * and measures append latency — the OTLP acknowledgement path — in three phases: idle,
 * heavy queries running in-process (same thread), and the same queries on a
 * WorkerQueryRunner (warm: its decoded-chunk cache serves repeats; and cold: caches
 * dropped before every run). Goal (SPEC §7): p99 ≤ 50 ms while a heavy query runs.
 *   node_modules/.bin/bun bench/query-isolation.bench.ts
 */
import { TABLE_NAMES, type TableSource } from '../src/columnar/index.ts';
import { runQuery, WorkerQueryRunner } from '../src/query/index.ts';
import { DictionaryPeer, Storage } from '../src/storage/index.ts';
import { describeStorageCatalog } from '../src/server/storage-catalog.ts';
import { workerEntry } from '../src/common/index.ts';
import { silentLogger, InternalError } from '../src/common/index.ts';
import { appendBatch } from '../tests/sql/storage-dataset.ts';
import { BENCH_TENANT, logsHour } from './query-dataset.ts';
import { recordResults } from './record-results.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PHASE_MS = Number(process.env.ISOLATION_PHASE_MS ?? 6000);
const HOURS = 20;
const START_MS = Date.UTC(2026, 10, 28, 0, 0, 0);
const HEAVY = "SELECT service_name, count(*), avg(length(body)), count(DISTINCT body) FROM logs WHERE body ILIKE '%ms%' GROUP BY 1";
const limits = { memoryBytes: 1024 * 1024 * 1024, timeoutMs: 120_000, maxResultRows: 1000 };

const dir = mkdtempSync(join(tmpdir(), 'pharlux-isolation-'));
const storage = await Storage.open({
  dataDir: dir,
  logger: silentLogger(),
  walSync: 'group',
  walDecoder: () => {
    throw new InternalError('not replayed');
  },
  minFreeDiskBytes: 0,
  compactionIntervalSeconds: 0,
  retentionDays: { metrics: 0, logs: 0, spans: 0 },
});
for (let h = 0; h < HOURS; h++) await appendBatch(storage, 'logs', BENCH_TENANT, logsHour(START_MS, h));
await storage.flush();
const small = logsHour(START_MS, HOURS);
const tiny = { ...small, length: 100, columns: small.columns.map((c) => ('codes' in c ? { ...c, length: 100, codes: c.codes.subarray(0, 100) } : c.type === 'timestamp' ? { ...c, length: 100, ms: c.ms.subarray(0, 100), nanos: c.nanos.subarray(0, 100), validity: null } : { ...c, length: 100, values: c.values.subarray(0, 100), validity: c.validity?.subarray(0, 100) ?? null })) } as typeof small;

const catalog = { tables: new Map<string, TableSource>(TABLE_NAMES.map((t) => [t, storage.table(t)])) };
// The server's own wiring: its worker entry and storage catalog bridge.
const runner = new WorkerQueryRunner<DictionaryPeer>({
  workerEntry: workerEntry('src/server/query-worker-entry.ts'),
  workers: 1,
  createPeer: () => new DictionaryPeer(),
  describeCatalog: (tenant, peer) => describeStorageCatalog(storage, tenant, peer),
});

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function phase(name: string, query: (() => Promise<unknown>) | null): Promise<string> {
  const latencies: number[] = [];
  let queries = 0;
  let stop = false;
  const loop = (async () => {
    if (query === null) return;
    while (!stop) {
      await query();
      queries++;
    }
  })();
  const end = performance.now() + PHASE_MS;
  while (performance.now() < end) {
    const t0 = performance.now();
    await appendBatch(storage, 'logs', BENCH_TENANT, tiny);
    latencies.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 5));
  }
  stop = true;
  await loop;
  const line = `| ${name} | ${latencies.length} | ${pct(latencies, 50).toFixed(1)} | ${pct(latencies, 99).toFixed(1)} | ${Math.max(...latencies).toFixed(1)} | ${queries} |`;
  process.stdout.write(line + '\n');
  return line;
}

const loadBefore = loadavg().map((x) => x.toFixed(2)).join(' ');
const rows = [
  await phase('idle', null),
  await phase('heavy query in-process (main thread)', () => runQuery(HEAVY, { tenant: BENCH_TENANT, catalog, limits })),
  await phase('heavy query on a WorkerQueryRunner', () => runner.run(HEAVY, { tenant: BENCH_TENANT, limits })),
  // Worst case for the worker: every run decodes from Parquet (the decoded-chunk cache is
  // emptied first), with large pages inflated on Bun's thread pool.
  await phase('heavy query on a WorkerQueryRunner, cold (caches dropped before each run)', async () => {
    await runner.dropCaches();
    await runner.run(HEAVY, { tenant: BENCH_TENANT, limits });
  }),
];
await runner.close();
await storage.stop({ flush: false });
rmSync(dir, { recursive: true, force: true });

recordResults(
  'Query isolation from ingest (2 vCPU, shared with concurrent work)',
  'node_modules/.bin/bun bench/query-isolation.bench.ts',
  `2 vCPU, shared with concurrent work (numbers are noisy); load average (1/5/15 min) ${loadBefore} before the phases. ${HOURS * 48_000} logs in Parquet parts; every 5 ms the main thread appends 100 log rows to Storage with wal_sync = group and awaits the acknowledgement (fsync). Heavy query, run back to back: ${'`'}${HEAVY}${'`'}. Goal: acknowledgement p99 ≤ 50 ms while heavy queries run.

| phase | appends | ack p50 ms | ack p99 ms | ack max ms | heavy queries completed |
|---|---|---|---|---|---|
${rows.join('\n')}`,
);
process.stdout.write('recorded in bench/RESULTS.md\n');

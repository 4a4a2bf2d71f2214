/**
 * The write path without HTTP and without a load generator competing for the cores:
 * IngestPipeline (decode + validate + queue) over the real Storage (WAL group commit with
 * fdatasync, head append, background flushes to Parquet in the part worker), fed the same
 * pre-encoded requests `pharlux bench ingest` sends, `--inflight` requests at a time.
 * Reports rows/s, CPU seconds per million rows for the whole process and for the main
 * (event-loop) thread alone, and peak RSS. This is the inner loop for tuning the write
 * path; bench/ingest.bench.ts measures the same path end to end over HTTP/gRPC.
 *   node_modules/.bin/bun bench/ingest-pipeline.bench.ts [--seconds 10] [--signals metrics,logs,traces]
 *       [--inflight 16] [--wal-sync group|none] [--head-max-mib 64] [--append]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeProtobuf, generateRequest, SIGNAL_TABLES, type Signal } from '../src/cli/bench-ingest/index.ts';
import { silentLogger } from '../src/common/index.ts';
import { createWalDecoder, DEFAULT_INGEST_LIMITS, IngestPipeline, loadOtlpProto } from '../src/ingest/index.ts';
import { Storage, type WalSyncMode } from '../src/storage/index.ts';
import { recordResults } from './record-results.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const seconds = Number(flag('seconds', '10'));
const signals = flag('signals', 'metrics,logs,traces').split(',') as Signal[];
const inflight = Number(flag('inflight', '16'));
const walSync = flag('wal-sync', 'group') as WalSyncMode;
const headMaxMiB = Number(flag('head-max-mib', '64'));
const REQUESTS = 32;
const BATCH = 1000;

/** user+system CPU seconds of a /proc stat line (fields after the command name). */
function statCpuSeconds(path: string): number {
  const stat = readFileSync(path, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds per thread name (comm) of this process: main thread, part worker, GC helpers, libuv pool. */
function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const comm = readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim().replace(/\d+$/, '#');
      out.set(comm, (out.get(comm) ?? 0) + statCpuSeconds(`/proc/self/task/${tid}/stat`));
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

function peakRssMiB(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' / ');
}

const proto = loadOtlpProto({ camelCase: true });
const rowsOut: string[] = [];
const loadAtStart = loadAverage();
for (const signal of signals) {
  const table = SIGNAL_TABLES[signal];
  const nowMs = Date.now();
  const bodies = Array.from({ length: REQUESTS }, (_, k) => encodeProtobuf(proto, signal, generateRequest(signal, k, BATCH, nowMs)));
  const dataDir = mkdtempSync(join(tmpdir(), 'pharlux-pipeline-bench-'));
  const storage = await Storage.open({
    dataDir,
    logger: silentLogger(),
    walSync,
    headMaxBytes: headMaxMiB * 1024 * 1024,
    minFreeDiskBytes: 0,
    compactionIntervalSeconds: 0,
    walDecoder: createWalDecoder(DEFAULT_INGEST_LIMITS),
  });
  const pipeline = new IngestPipeline({ target: storage, limits: DEFAULT_INGEST_LIMITS, logger: silentLogger() });
  // Warm-up: JIT and caches.
  for (let k = 0; k < 64; k++) await pipeline.ingest({ table, tenant: 'default', encoding: 'protobuf', body: bodies[k % REQUESTS] });

  let rows = 0;
  let requests = 0;
  let issued = 0;
  let latencySum = 0;
  const latencies: number[] = [];
  const procCpu0 = statCpuSeconds('/proc/self/stat');
  const mainCpu0 = statCpuSeconds(`/proc/self/task/${process.pid}/stat`);
  const threads0 = threadCpu();
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      // Copy like a receiver would hand over a fresh body (the pipeline keeps a reference until acked).
      const body = bodies[issued++ % REQUESTS].slice();
      const start = performance.now();
      const result = await pipeline.ingest({ table, tenant: 'default', encoding: 'protobuf', body });
      const ms = performance.now() - start;
      latencySum += ms;
      latencies.push(ms);
      rows += result.accepted;
      requests++;
    }
  };
  // --trace-memory: one line per 500 ms (RSS, JS heap, array buffers, head bytes) to see what holds memory.
  const memTimer = args.includes('--trace-memory')
    ? setInterval(() => {
        const m = process.memoryUsage();
        const h = storage.stats().head;
        const mib = (n: number) => (n / 1048576).toFixed(0);
        process.stderr.write(`rss ${mib(m.rss)} heapUsed ${mib(m.heapUsed)} heapTotal ${mib(m.heapTotal)} arrayBuffers ${mib(m.arrayBuffers)} head ${mib(h.bytes)} flushing ${mib(h.flushingBytes)} MiB\n`);
      }, 500)
    : null;
  await Promise.all(Array.from({ length: inflight }, worker));
  if (memTimer !== null) clearInterval(memTimer);
  const wall = (performance.now() - t0) / 1000;
  const procCpu = statCpuSeconds('/proc/self/stat') - procCpu0;
  const mainCpu = statCpuSeconds(`/proc/self/task/${process.pid}/stat`) - mainCpu0;
  const stats = storage.stats();
  const threads1 = threadCpu();
  const perThread = [...threads1]
    .map(([name, cpu]) => [name, cpu - (threads0.get(name) ?? 0)] as const)
    .filter(([, cpu]) => cpu > 0.005 * seconds)
    .sort((a, b) => b[1] - a[1])
    .map(([name, cpu]) => `${name} ${((cpu / rows) * 1e6).toFixed(2)}`);
  process.stderr.write(`${signal}: CPU s per 1M rows by thread: ${perThread.join(', ')}\n`);
  await pipeline.stop();
  await storage.stop({ flush: false });
  rmSync(dataDir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0;
  const line =
    `| ${signal} | ${Math.round(rows / wall).toLocaleString('en-US')} | ${((procCpu / rows) * 1e6).toFixed(2)} | ${((mainCpu / rows) * 1e6).toFixed(2)} | ` +
    `${(latencySum / Math.max(1, requests)).toFixed(1)} / ${p99.toFixed(1)} | ${(stats.wal.records / Math.max(1, stats.wal.groups)).toFixed(1)} | ` +
    `${stats.counters.flushes} | ${peakRssMiB().toFixed(0)} |`;
  rowsOut.push(line);
  process.stderr.write(line + '\n');
}

const tableText = [
  '| signal | rows/s | CPU s per 1M rows (process) | CPU s per 1M rows (main thread) | latency avg / p99 ms | records per WAL group | flushes | peak RSS MiB (cumulative) |',
  '|---|---|---|---|---|---|---|---|',
  ...rowsOut,
].join('\n');
process.stdout.write(tableText + '\n');
if (args.includes('--append')) {
  recordResults(
    'ingest pipeline (in process, no HTTP)',
    `node_modules/.bin/bun bench/ingest-pipeline.bench.ts --seconds ${seconds} --inflight ${inflight} --wal-sync ${walSync} --head-max-mib ${headMaxMiB}`,
    `IngestPipeline over the real Storage (wal_sync = ${walSync}, head_max_bytes = ${headMaxMiB} MiB, flushes in the part worker), ` +
      `${inflight} requests in flight, batch ${BATCH}, the \`pharlux bench ingest\` generator's requests; no HTTP, no load generator. ` +
      `2 vCPU, shared with concurrent work (numbers are noisy); load average at start ${loadAtStart}.\n\n${tableText}`,
  );
}

/**
 * Head append and flush throughput for the metrics schema: rows/s appended into the head
 * (dictionary remap + typed-array copies, on the main thread), rows/s flushed to Parquet
 * through the part worker (goal ≥ 2M rows/s; a fresh worker, so its first flush also pays
 * for JIT warm-up, as every flush does once the engine has aged out its optimised code),
 * the CPU time of that flush over all threads (wall time on this shared machine includes
 * waiting for a core), the longest main-thread stall while the flush runs, and the encoder
 * alone on one thread, on the head's own chunks (one part per hour, as the worker writes
 * them) and on the workload as one batch (one part).
 *   node_modules/.bin/bun bench/storage-flush.bench.ts [--rows 1000000] [--no-record]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sliceBatch, type Batch } from '../src/columnar/index.ts';
import { silentLogger } from '../src/common/index.ts';
import { encodePart, encodePartitions } from '../src/storage/parquet/index.ts';
import { Storage } from '../src/storage/index.ts';
import { HeadGeneration } from '../src/storage/head/index.ts';
import { metricsWorkload } from './parquet-workload.ts';
import { recordResults } from './record-results.ts';

const args = process.argv.slice(2);
const LOAD_AT_START = loadavg().map((l) => l.toFixed(1)).join(' / ');
const rowsWanted = Number(args[args.indexOf('--rows') + 1]) || 1_000_000;
const collections = Math.ceil(rowsWanted / 1000);
const batch = metricsWorkload(0, collections);
const REQUEST_ROWS = 10_000;
const emptyBody = new Uint8Array(16);

/** Largest gap between 1 ms timer ticks while `work` runs: how long the event loop stalled. */
async function withStallMeter<T>(work: () => Promise<T>): Promise<{ value: T; maxStallMs: number }> {
  let last = performance.now();
  let maxStallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxStallMs = Math.max(maxStallMs, now - last);
    last = now;
  }, 1);
  try {
    return { value: await work(), maxStallMs };
  } finally {
    clearInterval(timer);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'pharlux-flush-bench-'));
const storage = await Storage.open({
  dataDir: dir,
  logger: silentLogger(),
  walDecoder: () => {
    throw new Error('no replay in this benchmark');
  },
  walSync: 'none',
  headMaxBytes: 2 ** 40,
  flushIntervalSeconds: 1e9,
  minFreeDiskBytes: 0,
  compactionIntervalSeconds: 0,
  retentionDays: { metrics: 0, logs: 0, spans: 0 },
});

const slices: Batch[] = [];
for (let start = 0; start < batch.length; start += REQUEST_ROWS) slices.push(sliceBatch(batch, start, Math.min(batch.length, start + REQUEST_ROWS)));

// The head alone: dictionary remap + typed-array copies, nothing else (second of two runs: JIT warm).
let headSec = 0;
let headGen = new HeadGeneration(0);
for (let run = 0; run < 2; run++) {
  const gen = new HeadGeneration(run + 1);
  headGen = gen;
  const tHead = performance.now();
  for (const [i, s] of slices.entries()) gen.append('metrics', 'default', s, i + 1, 0);
  headSec = (performance.now() - tHead) / 1000;
}

// Storage.append, the path ingest uses, 8 requests in flight, empty WAL bodies (the WAL is measured elsewhere).
const tAppend = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (next < slices.length) {
      const s = slices[next++];
      await storage.append({ table: 'metrics', tenant: 'default', receiveTimeMs: Date.now(), encoding: 'protobuf', body: emptyBody }, s);
    }
  }),
);
const appendSec = (performance.now() - tAppend) / 1000;
const headBytes = storage.stats().head.bytes;

// Collect the benchmark's own garbage first, so the stall meter sees the flush, not our GC.
Bun.gc(true);
const flushCpu = process.cpuUsage();
const { value: flushMs, maxStallMs } = await withStallMeter(async () => {
  const t0 = performance.now();
  await storage.flush();
  return performance.now() - t0;
});
const flushCpuUsage = process.cpuUsage(flushCpu);
const flushCpuMs = (flushCpuUsage.user + flushCpuUsage.system) / 1000;
const stats = storage.stats();

// Steady state: a running server flushes every head through the same worker, so the same
// rows are appended and flushed twice more; the faster of those two is the warm figure.
let warmFlushMs = Infinity;
let warmStallMs = 0;
for (let round = 0; round < 2; round++) {
  for (const s of slices) await storage.append({ table: 'metrics', tenant: 'default', receiveTimeMs: Date.now(), encoding: 'protobuf', body: emptyBody }, s);
  Bun.gc(true);
  const { value, maxStallMs: stall } = await withStallMeter(async () => {
    const t0 = performance.now();
    await storage.flush();
    return performance.now() - t0;
  });
  if (value < warmFlushMs) {
    warmFlushMs = value;
    warmStallMs = stall;
  }
}
await storage.stop();
rmSync(dir, { recursive: true, force: true });

// The encoder on this thread, on the head's chunks as the worker receives them (views of
// the chunk memory, the head's dictionaries): the first run is as cold as a fresh worker.
const OPTIONS = { compression: 'zstd', zstdLevel: 3 } as const;
const head = headGen.head('metrics', 'default');
if (head === undefined) throw new Error('no head');
const headBatches: Batch[] = head.chunks.map((chunk) => ({
  schema: head.schema,
  length: chunk.length,
  columns: head.schema.fields.map((_f, c) => chunk.vector(c, chunk.length, head.dicts[c]?.values ?? null)),
}));
const timed = (fn: () => number): { ms: number; cpuMs: number; bytes: number } => {
  Bun.gc(true);
  const cpu = process.cpuUsage();
  const t = performance.now();
  const bytes = fn();
  const ms = performance.now() - t;
  const u = process.cpuUsage(cpu);
  return { ms, cpuMs: (u.user + u.system) / 1000, bytes };
};
const encodeHead = (): number => {
  let bytes = 0;
  for (const part of encodePartitions('metrics', headBatches, 3_600_000, OPTIONS)) bytes += part.bytes.length;
  return bytes;
};
const headCold = timed(encodeHead);
const headWarm = [timed(encodeHead), timed(encodeHead), timed(encodeHead)].reduce((a, b) => (b.ms < a.ms ? b : a));
const onePart = timed(() => encodePart('metrics', [batch], OPTIONS).length);

const rows = batch.length;
const body = `Metrics workload of bench/parquet-workload.ts (1000 series × 15 s, ${rows} rows over ${Math.ceil((collections * 15) / 3600)} hours), zstd level 3. 2 vCPU, shared with concurrent work (numbers are noisy); load average at start ${LOAD_AT_START}.

| measure | value | notes |
|---|---|---|
| head append alone (remap dictionaries + copy typed arrays), ${REQUEST_ROWS}-row batches | ${(rows / headSec / 1e6).toFixed(2)} M rows/s | main thread |
| Storage.append, 8 in flight, ${REQUEST_ROWS}-row batches | ${(rows / appendSec / 1e6).toFixed(2)} M rows/s | WAL body empty, wal_sync none: head + WAL bookkeeping + promise overhead |
| head size after append | ${(headBytes / rows).toFixed(0)} bytes/row | ${(headBytes / 2 ** 20).toFixed(0)} MiB |
| flush through the part worker (sort, one part per hour: encode, write, fsync; publish) | ${(rows / (flushMs / 1000) / 1e6).toFixed(2)} M rows/s | ${flushMs.toFixed(0)} ms wall, ${stats.parts.metrics.count} parts, ${(stats.parts.metrics.bytes / rows).toFixed(3)} bytes/row; goal ≥ 2M rows/s |
| flush through the part worker, steady state (best of 2 more flushes of the same rows, warm worker) | ${(rows / (warmFlushMs / 1000) / 1e6).toFixed(2)} M rows/s | ${warmFlushMs.toFixed(0)} ms wall, longest main-thread stall ${warmStallMs.toFixed(1)} ms; goal ≥ 2M rows/s |
| first flush by CPU time, all threads | ${(rows / (flushCpuMs / 1000) / 1e6).toFixed(2)} M rows/s | ${flushCpuMs.toFixed(0)} ms CPU (worker + main + JIT and GC threads) |
| longest main-thread stall during the flush | ${maxStallMs.toFixed(1)} ms | 1 ms timer; includes sending the head (SharedArrayBuffers) and dictionaries to the worker |
| encodePartitions on the head's chunks, one thread, first run (cold JIT) | ${(rows / headCold.ms / 1000).toFixed(2)} M rows/s | ${headCold.ms.toFixed(0)} ms wall, ${headCold.cpuMs.toFixed(0)} ms CPU; ${(headCold.bytes / rows).toFixed(3)} bytes/row |
| same, best of 3 more runs (warm JIT) | ${(rows / headWarm.ms / 1000).toFixed(2)} M rows/s | ${headWarm.ms.toFixed(0)} ms wall, ${headWarm.cpuMs.toFixed(0)} ms CPU |
| encodePart on the workload as one batch (one ${Math.ceil((collections * 15) / 3600)}-hour part), warm | ${(rows / onePart.ms / 1000).toFixed(2)} M rows/s | ${onePart.ms.toFixed(0)} ms wall, ${onePart.cpuMs.toFixed(0)} ms CPU; ${(onePart.bytes / rows).toFixed(2)} bytes/row |
`;
console.log(body);
if (!args.includes('--no-record')) recordResults('storage: head append and flush', `node_modules/.bin/bun bench/storage-flush.bench.ts --rows ${rowsWanted}`, body);

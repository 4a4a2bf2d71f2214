/**
 * Start-up replay of a full WAL (default 512 MiB = storage.wal_max_bytes) of real OTLP
 * protobuf requests (the metrics/logs/traces mix `pharlux bench ingest` sends), through
 * the real ingest WalDecoder: MB/s, records/s, rows/s and peak RSS. Two runs, each in a
 * fresh child process: replay alone (head_max_bytes huge: no flush during replay) and
 * with the default 64 MiB head (flushes run during replay, as on a real start).
 *   node_modules/.bin/bun bench/storage-replay.bench.ts [--mib 512] [--no-record]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeProtobuf, generateRequest, SIGNAL_TABLES, type Signal } from '../src/cli/bench-ingest/request-generator.ts';
import { silentLogger, systemClock } from '../src/common/index.ts';
import { createWalDecoder, DEFAULT_INGEST_LIMITS, loadOtlpProto } from '../src/ingest/index.ts';
import { Storage } from '../src/storage/index.ts';
import { replayWal, WalWriter } from '../src/storage/wal/index.ts';
import { recordResults } from './record-results.ts';

const args = process.argv.slice(2);

if (args[0] === '--child') {
  // Child: open the data dir (replays), report figures as one JSON line.
  const [, dataDir, headMaxBytes] = args;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const storage = await Storage.open({
    dataDir,
    logger: silentLogger(),
    walDecoder: createWalDecoder(DEFAULT_INGEST_LIMITS),
    headMaxBytes: Number(headMaxBytes),
    minFreeDiskBytes: 0,
    compactionIntervalSeconds: 0,
    retentionDays: { metrics: 0, logs: 0, spans: 0 },
  });
  const openMs = performance.now() - t0;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const s = storage.stats();
  const rows = s.head.rows + s.parts.metrics.rows + s.parts.logs.rows + s.parts.spans.rows;
  console.log(JSON.stringify({ openMs, replayMs: s.replay.durationMs, records: s.replay.records, bytes: s.replay.bytes, rows, flushes: s.counters.flushes, peakRss }));
  await storage.stop({ flush: false });
  process.exit(0);
}

const LOAD_AT_START = loadavg().map((l) => l.toFixed(1)).join(' / ');
const mib = Number(args[args.indexOf('--mib') + 1]) || 512;
const dir = mkdtempSync(join(tmpdir(), 'pharlux-replay-bench-'));
const walDir = join(dir, 'wal');

// Fill the WAL with a pool of pre-encoded requests (1000 rows each), cycling signals.
const proto = loadOtlpProto({ camelCase: true });
const nowMs = Date.now();
const pool: { table: 'metrics' | 'logs' | 'spans'; body: Uint8Array; rows: number }[] = [];
for (let k = 0; k < 24; k++) {
  const signal: Signal = (['metrics', 'logs', 'traces'] as const)[k % 3];
  const request = generateRequest(signal, k, 1000, nowMs);
  pool.push({ table: SIGNAL_TABLES[signal], body: encodeProtobuf(proto, signal, request), rows: request.rows });
}
const { mkdirSync } = await import('node:fs');
mkdirSync(walDir, { recursive: true });
const wal = WalWriter.open({ dir: walDir, sync: 'none', syncIntervalMs: 100, segmentBytes: 64 << 20, firstSequence: 1, nextLsn: 1, existing: [], clock: systemClock, logger: silentLogger() });
let written = 0;
let records = 0;
let rowsWritten = 0;
const tFill = performance.now();
while (written < mib * 2 ** 20) {
  const batch = [];
  for (let i = 0; i < 32; i++) {
    const r = pool[records++ % pool.length];
    written += r.body.length + 50;
    rowsWritten += r.rows;
    batch.push(wal.append({ table: r.table, tenant: 'default', receiveTimeMs: nowMs, encoding: 'protobuf', body: r.body }, () => {}));
  }
  await Promise.all(batch);
}
await wal.close();
const fillSec = (performance.now() - tFill) / 1000;
console.log(`wrote ${records} records, ${(wal.stats().totalBytes / 2 ** 20).toFixed(0)} MiB, ${rowsWritten} rows in ${fillSec.toFixed(1)} s`);

interface ChildResult {
  openMs: number;
  replayMs: number;
  records: number;
  bytes: number;
  rows: number;
  flushes: number;
  peakRss: number;
}

function runChild(headMaxBytes: number, copyOf: string): ChildResult {
  const out = Bun.spawnSync([process.execPath, import.meta.path, '--child', copyOf, String(headMaxBytes)], { stderr: 'inherit' });
  const line = out.stdout.toString().trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as ChildResult;
}

// Reading alone: frames, CRC32C checks and payload parsing, no decode (in this process).
let peakReadRss = process.memoryUsage().rss;
const tRead = performance.now();
const readOnly = await replayWal({ dir: walDir, checkpointLsn: 0, repair: false, logger: silentLogger() }, () => {
  peakReadRss = Math.max(peakReadRss, process.memoryUsage().rss);
});
const readSec = (performance.now() - tRead) / 1000;

// Each run needs the same untouched WAL: copy the data dir (a replay with flushes changes it).
const lines = ['| run | WAL MiB | records | rows | replay s | MB/s | rows/s | flushes during replay | peak RSS MiB |', '|---|---|---|---|---|---|---|---|---|'];
lines.push(`| read + CRC32C only (no decode, no head) | ${(readOnly.replayedBytes / 2 ** 20).toFixed(0)} | ${readOnly.replayedRecords} | – | ${readSec.toFixed(1)} | ${(readOnly.replayedBytes / 1e6 / readSec).toFixed(0)} | – | – | ${(peakReadRss / 2 ** 20).toFixed(0)} (bench process) |`);
console.log(lines.at(-1));
for (const [label, headMax] of [
  ['replay only (head_max_bytes = 16 GiB)', 16 * 2 ** 30],
  ['default head_max_bytes = 64 MiB (flushes run)', 64 * 2 ** 20],
] as const) {
  const copy = `${dir}-copy`;
  Bun.spawnSync(['cp', '-r', dir, copy]);
  const r = runChild(headMax, copy);
  rmSync(copy, { recursive: true, force: true });
  const line = `| ${label} | ${(r.bytes / 2 ** 20).toFixed(0)} | ${r.records} | ${r.rows} | ${(r.replayMs / 1000).toFixed(1)} | ${(r.bytes / 1e6 / (r.replayMs / 1000)).toFixed(0)} | ${(r.rows / (r.replayMs / 1000) / 1e6).toFixed(2)} M | ${r.flushes} | ${(r.peakRss / 2 ** 20).toFixed(0)} |`;
  console.log(line);
  lines.push(line);
}
rmSync(dir, { recursive: true, force: true });

const body = `A ${mib} MiB WAL of pre-encoded OTLP protobuf requests (1000 rows each; metrics, logs and traces in turn, from src/cli/bench-ingest/request-generator.ts), replayed at Storage.open through the real ingest WalDecoder, each run in a fresh process. Replay time includes CRC checks, decoding and head appends (and, in the second run, the flushes that run during replay). 2 vCPU, shared with concurrent work (numbers are noisy); load average at start ${LOAD_AT_START}.

${lines.join('\n')}`;
console.log(body);
if (!args.includes('--no-record')) recordResults('storage: WAL replay', `node_modules/.bin/bun bench/storage-replay.bench.ts --mib ${mib}`, body);

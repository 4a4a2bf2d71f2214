/**
 * WAL write throughput with group commit: acknowledged batches/s, appended MB/s, fsync
 * latency p50/p99 and acknowledgement latency p50/p99, for a few body sizes and
 * concurrency levels (and `interval` mode for comparison). WalWriter alone, no head.
 *   node_modules/.bin/bun bench/wal.bench.ts [--seconds 4] [--no-record]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, systemClock } from '../src/common/index.ts';
import { WalWriter, type WalSyncMode } from '../src/storage/wal/index.ts';
import { recordResults } from './record-results.ts';

const args = process.argv.slice(2);
const LOAD_AT_START = loadavg().map((l) => l.toFixed(1)).join(' / ');
const seconds = Number(args[args.indexOf('--seconds') + 1]) || 4;

interface Case {
  readonly label: string;
  readonly sync: WalSyncMode;
  readonly bodyBytes: number;
  readonly inFlight: number;
}

const CASES: Case[] = [
  { label: 'group, 64 KiB bodies, 1 in flight', sync: 'group', bodyBytes: 64 * 1024, inFlight: 1 },
  { label: 'group, 64 KiB bodies, 32 in flight', sync: 'group', bodyBytes: 64 * 1024, inFlight: 32 },
  { label: 'group, 256 KiB bodies, 16 in flight', sync: 'group', bodyBytes: 256 * 1024, inFlight: 16 },
  { label: 'group, 2 MiB bodies, 8 in flight', sync: 'group', bodyBytes: 2 * 1024 * 1024, inFlight: 8 },
  { label: 'interval (100 ms), 64 KiB bodies, 32 in flight', sync: 'interval', bodyBytes: 64 * 1024, inFlight: 32 },
];

function quantile(sorted: Float64Array, q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function run(c: Case): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pharlux-wal-bench-'));
  const wal = WalWriter.open({ dir, sync: c.sync, syncIntervalMs: 100, segmentBytes: 64 << 20, firstSequence: 1, nextLsn: 1, existing: [], clock: systemClock, logger: silentLogger() });
  const body = new Uint8Array(c.bodyBytes);
  for (let i = 0; i < body.length; i++) body[i] = (i * 2654435761) >>> 24;
  const latencies: number[] = [];
  let acked = 0;
  let bytes = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  const loop = async (): Promise<void> => {
    while (performance.now() < end) {
      const s = performance.now();
      await wal.append({ table: 'metrics', tenant: 'default', receiveTimeMs: Date.now(), encoding: 'protobuf', body }, () => {});
      latencies.push(performance.now() - s);
      acked++;
      bytes += body.length;
      // Keep the WAL from filling the disk: drop what is behind us.
      if (acked % 2000 === 0) await wal.deleteSegmentsThrough(wal.appliedLsn - 1);
    }
  };
  await Promise.all(Array.from({ length: c.inFlight }, loop));
  const elapsed = (performance.now() - t0) / 1000;
  const stats = wal.stats();
  const fsync = wal.fsyncLatency.snapshot();
  await wal.close();
  rmSync(dir, { recursive: true, force: true });
  const lat = Float64Array.from(latencies).sort();
  const f = (n: number | null) => (n === null || Number.isNaN(n) ? 'n/a' : n.toFixed(2));
  return `| ${c.label} | ${(acked / elapsed).toFixed(0)} | ${(bytes / elapsed / 1e6).toFixed(0)} | ${(stats.records / Math.max(1, stats.groups)).toFixed(1)} | ${f(fsync.p50Ms)} | ${f(fsync.p99Ms)} | ${f(quantile(lat, 0.5))} | ${f(quantile(lat, 0.99))} |`;
}

const lines = ['| case | acked batches/s | MB/s | records per group | fsync p50 ms | fsync p99 ms | ack p50 ms | ack p99 ms |', '|---|---|---|---|---|---|---|---|'];
for (const c of CASES) {
  const line = await run(c);
  console.log(line);
  lines.push(line);
}
const body = `WalWriter alone (encode frame + CRC32C on the main thread, writev, fdatasync), temp dir on the data disk, ${seconds} s per case. 2 vCPU, shared with concurrent work (numbers are noisy); load average at start ${LOAD_AT_START}.\n\n${lines.join('\n')}`;
console.log(body);
if (!args.includes('--no-record')) recordResults('storage: WAL group commit', `node_modules/.bin/bun bench/wal.bench.ts --seconds ${seconds}`, body);

/**
 * Ingest throughput end to end: `pharlux bench ingest` (in this process) against
 *  - `--server memory` (default): the real OTLP receivers + ingest pipeline in a child
 *    process with an in-memory AppendTarget (no WAL): the receive → decode path alone;
 *  - `--server real`: the real server (`bun main.ts serve`, wal_sync = group, temp data dir).
 * For each scenario it reports rows/s, request latency, the server's peak RSS and the
 * server's CPU time per million rows (less noisy than wall-clock rates on a shared box).
 *   node_modules/.bin/bun bench/ingest.bench.ts [--server memory|real] [--seconds 20]
 *       [--scenarios metrics-http,metrics-grpc,logs-http,traces-http] [--workers 16] [--append]
 *       [--rate ROWS_PER_S] [--trace-rss]
 *       [--cpu-prof DIR]   (real server only: `bun --cpu-prof` the server, profile in DIR on exit)
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchIngestCommand } from '../src/cli/bench-ingest.ts';
import type { CliIo } from '../src/cli/command.ts';
import { silentLogger } from '../src/common/index.ts';
import { DEFAULT_INGEST_LIMITS, defaultTenantResolver, IngestPipeline, MemoryAppendTarget } from '../src/ingest/index.ts';
import { startOtlpGrpcReceiver, startOtlpHttpReceiver } from '../src/server/otlp/index.ts';
import { startServerProcess } from '../tests/support/server-process.ts';
import { recordResults } from './record-results.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};

if (args.includes('--serve-receivers')) {
  // Child mode: receivers + pipeline over an in-memory target; ports on stdout; exits when stdin closes.
  const target = new MemoryAppendTarget();
  target.keep = false;
  const logger = silentLogger();
  const pipeline = new IngestPipeline({ target, limits: DEFAULT_INGEST_LIMITS, logger });
  const common = { host: '127.0.0.1', port: 0, pipeline, tenants: defaultTenantResolver, logger };
  const http = await startOtlpHttpReceiver(common);
  const grpc = await startOtlpGrpcReceiver(common);
  process.stdout.write(JSON.stringify({ httpPort: http.port, grpcPort: grpc.port }) + '\n');
  for await (const _ of Bun.stdin.stream()) {
    // wait for EOF
  }
  await Promise.all([http.stop(), grpc.stop()]);
  process.exit(0);
}

interface ServerHandle {
  readonly pid: number;
  readonly httpPort: number;
  readonly grpcPort: number;
  stop(): Promise<void>;
}

async function startMemoryServer(): Promise<ServerHandle> {
  const proc = Bun.spawn([process.execPath, import.meta.path, '--serve-receivers'], { stdin: 'pipe', stdout: 'pipe', stderr: 'inherit' });
  const reader = proc.stdout.getReader();
  let text = '';
  while (!text.includes('\n')) {
    const { value, done } = await reader.read();
    if (done) throw new Error('receiver child exited before reporting its ports');
    text += new TextDecoder().decode(value);
  }
  const ports = JSON.parse(text.split('\n')[0]) as { httpPort: number; grpcPort: number };
  return {
    pid: proc.pid,
    ...ports,
    stop: async () => {
      proc.stdin.end();
      await proc.exited;
    },
  };
}

async function startRealServer(): Promise<ServerHandle> {
  // --cpu-prof DIR: run the server under `bun --cpu-prof` (profile written to DIR when it exits).
  const profDir = flag('cpu-prof', '');
  let binary: string | undefined;
  if (profDir !== '') {
    mkdirSync(profDir, { recursive: true });
    binary = join(profDir, 'serve-profiled.sh');
    const main = join(import.meta.dir, '..', 'main.ts');
    writeFileSync(binary, `#!/bin/sh\nexec '${process.execPath}' --cpu-prof --cpu-prof-md --cpu-prof-dir='${profDir}' '${main}' "$@"\n`);
    chmodSync(binary, 0o755);
  }
  const server = await startServerProcess({ env: { PHARLUX_STORAGE_WAL_SYNC: 'group' }, binary });
  return {
    pid: server.proc.pid,
    httpPort: server.otlpHttpPort,
    grpcPort: server.otlpGrpcPort,
    stop: async () => {
      await server.stop();
    },
  };
}

/** Peak and current RSS (MiB) and CPU seconds of a process, from /proc. */
function processStats(pid: number): { peakRssMiB: number; rssMiB: number; cpuSeconds: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
  return { peakRssMiB: kb('VmHWM') / 1024, rssMiB: kb('VmRSS') / 1024, cpuSeconds: ticks / 100 };
}

/** CPU seconds per thread name of a process (main thread, part worker, JIT, GC helpers, I/O pool). */
function threadCpu(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const comm = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim().replace(/\d+$/, '#');
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(comm, (out.get(comm) ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

const serverKind = flag('server', 'memory');
const seconds = flag('seconds', '20');
const workers = flag('workers', '16');
/** Target rows/s (0 = unthrottled): latency below saturation is what a rate shows. */
const rate = flag('rate', '0');
const scenarios = flag('scenarios', 'metrics-http,metrics-grpc,logs-http,traces-http').split(',');
const server = serverKind === 'real' ? await startRealServer() : await startMemoryServer();
const rows: string[] = [];
const threadLines: string[] = [];
const loadAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' / ');
try {
  for (const scenario of scenarios) {
    const [signal, protocol] = scenario.split('-');
    const target = protocol === 'grpc' ? `127.0.0.1:${server.grpcPort}` : `http://127.0.0.1:${server.httpPort}`;
    let json = '';
    const io: CliIo = {
      stdout: (t) => (json += t),
      stderr: (t) => process.stderr.write(t),
      readStdin: async () => '',
      env: process.env,
      stdoutBytes: () => {},
    };
    const before = processStats(server.pid);
    const threadsBefore = threadCpu(server.pid);
    const generatorCpuBefore = process.cpuUsage();
    // The server's RSS every 250 ms (median and p90 next to the peak: the peak is one spike);
    // --trace-rss also prints each sample.
    const rssSamples: number[] = [];
    const rssTimer = setInterval(() => {
      const rss = processStats(server.pid).rssMiB;
      rssSamples.push(rss);
      if (args.includes('--trace-rss')) process.stderr.write(`server rss ${rss.toFixed(0)} MiB\n`);
    }, 250);
    const paced = rate === '0' ? [] : ['--rate', rate];
    const code = await benchIngestCommand.run(['--target', target, '--protocol', protocol, '--signal', signal, '--duration', seconds, '--workers', workers, ...paced, '--json'], io);
    clearInterval(rssTimer);
    rssSamples.sort((a, b) => a - b);
    const rssAt = (q: number): string => (rssSamples[Math.min(rssSamples.length - 1, Math.floor(q * rssSamples.length))] ?? 0).toFixed(0);
    const after = processStats(server.pid);
    const r = JSON.parse(json) as { throughput: number; errors: number; requests: number; rowsAcknowledged: number; latency: { avgMs: number; p50Ms: number; p99Ms: number } };
    const perThread = [...threadCpu(server.pid)]
      .map(([name, cpu]) => [name, cpu - (threadsBefore.get(name) ?? 0)] as const)
      .filter(([, cpu]) => cpu > 0.05)
      .sort((a, b) => b[1] - a[1])
      .map(([name, cpu]) => `${name} ${((cpu / Math.max(1, r.rowsAcknowledged)) * 1e6).toFixed(2)}`);
    const generatorCpu = process.cpuUsage(generatorCpuBefore);
    const generatorPerMillion = ((generatorCpu.user + generatorCpu.system) / 1e6 / Math.max(1, r.rowsAcknowledged)) * 1e6;
    threadLines.push(`- ${scenario}: server CPU s per 1M rows by thread: ${perThread.join(', ')}; load generator (this process): ${generatorPerMillion.toFixed(2)}`);
    process.stderr.write(`${threadLines[threadLines.length - 1]}\n`);
    const cpuPerMillion = ((after.cpuSeconds - before.cpuSeconds) / r.rowsAcknowledged) * 1e6;
    rows.push(
      `| ${signal} | ${protocol === 'grpc' ? 'gRPC' : 'HTTP protobuf'} | ${Math.round(r.throughput).toLocaleString('en-US')} | ${r.errors} / ${r.requests} | ` +
        `${r.latency.avgMs.toFixed(1)} / ${r.latency.p50Ms.toFixed(1)} / ${r.latency.p99Ms.toFixed(1)} | ${rssAt(0.5)} / ${rssAt(0.9)} / ${after.peakRssMiB.toFixed(0)} | ${cpuPerMillion.toFixed(2)} |`,
    );
    process.stderr.write(`${rows[rows.length - 1]}  (exit ${code})\n`);
  }
} finally {
  await server.stop();
}

const table = [
  '| signal | protocol | rows/s | errors / requests | latency avg / p50 / p99 ms | server RSS MiB median / p90 / peak | server CPU s per 1M rows |',
  '|---|---|---|---|---|---|---|',
  ...rows,
].join('\n');
process.stdout.write(table + '\n');
if (args.includes('--append')) {
  const what =
    serverKind === 'real'
      ? 'the real server (`bun main.ts serve`, wal_sync = group, temp data dir)'
      : 'the OTLP receivers + ingest pipeline with an in-memory AppendTarget (no WAL, no head): receive → decompress → decode → validate → queue';
  recordResults(
    `ingest (${serverKind} server)`,
    `node_modules/.bin/bun bench/ingest.bench.ts --server ${serverKind} --seconds ${seconds} --workers ${workers}${rate === '0' ? '' : ` --rate ${rate}`} --scenarios ${scenarios.join(',')}`,
    `Load from \`pharlux bench ingest\` (batch 1000, ${workers} workers, ${rate === '0' ? 'unthrottled' : `paced at ${rate} rows/s`}, ${seconds} s per row) in the bench process, against ${what}, ` +
      `on the same machine. 2 vCPU, shared with concurrent work (numbers are noisy); load average at start ${loadAtStart}. CPU per 1M rows is the server process's user+system time ` +
      `(all its threads). RSS median and p90 are over 250 ms samples during the row; the peak is the process's high-water mark since it started.\n\n${table}\n\n${threadLines.join('\n')}`,
  );
}

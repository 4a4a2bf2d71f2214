/**
 * `pharlux bench ingest` (SPEC §2): an OTLP load generator. Builds a pool of realistic,
 * pre-encoded Export requests (bench-ingest/request-generator.ts), sends them over
 * OTLP/HTTP or OTLP/gRPC from `--workers` concurrent loops for `--duration` seconds,
 * optionally paced to `--rate` rows/s, prints a live progress line and a final report,
 * and exits 1 when the achieved rate misses `--rate` by more than 5 %.
 */
import { UsageError } from '../common/index.ts';
import { loadOtlpProto } from '../ingest/index.ts';
import type { CliCommand } from './command.ts';
import { booleanFlag, integerFlag, parseFlags, stringFlag } from './flags.ts';
import {
  createGrpcSender,
  createHttpSender,
  encodeProtobuf,
  generateRequest,
  runLoad,
  SIGNAL_TABLES,
  type LoadProgress,
  type LoadResult,
  type Signal,
} from './bench-ingest/index.ts';

const HELP = `Usage: pharlux bench ingest [--target URL] [--protocol http|grpc] [--signal metrics|logs|traces]
                           [--rate N] [--duration S] [--batch N] [--workers N] [--gzip] [--api-key K] [--json]

OTLP load generator. Sends pre-encoded, realistic Export requests (metrics: 8 metric
names over host/service/route attributes; logs; traces) and reports throughput and
latency. Exits 1 when the achieved rate misses --rate by more than 5 %.

Flags:
      --target URL      OTLP endpoint (default http://127.0.0.1:4318 for http, 127.0.0.1:4317 for grpc);
                        for http a URL without a /v1/... path gets /v1/<signal> appended
      --protocol P      http (protobuf) or grpc (default http)
      --signal S        metrics, logs or traces (default metrics)
      --rate N          target rows (points, records, spans) per second; 0 = as fast as possible (default 0)
      --duration S      seconds to run (default 10)
      --batch N         rows per request (default 1000)
      --workers N       concurrent requests in flight (default 16)
      --gzip            compress request bodies (gzip)
      --api-key K       send Authorization: Bearer K (for ingest.require_api_key)
      --json            print the final report as JSON

Examples:
  pharlux bench ingest --duration 60 --workers 16
  pharlux bench ingest --protocol grpc --signal traces --rate 200000
`;

/** Distinct pre-encoded requests cycled through (varying resource/host and values). */
const REQUEST_POOL = 64;

export const benchIngestCommand: CliCommand = {
  name: 'bench ingest',
  summary: 'OTLP load generator: throughput and latency of a running server',
  help: HELP,
  async run(args, io) {
    const parsed = parseFlags(args, {
      target: { type: 'string' },
      protocol: { type: 'string' },
      signal: { type: 'string' },
      rate: { type: 'integer' },
      duration: { type: 'integer' },
      batch: { type: 'integer' },
      workers: { type: 'integer' },
      gzip: { type: 'boolean' },
      'api-key': { type: 'string' },
      json: { type: 'boolean' },
    });
    const protocol = stringFlag(parsed, 'protocol') ?? 'http';
    if (protocol !== 'http' && protocol !== 'grpc') throw new UsageError(`--protocol must be http or grpc, got "${protocol}"`);
    const signal = stringFlag(parsed, 'signal') ?? 'metrics';
    if (signal !== 'metrics' && signal !== 'logs' && signal !== 'traces') throw new UsageError(`--signal must be metrics, logs or traces, got "${signal}"`);
    const rate = integerFlag(parsed, 'rate', 0);
    const durationS = integerFlag(parsed, 'duration', 10);
    const batch = integerFlag(parsed, 'batch', 1000);
    const workers = integerFlag(parsed, 'workers', 16);
    if (rate < 0 || durationS < 1 || batch < 1 || workers < 1) throw new UsageError('--rate must be >= 0; --duration, --batch and --workers >= 1');
    const gzip = booleanFlag(parsed, 'gzip');
    const apiKey = stringFlag(parsed, 'api-key') ?? null;
    const target = resolveTarget(stringFlag(parsed, 'target'), protocol, signal);

    const proto = loadOtlpProto({ camelCase: true });
    const nowMs = Date.now();
    let rowsPerRequest = 0;
    const bodies: Uint8Array[] = [];
    for (let k = 0; k < REQUEST_POOL; k++) {
      const request = generateRequest(signal, k, batch, nowMs);
      rowsPerRequest = request.rows;
      const encoded = encodeProtobuf(proto, signal, request);
      // HTTP bodies are compressed once here; gRPC compresses per message inside grpc-js.
      bodies.push(gzip && protocol === 'http' ? Bun.gzipSync(encoded as Uint8Array<ArrayBuffer>) : encoded);
    }
    const service = proto.services[SIGNAL_TABLES[signal]];
    const sender = protocol === 'http' ? createHttpSender(target, { gzip, apiKey }) : createGrpcSender(target, service, { gzip, apiKey });
    const avgBytes = bodies.reduce((a, b) => a + b.byteLength, 0) / bodies.length;
    io.stderr(
      `pharlux bench ingest: ${signal} over ${protocol === 'http' ? 'OTLP/HTTP protobuf' : 'OTLP/gRPC'}${gzip ? ' + gzip' : ''} → ${target}\n` +
        `  ${rowsPerRequest} rows/request (${(avgBytes / 1024).toFixed(0)} KiB), ${workers} workers, ${durationS} s` +
        `${rate > 0 ? `, target ${formatCount(rate)} rows/s` : ', unthrottled'}\n`,
    );

    const tty = process.stderr.isTTY === true;
    let result: LoadResult;
    try {
      result = await runLoad({ bodies, rowsPerRequest, workers, durationMs: durationS * 1000, rate }, sender, (p) => {
        const line = progressLine(p);
        if (tty) io.stderr(`\r${line.padEnd(100)}`);
        else if (Math.round(p.elapsedMs / 1000) % 5 === 0) io.stderr(`${line}\n`);
      });
    } finally {
      sender.close();
    }
    if (tty) io.stderr('\n');

    const throughput = result.rowsAcknowledged / (result.elapsedMs / 1000);
    const missed = rate > 0 && throughput < rate * 0.95;
    if (booleanFlag(parsed, 'json')) io.stdout(JSON.stringify({ signal, protocol, gzip, batch: rowsPerRequest, workers, rate, throughput, ...result }) + '\n');
    else io.stdout(finalReport(result, throughput, rate, { signal, protocol, rowsPerRequest, workers }));
    if (result.requests > 0 && result.errors === result.requests) {
      io.stderr(`pharlux bench ingest: every request failed (${Object.keys(result.errorsByStatus).join(', ')}); is a server listening at ${target}?\n`);
      return 1;
    }
    return missed ? 1 : 0;
  },
};

/** The URL (http) or host:port (grpc) to send to. */
function resolveTarget(flag: string | undefined, protocol: 'http' | 'grpc', signal: Signal): string {
  const path = `/v1/${signal}`;
  if (protocol === 'grpc') {
    if (flag === undefined) return '127.0.0.1:4317';
    return flag.replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '');
  }
  const base = flag ?? 'http://127.0.0.1:4318';
  let url: URL;
  try {
    url = new URL(base.includes('://') ? base : `http://${base}`);
  } catch {
    throw new UsageError(`--target "${base}" is not a URL`);
  }
  if (url.pathname === '/' || url.pathname === '') url.pathname = path;
  return url.toString();
}

function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function progressLine(p: LoadProgress): string {
  return (
    `  ${(p.elapsedMs / 1000).toFixed(0).padStart(4)} s  ${formatCount(p.rowsPerSec).padStart(11)} rows/s  ` +
    `${formatCount(p.requestsPerSec).padStart(7)} req/s  errors ${p.errors}  ` +
    `latency avg ${p.recent.avgMs.toFixed(1)} ms p99 ${p.recent.p99Ms.toFixed(1)} ms`
  );
}

function finalReport(r: LoadResult, throughput: number, rate: number, info: { signal: Signal; protocol: string; rowsPerRequest: number; workers: number }): string {
  const seconds = r.elapsedMs / 1000;
  const lines = [
    `${info.signal} over ${info.protocol}, ${info.rowsPerRequest} rows/request, ${info.workers} workers, ${seconds.toFixed(1)} s`,
    `  rows acknowledged  ${formatCount(r.rowsAcknowledged).padStart(14)}   ${formatCount(throughput)} rows/s`,
    `  rows sent          ${formatCount(r.rowsSent).padStart(14)}`,
    `  requests           ${formatCount(r.requests).padStart(14)}   ${formatCount(r.requests / seconds)} req/s`,
    `  errors             ${formatCount(r.errors).padStart(14)}${r.errors > 0 ? `   ${Object.entries(r.errorsByStatus).map(([s, n]) => `${s}: ${n}`).join(', ')}` : ''}`,
    `  latency            avg ${r.latency.avgMs.toFixed(2)} ms   p50 ${r.latency.p50Ms.toFixed(2)} ms   p99 ${r.latency.p99Ms.toFixed(2)} ms   max ${r.latency.maxMs.toFixed(2)} ms`,
  ];
  if (rate > 0) {
    const pct = (throughput / rate) * 100;
    lines.push(`  target rate        ${formatCount(rate).padStart(14)} rows/s: ${pct >= 95 ? 'met' : 'MISSED'} (${pct.toFixed(1)} %)`);
  }
  return lines.join('\n') + '\n';
}

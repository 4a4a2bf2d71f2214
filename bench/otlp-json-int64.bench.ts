/**
 * OTLP/JSON decode throughput with 64-bit integers sent as JSON strings (the common
 * path: what the OTel SDKs send) and as bare JSON numbers (the path that must keep
 * 19-digit timestamps exact, review finding 8). Same generator as bench/decode.bench.ts
 * (`pharlux bench ingest` requests, batch 1000); one thread, no I/O.
 *   node_modules/.bin/bun bench/otlp-json-int64.bench.ts [--seconds 2] [--append]
 */
import { createOtlpDecoders, DEFAULT_INGEST_LIMITS, makeDecodeContext } from '../src/ingest/index.ts';
import { encodeJson, generateRequest, SIGNAL_TABLES, type Signal } from '../src/cli/bench-ingest/index.ts';
import { recordResults } from './record-results.ts';
import { measureDecode } from './decode-throughput.ts';

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1]) || 2;
const append = args.includes('--append');
const nowMs = Date.now();
const REQUESTS = 16;
const BATCH = 1000;

const INT64_STRING = /"(timeUnixNano|startTimeUnixNano|endTimeUnixNano|observedTimeUnixNano|intValue|asInt|count)":"(-?[0-9]+)"/g;
const QUOTED_LIST = /"bucketCounts":\[([^\]]*)\]/g;

/** The same request with every int64 field as a bare JSON number. */
function withBareNumbers(body: Uint8Array): Uint8Array {
  const text = new TextDecoder()
    .decode(body)
    .replace(INT64_STRING, '"$1":$2')
    .replace(QUOTED_LIST, (_, list: string) => `"bucketCounts":[${list.replaceAll('"', '')}]`);
  return new TextEncoder().encode(text);
}

/** Rows per CPU-second and body MB per CPU-second over whole passes of `bodies`. */
function measure(rowsPerRequest: number, bodies: Uint8Array[], run: (body: Uint8Array) => void): { rows: number; mb: number } {
  const m = measureDecode(seconds, rowsPerRequest, bodies, run);
  return { rows: m.rowsPerCpuSec, mb: m.mbPerCpuSec };
}

const decoders = createOtlpDecoders();
const ctx = makeDecodeContext(nowMs, DEFAULT_INGEST_LIMITS);
const lines: string[] = [];
for (const signal of ['metrics', 'logs', 'traces'] as Signal[]) {
  const table = SIGNAL_TABLES[signal];
  const requests = Array.from({ length: REQUESTS }, (_, k) => generateRequest(signal, k, BATCH, nowMs));
  const strings = requests.map((r) => encodeJson(r));
  const numbers = strings.map(withBareNumbers);
  const run = (b: Uint8Array) => {
    const result = decoders[table].decode('json', b, 'default', ctx);
    if (result.rejected !== 0) throw new Error(`${signal}: ${result.firstRejection}`);
    result.release();
  };
  const rows = requests[0].rows;
  for (const [label, bodies] of [['int64 as strings', strings], ['int64 as numbers', numbers]] as const) {
    const m = measure(rows, bodies, run);
    lines.push(`| ${signal} OTLP/JSON, ${label} | ${(m.rows / 1e6).toFixed(3)} M | ${m.mb.toFixed(0)} |`);
    process.stdout.write(lines[lines.length - 1] + '\n');
  }
}
const table = ['| body | rows per CPU-second | body MB per CPU-second |', '|---|---|---|', ...lines].join('\n');
if (append) {
  recordResults(
    'otlp-json-int64 (OTLP/JSON decode, int64 as strings vs numbers)',
    `node_modules/.bin/bun bench/otlp-json-int64.bench.ts --seconds ${seconds}`,
    `${REQUESTS} pre-encoded requests of ${BATCH} rows per signal, decoded with OtlpDecoder on one thread, no I/O. ` +
      `2 vCPU, shared with concurrent work (numbers are noisy).\n\n${table}`,
  );
}

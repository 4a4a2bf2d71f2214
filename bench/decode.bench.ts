/**
 * Decode-only throughput per signal and encoding: OtlpDecoder (hand-written protobuf
 * decoder, JSON decoder) vs protobufjs decode-to-objects, over the same pre-encoded
 * requests `pharlux bench ingest` sends (batch 1000). One core, no I/O.
 *   node_modules/.bin/bun bench/decode.bench.ts [--seconds 3] [--append]
 * With --append the table is appended to bench/RESULTS.md.
 */
import { createOtlpDecoders, DEFAULT_INGEST_LIMITS, loadOtlpProto, makeDecodeContext } from '../src/ingest/index.ts';
import { encodeJson, encodeProtobuf, generateRequest, SIGNAL_TABLES, type Signal } from '../src/cli/bench-ingest/index.ts';
import { recordResults } from './record-results.ts';
import { measureDecode, type DecodeThroughput } from './decode-throughput.ts';

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1]) || 3;
const append = args.includes('--append');
const proto = loadOtlpProto({ camelCase: true });
const nowMs = Date.now();
const REQUESTS = 32;
const BATCH = 1000;

interface Measurement extends DecodeThroughput {
  readonly label: string;
}

function measure(label: string, rowsPerRequest: number, bodies: Uint8Array[], run: (body: Uint8Array) => void): Measurement {
  return { label, ...measureDecode(seconds, rowsPerRequest, bodies, run) };
}

const results: Measurement[] = [];
const decoders = createOtlpDecoders();
const ctx = makeDecodeContext(nowMs, DEFAULT_INGEST_LIMITS);
for (const signal of ['metrics', 'logs', 'traces'] as Signal[]) {
  const table = SIGNAL_TABLES[signal];
  const requests = Array.from({ length: REQUESTS }, (_, k) => generateRequest(signal, k, BATCH, nowMs));
  const pb = requests.map((r) => encodeProtobuf(proto, signal, r));
  const json = requests.map((r) => encodeJson(r));
  const rows = requests[0].rows;
  const type = proto.services[table].request;
  results.push(measure(`${signal} protobuf (hand-written → columns)`, rows, pb, (b) => void decoders[table].decode('protobuf', b, 'default', ctx)));
  results.push(measure(`${signal} OTLP/JSON (JSON.parse → columns)`, rows, json, (b) => void decoders[table].decode('json', b, 'default', ctx)));
  results.push(measure(`${signal} protobufjs decode to objects (baseline)`, rows, pb, (b) => void type.decode(b)));
  const avg = pb.reduce((a, b) => a + b.byteLength, 0) / pb.length;
  process.stdout.write(`${signal}: ${rows} rows/request, ${(avg / 1024).toFixed(0)} KiB protobuf, ${(json.reduce((a, b) => a + b.byteLength, 0) / json.length / 1024).toFixed(0)} KiB JSON\n`);
}

const lines = results.map(
  (r) => `| ${r.label} | ${(r.rowsPerCpuSec / 1e6).toFixed(2)} M | ${r.mbPerCpuSec.toFixed(0)} | ${(r.rowsPerSec / 1e6).toFixed(2)} M |`,
);
const table = ['| decoder | rows per CPU-second | body MB per CPU-second | rows per wall second (shared box) |', '|---|---|---|---|', ...lines].join('\n');
process.stdout.write(table + '\n');
if (append) {
  recordResults(
    'decode (OTLP decoders, one core)',
    `node_modules/.bin/bun bench/decode.bench.ts --seconds ${seconds}`,
    `${REQUESTS} pre-encoded requests of ${BATCH} rows per signal (the \`pharlux bench ingest\` generator), decoded in a loop on one thread, ` +
      `no I/O. 2 vCPU, shared with concurrent work (numbers are noisy); rates per CPU-second of the process are what one dedicated core would do, ` +
      `wall-clock rates show what it got on the shared machine.\n\n${table}`,
  );
}

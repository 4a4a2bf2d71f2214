/**
 * Parquet part benchmark: encode throughput (metrics), scan throughput (full, 2-column
 * projection, 1 % time window), bytes per point for "1,000 series × 15 s, 24 h", and bytes
 * per log record versus the raw OTLP protobuf. Run: node_modules/.bin/bun bench/parquet.bench.ts
 * Appends to bench/RESULTS.md. Workload assumptions: bench/parquet-workload.ts.
 */
import { emptyScanStats, type Batch, type ScanPredicate, type TableName } from '../src/columnar/index.ts';
import { loadOtlpProto } from '../src/ingest/otlp-proto-root.ts';
import { encodePart, memoryByteSource, readPartFooter, scanPart } from '../src/storage/parquet/index.ts';
import { writePartWithHyparquetWriter } from '../tests/parquet/hyparquet-writer-part.ts';
import { logRecords, logResource, logsBatch, metricsWorkload, type RawLogRecord } from './parquet-workload.ts';
import { recordResults } from './record-results.ts';

const OPTIONS = { compression: 'zstd', zstdLevel: 3 } as const;
const lines: string[] = [];
function report(line: string): void {
  process.stdout.write(line + '\n');
  lines.push(line);
}

/**
 * Best of `runs` calls: wall ms and process CPU ms (user + system). The machine is shared,
 * so wall time includes waiting for a core; CPU time is the work itself (it also counts
 * the GC's helper threads, so it is not a flattering number).
 */
async function best(runs: number, fn: () => unknown | Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  let wall = Infinity;
  let cpu = Infinity;
  for (let i = 0; i < runs; i++) {
    Bun.gc(true); // garbage from setting up the data is not the measured work's
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    wall = Math.min(wall, performance.now() - t);
    const u = process.cpuUsage(c);
    cpu = Math.min(cpu, (u.user + u.system) / 1000);
  }
  return { wall, cpu };
}

async function scanRows(bytes: Uint8Array, columns: readonly string[], predicates: readonly ScanPredicate[]): Promise<{ rows: number; pagesRead: number; pagesTotal: number }> {
  const source = memoryByteSource(bytes);
  const footer = readPartFooter(source);
  const stats = emptyScanStats();
  let rows = 0;
  for await (const b of scanPart(source, footer, { columns, predicates, stats })) rows += b.length;
  return { rows, pagesRead: stats.pagesRead, pagesTotal: stats.pagesTotal };
}

const M = (rows: number, ms: number): string => `${(rows / ms / 1000).toFixed(2)}M rows/s`;
const T = (rows: number, t: { wall: number; cpu: number }): string => `**${M(rows, t.cpu)}** by CPU time (${t.cpu.toFixed(0)} ms), ${M(rows, t.wall)} by wall time`;

// --- encode ---------------------------------------------------------------------------
report('### Encode (metrics schema, one worker thread = this process)');
const hour = metricsWorkload(0, 240);
for (const [label, make] of [
  ['1 h part, 240k rows', () => hour],
  ['1M-row part', () => metricsWorkload(0, 1000)],
] as [string, () => Batch][]) {
  const batch = make();
  const t = await best(8, () => encodePart('metrics', [batch], OPTIONS));
  report(`- encodePart ${label}: ${T(batch.length, t)} (goal ≥ 2M rows/s)`);
}
{
  const t = await best(1, () => writePartWithHyparquetWriter('metrics', hour, { rowGroupRows: 131072, columnIndex: true }));
  report(`- for reference, hyparquet-writer on the 1 h part: ${T(hour.length, t)}`);
}
const million = metricsWorkload(0, 1000);

// --- scan -----------------------------------------------------------------------------
const metricsPart = encodePart('metrics', [million], OPTIONS);
const logsRecords = logRecords(1_000_000);
const logsPart = encodePart('logs', [logsBatch(logsRecords)], OPTIONS);
const allMetrics = readPartFooter(memoryByteSource(metricsPart)).schema.fields.map((f) => f.name);
const allLogs = readPartFooter(memoryByteSource(logsPart)).schema.fields.map((f) => f.name);
function window1pct(bytes: Uint8Array): ScanPredicate[] {
  const f = readPartFooter(memoryByteSource(bytes));
  const lo = f.minTimestampNs as bigint;
  const span = (f.maxTimestampNs as bigint) - lo;
  const from = lo + (span * 50n) / 100n;
  return [
    { kind: 'compare', column: 'timestamp', op: '>=', value: from },
    { kind: 'compare', column: 'timestamp', op: '<', value: from + span / 100n },
  ];
}
report('');
report('### Scan (decode into vectors; parts in memory)');
for (const [label, bytes, columns, predicates] of [
  ['metrics 1M rows, all 20 columns', metricsPart, allMetrics, []],
  ['metrics 1M rows, 2 columns (timestamp, value)', metricsPart, ['timestamp', 'value'], []],
  ['metrics 1M rows, 1 % time window, 2 columns', metricsPart, ['timestamp', 'value'], window1pct(metricsPart)],
  ['logs 1M rows, all 16 columns', logsPart, allLogs, []],
  ['logs 1M rows, 2 columns (timestamp, body)', logsPart, ['timestamp', 'body'], []],
  ['logs 1M rows, 1 % time window, 2 columns', logsPart, ['timestamp', 'body'], window1pct(logsPart)],
] as [string, Uint8Array, string[], ScanPredicate[]][]) {
  let out = { rows: 0, pagesRead: 0, pagesTotal: 0 };
  const t = await best(5, async () => {
    out = await scanRows(bytes, columns, predicates);
  });
  const pages = predicates.length > 0 ? `; ${out.rows} rows out, pages read ${out.pagesRead}/${out.pagesTotal}` : '';
  report(`- ${label}: ${T(1_000_000, t)} (part rows per second)${pages}`);
}

// --- bytes per point ------------------------------------------------------------------
report('');
report('### Size: 1,000 series × 15 s, 24 h (5.76M points), one part per UTC hour');
let total = 0;
let points = 0;
const perColumn = new Map<string, number>();
for (let h = 0; h < 24; h++) {
  const batch = metricsWorkload(h * 240, (h + 1) * 240);
  const bytes = encodePart('metrics', [batch], OPTIONS);
  total += bytes.length;
  points += batch.length;
  for (const rg of readPartFooter(memoryByteSource(bytes)).physical.file.rowGroups) {
    for (const c of rg.columns) perColumn.set(c.meta.path[0], (perColumn.get(c.meta.path[0]) ?? 0) + c.meta.totalCompressedSize);
  }
}
report(`- ${points} points in 24 parts, ${(total / 1e6).toFixed(2)} MB → **${(total / points).toFixed(3)} B/point** (goal ≤ 2; VictoriaMetrics 0.4–1, Prometheus 1–2, a Parquet-based peer ~12)`);
const top = [...perColumn].sort((a, b) => b[1] - a[1]).slice(0, 4);
report(`- largest columns: ${top.map(([k, v]) => `${k} ${(v / points).toFixed(3)}`).join(', ')} B/point; footers, indexes and other columns the rest`);

// --- logs vs OTLP protobuf ------------------------------------------------------------
function otlpBytes(records: readonly RawLogRecord[]): number {
  const proto = loadOtlpProto();
  const type = proto.services.logs.request;
  const hexBytes = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
  let bytes = 0;
  // An SDK batch processor exports up to 512 records of one process per request.
  const byService = new Map<number, RawLogRecord[]>();
  for (const r of records) (byService.get(r.service) ?? byService.set(r.service, []).get(r.service))?.push(r);
  for (const [service, list] of byService) {
    for (let i = 0; i < list.length; i += 512) {
      const msg = type.fromObject({
        resource_logs: [
          {
            resource: { attributes: Object.entries(logResource(service)).map(([key, v]) => ({ key, value: { string_value: v } })) },
            scope_logs: [
              {
                scope: { name: 'app.logger' },
                log_records: list.slice(i, i + 512).map((r) => ({
                  time_unix_nano: r.timeNs.toString(),
                  observed_time_unix_nano: r.observedNs.toString(),
                  severity_number: r.severityNumber,
                  severity_text: r.severityText,
                  body: { string_value: r.body },
                  attributes: Object.entries(r.attributes).map(([key, v]) => ({ key, value: typeof v === 'number' ? { int_value: v } : { string_value: v } })),
                  trace_id: r.traceId === null ? undefined : hexBytes(r.traceId),
                  span_id: r.spanId === null ? undefined : hexBytes(r.spanId),
                })),
              },
            ],
          },
        ],
      });
      bytes += type.encode(msg).finish().length;
    }
  }
  return bytes;
}
report('');
report('### Size: logs versus the OTLP protobuf they arrived in');
{
  const records = logsRecords.slice(0, 200_000);
  const part = encodePart('logs', [logsBatch(records)], OPTIONS);
  const raw = otlpBytes(records);
  report(`- 200k records (request lines from call sites sharing trace/span ids, background lines; see parquet-workload.ts): OTLP protobuf ${(raw / records.length).toFixed(1)} B/record, part **${(part.length / records.length).toFixed(1)} B/record → ${(raw / part.length).toFixed(1)}× smaller** (goal ≥ 8×)`);
  report(`- the 1M-record logs part above: ${(logsPart.length / 1e6).toFixed(1)} B/record`);
}

recordResults('Parquet parts (2 vCPU, shared with concurrent work)', 'node_modules/.bin/bun bench/parquet.bench.ts', lines.join('\n'));

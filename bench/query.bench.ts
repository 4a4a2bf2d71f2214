/**
 * SQL engine benchmark (SPEC §7 "Measure"): ≥ 10M metric points (1,000 series), ≥ 2M
 * logs, ≥ 1M spans ingested into a real Storage (flushed and compacted Parquet parts),
 * then six queries on Pharlux and on DuckDB over the same part files, cold (fresh
 * engine: empty footer/column caches, new DuckDB instance) and warm (median of 5).
 * Goal per query: cold ≤ 2× DuckDB, warm ≤ DuckDB.
 *   node_modules/.bin/bun bench/query.bench.ts            (QUERY_BENCH_HOURS=42 default)
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { TABLE_NAMES, type TableSource } from '../src/columnar/index.ts';
import { silentLogger } from '../src/common/index.ts';
import { runQuery, type QueryResult } from '../src/query/index.ts';
import { Storage } from '../src/storage/index.ts';
import { appendBatch, duckParquetView, openScratchStorage } from '../tests/sql/storage-dataset.ts';
import { BENCH_TENANT, logsHour, metricsHour, spansHour, traceId } from './query-dataset.ts';
import { recordResults } from './record-results.ts';

const HOURS = Number(process.env.QUERY_BENCH_HOURS ?? 42);
const WARM_RUNS = 5;
const START_MS = Date.UTC(2026, 10, 28, 0, 0, 0);
const NOW_MS = START_MS + HOURS * 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

interface BenchQuery {
  readonly name: string;
  readonly pharlux: string;
  readonly duckdb: string;
}

const QUERIES: readonly BenchQuery[] = [
  {
    name: 'count over the last hour (metrics)',
    pharlux: "SELECT count(*) FROM metrics WHERE timestamp > now() - INTERVAL '1 hour'",
    duckdb: `SELECT count(*) FROM metrics WHERE timestamp > TIMESTAMP '${iso(NOW_MS - 3_600_000)}'`,
  },
  {
    name: 'GROUP BY name, avg/max (metrics)',
    pharlux: 'SELECT name, avg(value), max(value) FROM metrics GROUP BY name',
    duckdb: 'SELECT name, avg(value), max(value) FROM metrics GROUP BY name',
  },
  {
    name: 'per-minute date_bin series, one service (metrics)',
    pharlux: "SELECT date_bin(INTERVAL '1 minute', timestamp) AS minute, avg(value) FROM metrics WHERE service_name = 'svc-3' AND name = 'cpu.utilization' GROUP BY 1 ORDER BY 1",
    duckdb: "SELECT time_bucket(INTERVAL '1 minute', timestamp::TIMESTAMP) AS minute, avg(value) FROM metrics WHERE service_name = 'svc-3' AND name = 'cpu.utilization' GROUP BY 1 ORDER BY 1",
  },
  {
    name: "logs ILIKE '%timeout%' count by service",
    pharlux: "SELECT service_name, count(*) FROM logs WHERE body ILIKE '%timeout%' GROUP BY 1",
    duckdb: "SELECT service_name, count(*) FROM logs WHERE body ILIKE '%timeout%' GROUP BY 1",
  },
  {
    name: 'top-20 slowest span names by p99',
    pharlux: 'SELECT name, approx_percentile(duration_ns, 0.99) AS p99 FROM spans GROUP BY name ORDER BY p99 DESC LIMIT 20',
    duckdb: 'SELECT name, quantile_cont(duration_ns, 0.99) AS p99 FROM spans GROUP BY name ORDER BY p99 DESC LIMIT 20',
  },
  {
    name: 'one trace joined with its logs',
    pharlux: `SELECT s.span_id, s.name, l.body FROM spans s JOIN logs l ON s.trace_id = l.trace_id WHERE s.trace_id = '${traceId(17 * 4000 + 123)}'`,
    duckdb: `SELECT s.span_id, s.name, l.body FROM spans s JOIN logs l ON s.trace_id = l.trace_id WHERE s.trace_id = '${traceId(17 * 4000 + 123)}'`,
  },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function openReader(dir: string): Promise<Storage> {
  return Storage.open({ dataDir: dir, mode: 'maintenance', logger: silentLogger(), minFreeDiskBytes: 0, compactionIntervalSeconds: 0, retentionDays: { metrics: 0, logs: 0, spans: 0 } });
}

function catalog(storage: Storage): { tables: Map<string, TableSource> } {
  return { tables: new Map<string, TableSource>(TABLE_NAMES.map((t) => [t, storage.table(t)])) };
}

async function pharluxRun(storage: Storage, sql: string): Promise<{ ms: number; result: QueryResult }> {
  const t0 = performance.now();
  const result = await runQuery(sql, { tenant: BENCH_TENANT, catalog: catalog(storage), limits: { memoryBytes: 1024 * 1024 * 1024, timeoutMs: 600_000, maxResultRows: 100_000 }, nowMs: NOW_MS });
  return { ms: performance.now() - t0, result };
}

const log = (s: string): void => {
  process.stdout.write(s + '\n');
};

// 1. Ingest and flush.
const scratch = await openScratchStorage('pharlux-query-bench-');
const t0 = performance.now();
let points = 0;
let logRows = 0;
let spanRows = 0;
for (let h = 0; h < HOURS; h++) {
  const m = metricsHour(START_MS, h);
  const s = spansHour(START_MS, h);
  const l = logsHour(START_MS, h);
  points += m.length;
  spanRows += s.length;
  logRows += l.length;
  await appendBatch(scratch.storage, 'metrics', BENCH_TENANT, m);
  await appendBatch(scratch.storage, 'spans', BENCH_TENANT, s);
  await appendBatch(scratch.storage, 'logs', BENCH_TENANT, l);
}
await scratch.storage.flush();
const ingestMs = performance.now() - t0;
const t1 = performance.now();
await scratch.storage.compact();
const compactMs = performance.now() - t1;
const stats = scratch.storage.stats();
await scratch.storage.stop({ flush: false });
log(`data: ${points} points, ${logRows} logs, ${spanRows} spans; append+flush ${(ingestMs / 1000).toFixed(1)} s, compaction ${(compactMs / 1000).toFixed(1)} s`);
log(`parts: metrics ${stats.parts.metrics.count} (${(stats.parts.metrics.bytes / 1e6).toFixed(0)} MB), logs ${stats.parts.logs.count} (${(stats.parts.logs.bytes / 1e6).toFixed(0)} MB), spans ${stats.parts.spans.count} (${(stats.parts.spans.bytes / 1e6).toFixed(0)} MB)`);

// 2. Queries. One throw-away pass first, so that "cold" means cold data and caches in a
// long-running server, not a JIT that has never seen the engine's code.
{
  const warmup = await openReader(scratch.dir);
  for (const q of QUERIES) await pharluxRun(warmup, q.pharlux);
  await warmup.stop({ flush: false });
}
const rows: string[] = [];
const explains: string[] = [];
for (const q of QUERIES) {
  const reader = await openReader(scratch.dir);
  const cold = await pharluxRun(reader, q.pharlux);
  const warm: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) warm.push((await pharluxRun(reader, q.pharlux)).ms);
  if (explains.length < 2) {
    const e = await pharluxRun(reader, `EXPLAIN ANALYZE ${q.pharlux}`);
    explains.push(`${q.name}:\n${(e.result.plan ?? []).join('\n')}`);
  }
  await reader.stop({ flush: false });

  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  for (const t of TABLE_NAMES) await conn.run(duckParquetView(scratch.dir, t, BENCH_TENANT));
  let d0 = performance.now();
  const duckRows = (await conn.runAndReadAll(q.duckdb)).getRows().length;
  const duckCold = performance.now() - d0;
  const duckWarm: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    d0 = performance.now();
    await conn.runAndReadAll(q.duckdb);
    duckWarm.push(performance.now() - d0);
  }
  conn.closeSync();
  const wm = median(warm);
  const dwm = median(duckWarm);
  const coldOk = cold.ms <= 2 * duckCold;
  const warmOk = wm <= dwm;
  const line = `| ${q.name} | ${cold.result.rowCount}/${duckRows} | ${cold.ms.toFixed(0)} | ${duckCold.toFixed(0)} | ${(cold.ms / duckCold).toFixed(2)}× ${coldOk ? 'ok' : '**miss**'} | ${wm.toFixed(0)} | ${dwm.toFixed(0)} | ${(wm / dwm).toFixed(2)}× ${warmOk ? 'ok' : '**miss**'} |`;
  log(line);
  rows.push(line);
}
await scratch.remove();

const body = `2 vCPU, shared with concurrent work (numbers are noisy). Data: ${points.toLocaleString('en')} metric points (1,000 series), ${logRows.toLocaleString('en')} logs, ${spanRows.toLocaleString('en')} spans over ${HOURS} h, ingested through Storage (WAL sync off), flushed and compacted into ${stats.parts.metrics.count + stats.parts.logs.count + stats.parts.spans.count} Parquet parts; append+flush ${(ingestMs / 1000).toFixed(1)} s, compaction ${(compactMs / 1000).toFixed(1)} s. Pharlux runs in this process (one thread, as in a query worker); DuckDB ${'`'}read_parquet${'`'} over the same files with Hive partitioning and its default threads. Cold = first run of the query on a freshly opened Storage (empty footer and column caches; the JIT was warmed once on a throw-away instance) / a new DuckDB instance; the OS page cache is warm for both; warm = median of ${WARM_RUNS}. Times in ms. Goal: cold ≤ 2× DuckDB, warm ≤ DuckDB.

| query | rows (ours/duckdb) | cold ms | duckdb cold ms | cold ratio | warm ms | duckdb warm ms | warm ratio |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

EXPLAIN ANALYZE samples:
${'```'}
${explains.join('\n\n')}
${'```'}`;
recordResults('Query engine (2 vCPU, shared with concurrent work)', 'node_modules/.bin/bun bench/query.bench.ts', body);
log('recorded in bench/RESULTS.md');

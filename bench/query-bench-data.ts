/**
 * The query benchmarks' data directory: the data set of query-dataset.ts ingested through
 * a real Storage (flushed and compacted Parquet parts). Building it takes a minute, so
 * with QUERY_BENCH_DATA_DIR=<dir> it is kept there and reused by later runs (a marker
 * file records the number of hours it holds); without it, a temp dir is used and removed.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InternalError, silentLogger } from '../src/common/index.ts';
import { Storage } from '../src/storage/index.ts';
import { appendBatch, openScratchStorage } from '../tests/sql/storage-dataset.ts';
import { BENCH_TENANT, logsHour, metricsHour, spansHour } from './query-dataset.ts';

/** What the data dir holds and what building it cost. */
export interface QueryBenchData {
  readonly dir: string;
  readonly points: number;
  readonly logs: number;
  readonly spans: number;
  readonly parts: { readonly metrics: PartFigures; readonly logs: PartFigures; readonly spans: PartFigures };
  /** Null when the data dir was reused. */
  readonly ingestMs: number | null;
  readonly compactMs: number | null;
  /** Deletes the data dir unless it is a kept one. */
  remove(): void;
}

interface PartFigures {
  readonly count: number;
  readonly bytes: number;
}

interface Marker {
  readonly hours: number;
  readonly points: number;
  readonly logs: number;
  readonly spans: number;
  readonly parts: QueryBenchData['parts'];
}

const MARKER = 'query-bench.json';

async function build(dir: string | null, startMs: number, hours: number): Promise<{ dir: string; marker: Marker; ingestMs: number; compactMs: number }> {
  const scratch = dir === null ? await openScratchStorage('pharlux-query-bench-') : await openKept(dir);
  const t0 = performance.now();
  let points = 0;
  let logs = 0;
  let spans = 0;
  for (let h = 0; h < hours; h++) {
    const m = metricsHour(startMs, h);
    const s = spansHour(startMs, h);
    const l = logsHour(startMs, h);
    points += m.length;
    spans += s.length;
    logs += l.length;
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
  const marker: Marker = { hours, points, logs, spans, parts: { metrics: stats.parts.metrics, logs: stats.parts.logs, spans: stats.parts.spans } };
  writeFileSync(join(scratch.dir, MARKER), JSON.stringify(marker));
  return { dir: scratch.dir, marker, ingestMs, compactMs };
}

async function openKept(dir: string): Promise<{ storage: Storage; dir: string }> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const storage = await Storage.open({
    dataDir: dir,
    logger: silentLogger(),
    walSync: 'none',
    walDecoder: () => {
      throw new InternalError('bench data dirs are never replayed');
    },
    minFreeDiskBytes: 0,
    compactionIntervalSeconds: 0,
    compactionGraceSeconds: 0,
    flushIntervalSeconds: 100_000,
    retentionDays: { metrics: 0, logs: 0, spans: 0 },
  });
  return { storage, dir };
}

/** Builds (or reuses, see the file comment) the data set of `hours` hours from `startMs`. */
export async function prepareQueryBenchData(startMs: number, hours: number): Promise<QueryBenchData> {
  const keep = process.env.QUERY_BENCH_DATA_DIR ?? null;
  if (keep !== null && existsSync(join(keep, MARKER))) {
    const marker = JSON.parse(readFileSync(join(keep, MARKER), 'utf8')) as Marker;
    if (marker.hours === hours) return { dir: keep, ...marker, ingestMs: null, compactMs: null, remove: () => {} };
  }
  const built = await build(keep, startMs, hours);
  return {
    dir: built.dir,
    ...built.marker,
    ingestMs: built.ingestMs,
    compactMs: built.compactMs,
    remove: () => {
      if (keep === null) rmSync(built.dir, { recursive: true, force: true });
    },
  };
}

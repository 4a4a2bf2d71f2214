/**
 * The self-metrics Storage.stats() returns (SPEC §8 /metrics: WAL bytes, fsync latency,
 * head bytes, parts). Plain data; the server renders it as Prometheus text.
 */
import { TABLE_NAMES, type TableName } from '../columnar/index.ts';
import type { HistogramSnapshot } from './latency-histogram.ts';
import type { StorageCore, StorageCounters } from './storage-core.ts';
import type { ReplayResult, WalWriter } from './wal/index.ts';

export interface StorageStats {
  readonly wal: {
    readonly bytes: number;
    readonly segments: number;
    readonly records: number;
    readonly groups: number;
    readonly appendedBytes: number;
    readonly writeErrors: number;
    readonly fsync: HistogramSnapshot | null;
    readonly checkpointLsn: number;
  };
  readonly head: {
    readonly bytes: number;
    readonly rows: number;
    /** Rows of the generation being flushed. */
    readonly flushingRows: number;
    readonly flushingBytes: number;
  };
  readonly parts: Readonly<Record<TableName, { readonly count: number; readonly bytes: number; readonly rows: number }>>;
  readonly replay: {
    readonly records: number;
    readonly bytes: number;
    readonly durationMs: number;
    readonly tornTails: number;
    readonly corruptSegments: number;
  };
  readonly disk: { readonly freeBytes: number | null };
  readonly pins: { readonly pins: number; readonly oldestPinAgeMs: number; readonly retiredWaiting: number };
  readonly counters: Readonly<StorageCounters>;
}

/** Assembles StorageStats from the engine's parts. */
export function collectStats(core: StorageCore, wal: WalWriter | null, checkpointLsn: number, replay: ReplayResult | null, replayMs: number, freeBytes: number): StorageStats {
  const w = wal?.stats();
  const parts = { metrics: { count: 0, bytes: 0, rows: 0 }, logs: { count: 0, bytes: 0, rows: 0 }, spans: { count: 0, bytes: 0, rows: 0 } };
  for (const table of TABLE_NAMES) {
    for (const p of core.parts[table].all()) {
      parts[table].count++;
      parts[table].bytes += p.fileBytes;
      parts[table].rows += p.rowCount;
    }
  }
  return {
    wal: {
      bytes: w?.totalBytes ?? 0,
      segments: w?.segments ?? 0,
      records: w?.records ?? 0,
      groups: w?.groups ?? 0,
      appendedBytes: w?.appendedBytes ?? 0,
      writeErrors: w?.writeErrors ?? 0,
      fsync: wal?.fsyncLatency.snapshot() ?? null,
      checkpointLsn,
    },
    head: { bytes: core.active.bytes, rows: core.active.rows, flushingRows: core.frozen?.rows ?? 0, flushingBytes: core.frozen?.bytes ?? 0 },
    parts,
    replay: { records: replay?.replayedRecords ?? 0, bytes: replay?.replayedBytes ?? 0, durationMs: replayMs, tornTails: replay?.tornTails ?? 0, corruptSegments: replay?.corruptSegments ?? 0 },
    disk: { freeBytes: Number.isFinite(freeBytes) ? freeBytes : null },
    pins: core.pins.stats(),
    counters: { ...core.counters },
  };
}

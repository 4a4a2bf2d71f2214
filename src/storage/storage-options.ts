/**
 * Everything Storage.open needs, as a plain object. The server maps SPEC §3 `storage.*`
 * keys onto it; tests pass small values and hooks. `resolveStorageOptions` fills the
 * SPEC defaults.
 */
import type { TableName } from '../columnar/index.ts';
import type { Clock, Logger } from '../common/index.ts';
import type { WalDecoder } from './contract.ts';
import type { PartCompression } from './parquet/index.ts';
import type { WalSyncMode } from './wal/index.ts';

const MIB = 1024 * 1024;

export interface StorageOptions {
  readonly dataDir: string;
  /**
   * `serve`: replay the WAL and accept appends (the server). `maintenance`: parts only —
   * no WAL replay, no appends — for `pharlux compact` when no server runs. `read-only`:
   * parts plus the WAL replayed into memory — every acknowledged row is queryable, for
   * `pharlux query --data-dir` — without repairing the WAL, flushing, compacting or
   * retaining. Every mode takes the data-dir lock and, like any start, finishes
   * publishes a crash interrupted (so parts are never seen twice).
   */
  readonly mode?: 'serve' | 'maintenance' | 'read-only';
  readonly walSync?: WalSyncMode;
  readonly walSyncIntervalMs?: number;
  readonly walSegmentBytes?: number;
  readonly walMaxBytes?: number;
  /** How long an append waits for a flush to bring the WAL under walMaxBytes before failing retryably. */
  readonly walBackpressureWaitMs?: number;
  readonly headMaxBytes?: number;
  readonly flushIntervalSeconds?: number;
  readonly parquetCompression?: PartCompression;
  readonly parquetZstdLevel?: number;
  /** How long stop() may spend flushing the head before leaving it to the WAL (default 7000). */
  readonly stopFlushBudgetMs?: number;
  /** Rows per Parquet row group (default: the encoder's). */
  readonly parquetRowGroupRows?: number;
  /** Background compaction cadence; 0 turns the background job off. */
  readonly compactionIntervalSeconds?: number;
  /** Largest compacted part, in rows; parts at or above half of it are left alone. */
  readonly compactionMaxRows?: number;
  /** An hour partition is compacted once it ended this long ago. */
  readonly compactionGraceSeconds?: number;
  /** Retention per table in days (0 = keep forever). */
  readonly retentionDays?: Partial<Readonly<Record<TableName, number>>>;
  /** Size cap over all parts; 0 = off. */
  readonly maxDiskBytes?: number;
  /** Below this many free bytes on the data dir's file system, appends fail retryably; 0 = off. */
  readonly minFreeDiskBytes?: number;
  /** Free bytes of the data dir's file system (default: statfs); tests simulate a full disk with it. */
  readonly diskFreeBytes?: () => number | Promise<number>;
  /** How often the free-disk figure is refreshed; 0 = before every append. */
  readonly diskCheckIntervalMs?: number;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Required in `serve` and `read-only` modes: re-decodes WAL records on replay. */
  readonly walDecoder?: WalDecoder;
}

/** StorageOptions with every default filled in. */
export type ResolvedStorageOptions = Required<Omit<StorageOptions, 'walDecoder' | 'diskFreeBytes' | 'retentionDays' | 'parquetRowGroupRows'>> & {
  readonly walDecoder: WalDecoder | null;
  readonly diskFreeBytes: (() => number | Promise<number>) | null;
  readonly retentionDays: Readonly<Record<TableName, number>>;
  readonly parquetRowGroupRows: number | undefined;
};

/** Fills SPEC §3 defaults. */
export function resolveStorageOptions(o: StorageOptions, defaultClock: Clock): ResolvedStorageOptions {
  const days = o.retentionDays ?? {};
  return {
    dataDir: o.dataDir,
    mode: o.mode ?? 'serve',
    walSync: o.walSync ?? 'group',
    walSyncIntervalMs: o.walSyncIntervalMs ?? 100,
    walSegmentBytes: o.walSegmentBytes ?? 64 * MIB,
    walMaxBytes: o.walMaxBytes ?? 512 * MIB,
    walBackpressureWaitMs: o.walBackpressureWaitMs ?? 2000,
    headMaxBytes: o.headMaxBytes ?? 64 * MIB,
    flushIntervalSeconds: o.flushIntervalSeconds ?? 600,
    parquetCompression: o.parquetCompression ?? 'zstd',
    parquetZstdLevel: o.parquetZstdLevel ?? 3,
    parquetRowGroupRows: o.parquetRowGroupRows,
    stopFlushBudgetMs: o.stopFlushBudgetMs ?? 7000,
    compactionIntervalSeconds: o.compactionIntervalSeconds ?? 300,
    // The merge holds its rows in the worker's memory; 1M metrics rows stay well under 1 GiB.
    compactionMaxRows: o.compactionMaxRows ?? 1_000_000,
    compactionGraceSeconds: o.compactionGraceSeconds ?? 300,
    retentionDays: { metrics: days.metrics ?? 30, logs: days.logs ?? 30, spans: days.spans ?? 30 },
    maxDiskBytes: o.maxDiskBytes ?? 0,
    minFreeDiskBytes: o.minFreeDiskBytes ?? 1024 * MIB,
    diskFreeBytes: o.diskFreeBytes ?? null,
    diskCheckIntervalMs: o.diskCheckIntervalMs ?? 1000,
    logger: o.logger,
    clock: o.clock ?? defaultClock,
    walDecoder: o.walDecoder ?? null,
  };
}

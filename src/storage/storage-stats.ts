/**
 * The self-metrics Storage.stats() returns (SPEC §8 /metrics: WAL bytes, fsync latency,
 * head bytes, parts). Plain data; the server renders it as Prometheus text.
 */
import type { TableName } from '../columnar/index.ts';
import type { HistogramSnapshot } from './latency-histogram.ts';
import type { StorageCounters } from './storage-core.ts';

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

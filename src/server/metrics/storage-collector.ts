/** Storage self-metrics (WAL, fsync latency, head, parts, flush/compaction counters) from `Storage.stats()`. */
import { TABLE_NAMES } from '../../columnar/index.ts';
import type { HistogramSnapshot, StorageStats } from '../../storage/index.ts';
import type { MetricCollector, MetricFamily, MetricKind, Sample } from './metric-registry.ts';

function one(name: string, help: string, kind: MetricKind, value: number): MetricFamily {
  return { name, help, kind, samples: [{ name, labels: {}, value }] };
}

function secondsHistogram(name: string, help: string, h: HistogramSnapshot | null): MetricFamily[] {
  if (h === null) return [];
  const samples: Sample[] = [];
  let cumulative = 0;
  h.boundsMs.forEach((boundMs, i) => {
    cumulative += h.counts[i];
    samples.push({ name: `${name}_bucket`, labels: { le: String(boundMs / 1000) }, value: cumulative });
  });
  samples.push({ name: `${name}_bucket`, labels: { le: '+Inf' }, value: h.count });
  samples.push({ name: `${name}_sum`, labels: {}, value: h.sumMs / 1000 });
  samples.push({ name: `${name}_count`, labels: {}, value: h.count });
  return [{ name, help, kind: 'histogram', samples }];
}

/** A collector over a storage's statistics. */
export function storageMetricsCollector(stats: () => StorageStats): MetricCollector {
  return () => {
    const s = stats();
    const perTable = (name: string, help: string, pick: (p: StorageStats['parts'][keyof StorageStats['parts']]) => number): MetricFamily => ({
      name,
      help,
      kind: 'gauge',
      samples: TABLE_NAMES.map((t) => ({ name, labels: { table: t }, value: pick(s.parts[t]) })),
    });
    const c = s.counters;
    return [
      one('pharlux_wal_bytes', 'bytes in WAL segments on disk', 'gauge', s.wal.bytes),
      one('pharlux_wal_segments', 'WAL segment files', 'gauge', s.wal.segments),
      one('pharlux_wal_records_total', 'records appended to the WAL', 'counter', s.wal.records),
      one('pharlux_wal_groups_total', 'group commits (one write + fsync each)', 'counter', s.wal.groups),
      one('pharlux_wal_appended_bytes_total', 'bytes appended to the WAL', 'counter', s.wal.appendedBytes),
      one('pharlux_wal_write_errors_total', 'failed WAL writes or fsyncs', 'counter', s.wal.writeErrors),
      ...secondsHistogram('pharlux_wal_fsync_duration_seconds', 'WAL group fsync latency', s.wal.fsync),
      one('pharlux_head_bytes', 'memory held by the unflushed head', 'gauge', s.head.bytes),
      one('pharlux_head_rows', 'rows in the unflushed head', 'gauge', s.head.rows),
      perTable('pharlux_parts', 'Parquet parts per table', (p) => p.count),
      perTable('pharlux_parts_bytes', 'bytes of Parquet parts per table', (p) => p.bytes),
      perTable('pharlux_parts_rows', 'rows in Parquet parts per table', (p) => p.rows),
      one('pharlux_flushes_total', 'head flushes to Parquet', 'counter', c.flushes),
      one('pharlux_flush_failures_total', 'failed head flushes', 'counter', c.flushFailures),
      one('pharlux_flushed_rows_total', 'rows written by flushes', 'counter', c.flushedRows),
      one('pharlux_compactions_total', 'compactions', 'counter', c.compactions),
      one('pharlux_compaction_failures_total', 'failed compactions', 'counter', c.compactionFailures),
      one('pharlux_retention_deleted_parts_total', 'parts deleted by retention', 'counter', c.retentionDeletedParts),
      one('pharlux_appends_rejected_disk_full_total', 'appends refused by the free-disk guard', 'counter', c.appendsRejectedDiskFull),
      one('pharlux_appends_rejected_wal_full_total', 'appends refused by the WAL size cap', 'counter', c.appendsRejectedWalFull),
      one('pharlux_appends_rejected_head_full_total', 'appends refused because the head stayed at head_max_bytes (flushing fell behind)', 'counter', c.appendsRejectedHeadFull),
      ...(s.disk.freeBytes === null ? [] : [one('pharlux_disk_free_bytes', 'free bytes on the data directory file system', 'gauge', s.disk.freeBytes)]),
    ];
  };
}

/**
 * Retention (SPEC §6): drops whole hour partitions older than each table's retention,
 * then, when `maxDiskBytes` is set and the parts exceed it, the oldest hour partitions
 * (across tables and tenants) until they fit. Removal is journaled as a trash record,
 * unpublished in one synchronous step, and the files are unlinked once no snapshot pins
 * them.
 */
import { TABLE_NAMES, type TableName } from '../../columnar/index.ts';
import { describeError } from '../../common/index.ts';
import { HOUR_MS, type JournalOp, type PartHandle } from '../parts/index.ts';
import type { StorageCore } from '../storage-core.ts';

const DAY_MS = 86_400_000;

/** What one retention pass removed. */
export interface RetentionResult {
  readonly partsDeleted: number;
  readonly bytesDeleted: number;
}

/** The parts retention would delete now. */
export function planRetention(parts: Readonly<Record<TableName, Iterable<PartHandle>>>, nowMs: number, retentionDays: Readonly<Record<TableName, number>>, maxDiskBytes: number): PartHandle[] {
  const doomed: PartHandle[] = [];
  const kept: PartHandle[] = [];
  for (const table of TABLE_NAMES) {
    const days = retentionDays[table];
    const cutoff = days > 0 ? nowMs - days * DAY_MS : -Infinity;
    for (const p of parts[table]) (p.hourMs + HOUR_MS <= cutoff ? doomed : kept).push(p);
  }
  if (maxDiskBytes > 0) {
    let total = kept.reduce((n, p) => n + p.fileBytes, 0);
    if (total > maxDiskBytes) {
      // Oldest partitions first; a partition goes whole.
      const partitions = new Map<string, PartHandle[]>();
      for (const p of kept) {
        const key = `${p.hourMs}\u0000${p.table}\u0000${p.tenant}`;
        const list = partitions.get(key);
        if (list === undefined) partitions.set(key, [p]);
        else list.push(p);
      }
      const ordered = [...partitions.values()].sort((a, b) => a[0].hourMs - b[0].hourMs);
      for (const list of ordered) {
        if (total <= maxDiskBytes) break;
        for (const p of list) {
          doomed.push(p);
          total -= p.fileBytes;
        }
      }
    }
  }
  return doomed;
}

/** Applies retention once. */
export async function applyRetention(core: StorageCore): Promise<RetentionResult> {
  const o = core.options;
  const doomed = planRetention(
    { metrics: core.parts.metrics.all(), logs: core.parts.logs.all(), spans: core.parts.spans.all() },
    o.clock.nowMs(),
    o.retentionDays,
    o.maxDiskBytes,
  );
  if (doomed.length === 0) return { partsDeleted: 0, bytesDeleted: 0 };
  const relPaths = doomed.map((p) => p.relPath);
  const op: JournalOp = { version: 1, kind: 'retention', add: [], remove: relPaths, checkpointLsn: null };
  const opName = await core.journal.begin(op);
  const trashName = await core.journal.finish(opName, op);
  for (const table of TABLE_NAMES) {
    const mine = doomed.filter((p) => p.table === table).map((p) => p.relPath);
    if (mine.length > 0) core.publish(table, [], mine);
  }
  core.pins.retire(doomed.length, () => {
    for (const p of doomed) core.footers.forget(p.path);
    if (trashName !== null) core.journal.emptyTrash(trashName, relPaths).catch((err) => core.logger.error('could not delete expired parts', { error: describeError(err) }));
  });
  const bytesDeleted = doomed.reduce((n, p) => n + p.fileBytes, 0);
  core.counters.retentionDeletedParts += doomed.length;
  core.logger.info('retention removed parts', { parts: doomed.length, bytes: bytesDeleted });
  return { partsDeleted: doomed.length, bytesDeleted };
}

/**
 * Compaction (SPEC §6): merges the small parts of closed hour partitions into one sorted
 * part, so queries never meet many small files. Crash-safe by the journal: the new part
 * is written (temp, fsync) by the part worker, an op naming it and its inputs is
 * journaled, the rename happens, the inputs go to a trash record, and then — in one
 * synchronous step — the new part replaces the inputs for snapshots. The inputs are
 * unlinked once no snapshot pins them.
 *
 * Plan per partition: parts below half of `compactionMaxRows` are small; they are packed
 * (oldest first) into groups of at most `compactionMaxRows` rows; each group of two or
 * more becomes one part. An hour is closed `compactionGraceSeconds` after it ends.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TABLE_NAMES, type TableName } from '../../columnar/index.ts';
import { describeError } from '../../common/index.ts';
import { HOUR_MS, type JournalOp, type PartHandle, type PartWorkerClient } from '../parts/index.ts';
import type { StorageCore } from '../storage-core.ts';

/** What one compaction pass did. */
export interface CompactionResult {
  readonly groupsMerged: number;
  readonly inputParts: number;
  readonly outputParts: number;
  readonly failures: number;
}

/** Groups of parts (same table, tenant, hour) worth merging. */
export function planCompaction(parts: Iterable<PartHandle>, nowMs: number, maxRows: number, graceMs: number): PartHandle[][] {
  const partitions = new Map<string, PartHandle[]>();
  for (const p of parts) {
    if (p.hourMs + HOUR_MS + graceMs > nowMs) continue;
    if (p.rowCount >= maxRows / 2) continue;
    const key = `${p.table}\u0000${p.tenant}\u0000${p.hourMs}`;
    const list = partitions.get(key);
    if (list === undefined) partitions.set(key, [p]);
    else list.push(p);
  }
  const groups: PartHandle[][] = [];
  for (const list of partitions.values()) {
    list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    let group: PartHandle[] = [];
    let rows = 0;
    for (const p of list) {
      if (group.length > 0 && rows + p.rowCount > maxRows) {
        if (group.length > 1) groups.push(group);
        group = [];
        rows = 0;
      }
      group.push(p);
      rows += p.rowCount;
    }
    if (group.length > 1) groups.push(group);
  }
  return groups;
}

/** Runs one compaction pass over every table. `shouldStop` ends it early (shutdown). */
export async function compactParts(core: StorageCore, worker: PartWorkerClient, shouldStop: () => boolean): Promise<CompactionResult> {
  const o = core.options;
  let groupsMerged = 0;
  let inputParts = 0;
  let failures = 0;
  for (const table of TABLE_NAMES) {
    const groups = planCompaction(core.parts[table].all(), o.clock.nowMs(), o.compactionMaxRows, o.compactionGraceSeconds * 1000);
    for (const group of groups) {
      if (shouldStop()) return { groupsMerged, inputParts, outputParts: groupsMerged, failures };
      try {
        if (await mergeGroup(core, worker, table, group)) {
          groupsMerged++;
          inputParts += group.length;
        }
      } catch (err) {
        failures++;
        core.counters.compactionFailures++;
        if (!shouldStop()) core.logger.error('compaction of a partition failed; its parts stay as they are', { table, parts: group.length, error: describeError(err) });
      }
    }
  }
  if (groupsMerged > 0) core.logger.info('compacted parts', { groups: groupsMerged, inputParts });
  return { groupsMerged, inputParts, outputParts: groupsMerged, failures };
}

async function mergeGroup(core: StorageCore, worker: PartWorkerClient, table: TableName, group: readonly PartHandle[]): Promise<boolean> {
  const o = core.options;
  const first = group[0];
  const inputs = group.map((p) => p.relPath);
  const [written] = await worker.run({
    kind: 'compact',
    table,
    tenant: first.tenant,
    hourMs: first.hourMs,
    dataDir: o.dataDir,
    inputs,
    options: { compression: o.parquetCompression, zstdLevel: o.parquetZstdLevel, rowGroupRows: o.parquetRowGroupRows },
    nowMs: o.clock.nowMs(),
  });
  const dropTmp = () => rm(join(o.dataDir, written.tmp), { force: true });
  const expectedRows = group.reduce((n, p) => n + p.rowCount, 0);
  if (written.rowCount !== expectedRows) {
    await dropTmp();
    throw new Error(`compacted part has ${written.rowCount} rows, inputs have ${expectedRows}`);
  }
  // Retention may have removed an input meanwhile; then this merge would resurrect rows.
  if (!core.parts[table].hasAll(inputs)) {
    await dropTmp();
    return false;
  }
  const op: JournalOp = { version: 1, kind: 'compact', add: [{ tmp: written.tmp, final: written.final }], remove: inputs, checkpointLsn: null };
  let opName: string;
  try {
    opName = await core.journal.begin(op);
  } catch (err) {
    await dropTmp();
    throw err;
  }
  await core.journal.applyAdds(op);
  const trashName = await core.journal.finish(opName, op);
  const handle: PartHandle = {
    table,
    tenant: first.tenant,
    hourMs: first.hourMs,
    id: written.id,
    relPath: written.final,
    path: join(o.dataDir, written.final),
    rowCount: written.rowCount,
    minTimestampNs: written.minTimestampNs,
    maxTimestampNs: written.maxTimestampNs,
    fileBytes: written.fileBytes,
  };
  // The atomic step: new part in, inputs out; their files go once no snapshot pins them.
  core.publish(table, [handle], inputs);
  core.pins.retire(inputs.length, () => {
    for (const p of group) core.footers.forget(p.path);
    if (trashName !== null) core.journal.emptyTrash(trashName, inputs).catch((err) => core.logger.error('could not delete compacted parts', { error: describeError(err) }));
  });
  core.counters.compactions++;
  core.counters.compactedInputParts += group.length;
  return true;
}

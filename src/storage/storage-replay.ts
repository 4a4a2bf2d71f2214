/**
 * Start-up replay into the head (serve and read-only modes): every WAL record past the
 * checkpoint is re-decoded by the injected WalDecoder and appended to the active head
 * generation with its LSN, so the head ends up exactly as it was acknowledged.
 */
import { TABLE_SCHEMAS, type Batch, type TableName } from '../columnar/index.ts';
import { describeError, InternalError } from '../common/index.ts';
import { WAL_DIR } from './parts/index.ts';
import type { StorageCore } from './storage-core.ts';
import { replayWal, type ReplayResult, type WalRecord } from './wal/index.ts';
import { join } from 'node:path';

/**
 * Replays the WAL past `checkpointLsn` into `core.active`; `after` runs after each record
 * (and may return a promise: a flush when the head grew too big). A record that does not
 * decode was acknowledged once: that loss is logged loudly, counted, and replay goes on.
 */
export async function replayIntoHead(core: StorageCore, checkpointLsn: number, repair: boolean, after: (record: WalRecord) => void | Promise<void>): Promise<ReplayResult> {
  const o = core.options;
  const decode = o.walDecoder;
  if (decode === null) throw new InternalError('WAL replay needs a walDecoder');
  const t0 = o.clock.monotonicMs();
  let decodeErrors = 0;
  const replay = await replayWal({ dir: join(o.dataDir, WAL_DIR), checkpointLsn, repair, logger: core.logger }, (record) => {
    try {
      const batch = decode(record.entry);
      checkBatchShape(record.entry.table, batch);
      core.active.append(record.entry.table, record.entry.tenant, batch, record.lsn, o.clock.monotonicMs());
    } catch (err) {
      if (decodeErrors++ < 10) core.logger.error('WAL record does not decode; skipping it', { lsn: record.lsn, table: record.entry.table, error: describeError(err) });
    }
    return after(record);
  });
  core.counters.replayDecodeErrors = decodeErrors;
  core.logger.info('replayed the WAL', {
    records: replay.replayedRecords,
    bytes: replay.replayedBytes,
    ms: Math.round(o.clock.monotonicMs() - t0),
    skipped: replay.skippedRecords,
    tornTails: replay.tornTails,
    corruptSegments: replay.corruptSegments,
    decodeErrors,
  });
  return replay;
}

/** Rejects a batch whose columns do not match the table schema (a bug in the caller). */
export function checkBatchShape(table: TableName, batch: Batch): void {
  const fields = TABLE_SCHEMAS[table]?.fields;
  if (fields === undefined) throw new InternalError(`unknown table ${String(table)}`);
  if (batch.columns.length !== fields.length) throw new InternalError(`${table} batch has ${batch.columns.length} columns, the table has ${fields.length}`);
  for (let c = 0; c < fields.length; c++) {
    const v = batch.columns[c];
    if (v.type !== fields[c].type || v.length !== batch.length) {
      throw new InternalError(`${table} batch column ${fields[c].name} is ${v.type}×${v.length}, expected ${fields[c].type}×${batch.length}`);
    }
  }
}

/**
 * Smallest and largest `timestamp` (whole ms) of a non-empty batch: recorded with its WAL
 * entry so replay can re-apply the exact window those rows passed (finding 9).
 */
export function timestampRangeMs(batch: Batch): { min: number; max: number } | undefined {
  const ts = batch.columns[batch.schema.fields.findIndex((f) => f.name === 'timestamp')];
  if (ts === undefined || ts.type !== 'timestamp' || batch.length === 0) return undefined;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < batch.length; i++) {
    const ms = ts.ms[i];
    if (ms < min) min = ms;
    if (ms > max) max = ms;
  }
  return min <= max ? { min, max } : undefined;
}

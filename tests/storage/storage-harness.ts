/**
 * Helpers for storage tests: a temp data dir, a Storage with small limits and the sample
 * WAL codec, and whole-table reads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchToRows, TABLE_SCHEMAS, type ScanRequest, type TableName, type TableSnapshot } from '../../src/columnar/index.ts';
import { silentLogger } from '../../src/common/index.ts';
import { Storage, type StorageOptions } from '../../src/storage/index.ts';
import { sampleWalDecoder, type SampleRow } from './sample-rows.ts';

/** A fresh temp dir; call the returned function to delete it. */
export function tempDataDir(prefix = 'pharlux-storage-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Opens a Storage for tests: no background timers that matter, no disk guard, sample decoder. */
export function openTestStorage(dataDir: string, overrides: Partial<StorageOptions> = {}): Promise<Storage> {
  return Storage.open({
    dataDir,
    logger: silentLogger(),
    walDecoder: sampleWalDecoder,
    minFreeDiskBytes: 0,
    compactionIntervalSeconds: 0,
    compactionGraceSeconds: 0,
    // Sample rows are dated 2025-11-30: keep them whatever today's date is.
    retentionDays: { metrics: 0, logs: 0, spans: 0 },
    parquetCompression: 'zstd',
    ...overrides,
  });
}

/** Every row of one tenant in a snapshot (all columns). */
export async function readAll(snapshot: TableSnapshot, table: TableName, tenant: string, extra: Partial<ScanRequest> = {}): Promise<SampleRow[]> {
  const rows: SampleRow[] = [];
  const request: ScanRequest = { tenant, columns: TABLE_SCHEMAS[table].fields.map((f) => f.name), predicates: [], ...extra };
  for await (const batch of snapshot.scan(request)) rows.push(...batchToRows(batch));
  return rows;
}

/** Sorted `flags` values (tests put a row sequence number there). */
export function seqs(rows: readonly SampleRow[]): number[] {
  return rows.map((r) => Number(r.flags)).sort((a, b) => a - b);
}

/**
 * Writes row sets into a real Storage (WAL → head → flushed Parquet parts, then
 * compacted), so the SQL engine's tests and benches can run over the same Parquet files
 * DuckDB reads. The WAL bodies are placeholders: these data dirs are never replayed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchFromRows, TABLE_SCHEMAS, type Batch, type TableName } from '../../src/columnar/index.ts';
import { InternalError, silentLogger } from '../../src/common/index.ts';
import { Storage, type WalEntry } from '../../src/storage/index.ts';
import type { Row } from './random-data.ts';

/** Opens a fresh Storage in a temp dir (no fsync, no background jobs). */
export async function openScratchStorage(prefix: string): Promise<{ storage: Storage; dir: string; remove: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const storage = await Storage.open({
    dataDir: dir,
    logger: silentLogger(),
    walSync: 'none',
    walDecoder: () => {
      throw new InternalError('scratch data dirs are never replayed');
    },
    minFreeDiskBytes: 0,
    compactionIntervalSeconds: 0,
    compactionGraceSeconds: 0,
    flushIntervalSeconds: 100_000,
    retentionDays: { metrics: 0, logs: 0, spans: 0 },
  });
  return {
    storage,
    dir,
    remove: async () => {
      await storage.stop({ flush: false });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Appends a batch of one tenant's rows as if it had been ingested. */
export function appendBatch(storage: Storage, table: TableName, tenant: string, batch: Batch): Promise<void> {
  const entry: WalEntry = { table, tenant, receiveTimeMs: Date.now(), encoding: 'json', body: new Uint8Array(0) };
  return storage.append(entry, batch);
}

/** Appends rows (any tenants) in `rounds` flushes, then compacts. */
export async function writeRows(storage: Storage, tables: Readonly<Record<TableName, readonly Row[]>>, rounds = 3): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    for (const table of Object.keys(tables) as TableName[]) {
      const rows = tables[table];
      const part = rows.filter((_, i) => i % rounds === round);
      const byTenant = new Map<string, Row[]>();
      for (const r of part) {
        const t = String(r.tenant_id);
        byTenant.set(t, [...(byTenant.get(t) ?? []), r]);
      }
      for (const [tenant, tenantRows] of byTenant) await appendBatch(storage, table, tenant, batchFromRows(TABLE_SCHEMAS[table], tenantRows));
    }
    await storage.flush();
  }
  await storage.compact();
}

/** SQL for a DuckDB view over one table's parts, restricted to one tenant. */
export function duckParquetView(dir: string, table: TableName, tenant: string): string {
  return `CREATE OR REPLACE VIEW ${table} AS SELECT * EXCLUDE (tenant, date, hour) FROM read_parquet('${dir}/${table}/*/*/*/*.parquet', hive_partitioning = true) WHERE tenant_id = '${tenant}'`;
}

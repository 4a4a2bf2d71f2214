/**
 * `pharlux query --data-dir`: runs one query in-process on a data directory, with no
 * server, and renders the result exactly as the API would (JSON, CSV, NDJSON). Storage
 * opens read-only: Parquet parts plus the WAL replayed in memory (so rows acknowledged
 * before a crash are visible), no appends, nothing written; the data-dir lock refuses
 * while a server runs (query that server instead).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TABLE_NAMES } from '../columnar/index.ts';
import type { Logger } from '../common/index.ts';
import { createWalDecoder } from '../ingest/index.ts';
import { Storage, StorageUnavailableError, WAL_DIR } from '../storage/index.ts';
import type { PharluxConfig } from './config.ts';
import { createInProcessQueryService, queryLimitsFrom } from './engine-query-service.ts';
import { csvResultText, jsonResultText, ndjsonResultText, RowLimiter } from './http/query-output/index.ts';
import type { QueryOutputFormat } from './query-service.ts';

export interface LocalQueryOptions {
  readonly format: Exclude<QueryOutputFormat, 'arrow'>;
  readonly limit?: number;
  /** Tenant whose rows are visible (default `default`). */
  readonly tenant?: string;
}

/** Runs `sql` on the configured data directory; calls `write` with the rendered text, then closes storage. */
export async function runLocalQuery(config: PharluxConfig, logger: Logger, sql: string, options: LocalQueryOptions, write: (text: string) => void): Promise<void> {
  const started = performance.now();
  // Read-only means touching nothing: a mistyped path must not become an empty data dir.
  if (!existsSync(join(config.storage.dataDir, WAL_DIR))) {
    throw new StorageUnavailableError(`no Pharlux data in ${config.storage.dataDir} (no ${WAL_DIR}/ directory): pass the server's --data-dir or --config`);
  }
  let storage: Storage;
  try {
    storage = await Storage.open({ dataDir: config.storage.dataDir, mode: 'read-only', logger, walDecoder: createWalDecoder(config.ingest) });
  } catch (err) {
    if (err instanceof StorageUnavailableError) {
      throw new StorageUnavailableError(`${err.message.replace(/; stop that process first$/, '')}: a running server holds it, so query that server instead (drop --data-dir)`);
    }
    throw err;
  }
  try {
    const service = createInProcessQueryService(new Map(TABLE_NAMES.map((t) => [t, storage.table(t)])), queryLimitsFrom(config));
    const limit = Math.min(options.limit ?? config.query.maxResultRows, config.query.maxResultRows);
    const controller = new AbortController();
    const result = await service.run(sql, { tenant: options.tenant ?? 'default', limit, signal: controller.signal, format: options.format });
    const limiter = new RowLimiter(limit);
    const batches = limiter.take(result.batches);
    const text =
      options.format === 'json'
        ? jsonResultText(result.columns, batches, { rowCount: () => limiter.rowCount, truncated: () => limiter.truncated, elapsedMs: () => performance.now() - started })
        : options.format === 'csv'
          ? csvResultText(result.columns, batches)
          : ndjsonResultText(result.columns, batches);
    for await (const chunk of text) write(chunk);
  } finally {
    await storage.stop();
  }
}

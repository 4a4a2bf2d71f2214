/**
 * The worker runner over real storage: snapshots taken on the main thread travel as
 * descriptors (heads shared, parts by path), the engine runs in the worker, answers
 * match the in-process engine, fresh (head) rows are visible, and every pin is
 * released.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { batchFromRows, batchToRows, TABLE_NAMES, TABLE_SCHEMAS, type TableSource } from '../../src/columnar/index.ts';
import { runQuery, WorkerQueryRunner } from '../../src/query/index.ts';
import { workerEntry } from '../../src/common/index.ts';
import { describeStorageCatalog } from '../../src/server/storage-catalog.ts';
import { DictionaryPeer, type Storage } from '../../src/storage/index.ts';
import { DIFF_TENANT, generateDataset } from './random-data.ts';
import { appendBatch, openScratchStorage, writeRows } from './storage-dataset.ts';

let storage: Storage;
let remove: () => Promise<void>;
let runner: WorkerQueryRunner<DictionaryPeer>;
const released: number[] = [];
const limits = { memoryBytes: 256 << 20, timeoutMs: 30_000, maxResultRows: 10_000 };

beforeAll(async () => {
  const scratch = await openScratchStorage('pharlux-sql-worker-');
  storage = scratch.storage;
  remove = scratch.remove;
  await writeRows(storage, generateDataset(99), 2);
  runner = new WorkerQueryRunner<DictionaryPeer>({
    workerEntry: workerEntry('src/server/query-worker-entry.ts'),
    workers: 1,
    createPeer: () => new DictionaryPeer(),
    describeCatalog: (tenant, peer) => {
      const described = describeStorageCatalog(storage, tenant, peer);
      const pins = (described.description as { pinId: number }[]).map((d) => d.pinId);
      const release = (): void => {
        released.push(...pins);
        described.release();
      };
      return { description: described.description, release };
    },
  });
}, 60_000);

afterAll(async () => {
  await runner?.close();
  await remove?.();
});

const local = (sql: string) =>
  runQuery(sql, { tenant: DIFF_TENANT, catalog: { tables: new Map<string, TableSource>(TABLE_NAMES.map((t) => [t, storage.table(t)])) }, limits });

test('answers over parts and head match the in-process engine', async () => {
  const sql = 'SELECT s.service_name, count(*) AS n, count(DISTINCT l.body) AS b, max(s.duration_ns) AS d FROM spans s LEFT JOIN logs l ON s.trace_id = l.trace_id GROUP BY 1 ORDER BY 1';
  const remote = await runner.run(sql, { tenant: DIFF_TENANT, limits });
  const mine = await local(sql);
  expect(remote.batches.flatMap(batchToRows)).toEqual(mine.batches.flatMap(batchToRows));
  expect(released.length).toBe(TABLE_NAMES.length);
});

test('a row appended on the main thread is visible to the next worker query', async () => {
  const row = batchFromRows(TABLE_SCHEMAS.logs, [
    { tenant_id: DIFF_TENANT, timestamp: 1_800_000_000_000_000_000n, severity_number: 9, body: 'fresh from the head', flags: 0, service_name: 'api', attributes: '{}', resource: '{}' },
  ]);
  await appendBatch(storage, 'logs', DIFF_TENANT, row);
  const r = await runner.run("SELECT count(*) AS n FROM logs WHERE body = 'fresh from the head'", { tenant: DIFF_TENANT, limits });
  expect(batchToRows(r.batches[0])).toEqual([{ n: 1 }]);
  expect(storage.stats().pins.pins).toBe(0);
});

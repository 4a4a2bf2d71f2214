/**
 * The TableSource contract suite against Storage: head only, parts only, head + parts
 * (with a compaction in between), and snapshots that went through a descriptor (as a
 * query worker receives them).
 */
import type { TableName, TableSource } from '../../src/columnar/index.ts';
import { DictionaryPeer, openTransferredSnapshot, SnapshotReceiver, type Storage } from '../../src/storage/index.ts';
import { sampleBatch, sampleEntry, type SampleRow } from '../storage/sample-rows.ts';
import { openTestStorage, tempDataDir } from '../storage/storage-harness.ts';
import { tableSourceContract, type TableSourceFixture } from './table-source.contract.ts';

type Layout = 'head' | 'parts' | 'mixed';

async function appendAll(storage: Storage, table: TableName, tenant: string, rows: readonly SampleRow[]): Promise<void> {
  // Appends of up to 100 rows, like a stream of small OTLP requests.
  for (let i = 0; i < rows.length; i += 100) {
    const slice = rows.slice(i, i + 100);
    await storage.append(sampleEntry(table, tenant, slice), sampleBatch(table, slice));
  }
}

async function build(layout: Layout, table: TableName, rowsByTenant: ReadonlyMap<string, readonly SampleRow[]>, transferred: boolean): Promise<TableSourceFixture> {
  const { dir, remove } = tempDataDir('pharlux-contract-');
  const storage = await openTestStorage(dir);
  for (const [tenant, rows] of rowsByTenant) {
    if (layout === 'head') await appendAll(storage, table, tenant, rows);
    else if (layout === 'parts') {
      const half = Math.floor(rows.length / 2);
      await appendAll(storage, table, tenant, rows.slice(0, half));
      await storage.flush();
      await appendAll(storage, table, tenant, rows.slice(half));
      await storage.flush();
    } else {
      const third = Math.floor(rows.length / 3);
      await appendAll(storage, table, tenant, rows.slice(0, third));
      await storage.flush();
      await appendAll(storage, table, tenant, rows.slice(third, 2 * third));
      await storage.flush();
      await storage.compact();
      await appendAll(storage, table, tenant, rows.slice(2 * third));
    }
  }
  let source: TableSource = storage.table(table);
  if (transferred) {
    const peer = new DictionaryPeer();
    const receiver = new SnapshotReceiver();
    const inner = source;
    source = {
      name: inner.name,
      schema: inner.schema,
      snapshot: () => {
        const snap = storage.snapshot(table);
        // structuredClone stands in for postMessage: same algorithm, SharedArrayBuffers shared.
        const descriptor = structuredClone(snap.toTransferable({ peer }));
        snap.release();
        return openTransferredSnapshot(descriptor, { receiver, release: (pinId) => storage.releasePin(pinId) });
      },
    };
  }
  return {
    source,
    append: (tenant, rows) => appendAll(storage, table, tenant, rows),
    cleanup: async () => {
      await storage.stop();
      remove();
    },
  };
}

for (const layout of ['head', 'parts', 'mixed'] as const) {
  tableSourceContract(`Storage, ${layout}`, (table, rows) => build(layout, table, rows, false));
}
tableSourceContract('Storage, mixed, transferred snapshot', (table, rows) => build('mixed', table, rows, true));

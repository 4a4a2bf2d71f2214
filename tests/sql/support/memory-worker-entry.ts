/**
 * A query worker entry for tests: the catalog description carries whole batches (cloned
 * into the worker), which become MemoryTableSources. `{ spin: true }` makes the opener
 * spin forever, to test that an unresponsive worker is terminated and replaced.
 */
import { MemoryTableSource, TABLE_SCHEMAS, type Batch, type TableName, type TableSource } from '../../../src/columnar/index.ts';
import { startQueryWorker } from '../../../src/query/index.ts';

export interface MemoryCatalogDescription {
  readonly tables: readonly { readonly name: TableName; readonly batches: readonly Batch[] }[];
  readonly spin?: boolean;
}

startQueryWorker((description) => {
  const d = description as MemoryCatalogDescription;
  if (d.spin === true) for (;;) {
    /* never answers */
  }
  const tables = new Map<string, TableSource>();
  for (const t of d.tables) {
    const source = new MemoryTableSource(t.name, TABLE_SCHEMAS[t.name]);
    for (const b of t.batches) source.append(b);
    tables.set(t.name, source);
  }
  return { catalog: { tables }, release: () => {} };
});

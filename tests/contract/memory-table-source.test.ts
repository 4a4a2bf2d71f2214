/** The TableSource contract suite against the reference in-memory implementation. */
import { MemoryTableSource, TABLE_SCHEMAS } from '../../src/columnar/index.ts';
import { sampleBatch } from '../storage/sample-rows.ts';
import { tableSourceContract } from './table-source.contract.ts';

tableSourceContract('MemoryTableSource', async (table, rowsByTenant) => {
  const source = new MemoryTableSource(table, TABLE_SCHEMAS[table]);
  for (const rows of rowsByTenant.values()) source.append(sampleBatch(table, rows));
  return {
    source,
    append: async (_tenant, rows) => source.append(sampleBatch(table, rows)),
    cleanup: async () => {},
  };
});

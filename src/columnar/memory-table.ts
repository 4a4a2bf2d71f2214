/**
 * A reference `TableSource` over batches held in memory. Used by query tests and as the
 * simplest implementation the contract suite runs against. No pruning.
 */
import { column, takeBatch, type Batch } from './batch.ts';
import type { Schema } from './data-type.ts';
import type { ScanRequest, TableSnapshot, TableSource, TableStatistics } from './scan.ts';
import type { TableName } from './table-schemas.ts';
import { joinNs } from './timestamp.ts';

export class MemoryTableSource implements TableSource {
  private batches: Batch[] = [];

  constructor(
    readonly name: TableName,
    readonly schema: Schema,
  ) {}

  /** Adds a batch with the full table schema (must include `tenant_id`). */
  append(batch: Batch): void {
    if (batch.schema.fields.length !== this.schema.fields.length) throw new Error('batch schema differs from table schema');
    this.batches = [...this.batches, batch];
  }

  snapshot(): TableSnapshot {
    const batches = this.batches; // copy-on-write array: later appends do not affect it
    const schema = this.schema;
    return {
      schema,
      statistics: (tenant) => memoryStatistics(batches, tenant),
      scan: (request) => scanMemory(schema, batches, request),
      release: () => {},
    };
  }
}

function tenantRows(batch: Batch, tenant: string): number[] {
  const v = column(batch, 'tenant_id');
  if (v.type !== 'string') throw new Error('tenant_id must be a string column');
  const rows: number[] = [];
  for (let i = 0; i < batch.length; i++) if (v.codes[i] >= 0 && v.dict[v.codes[i]] === tenant) rows.push(i);
  return rows;
}

async function* scanMemory(schema: Schema, batches: readonly Batch[], request: ScanRequest): AsyncIterable<Batch> {
  const indices = request.columns.map((name) => {
    const i = schema.fields.findIndex((f) => f.name === name);
    if (i < 0) throw new Error(`table has no column ${name}`);
    return i;
  });
  const projected: Schema = { fields: indices.map((i) => schema.fields[i]) };
  for (const batch of batches) {
    if (request.signal?.aborted) return;
    if (request.stats) request.stats.headChunksTotal++;
    const rows = tenantRows(batch, request.tenant);
    if (rows.length === 0) continue;
    const taken = takeBatch(batch, rows);
    if (request.stats) {
      request.stats.headChunksRead++;
      request.stats.rowsRead += taken.length;
    }
    yield { schema: projected, length: taken.length, columns: indices.map((i) => taken.columns[i]) };
  }
}

function memoryStatistics(batches: readonly Batch[], tenant: string): TableStatistics {
  let rowCount = 0;
  let min: bigint | null = null;
  let max: bigint | null = null;
  for (const batch of batches) {
    const ts = column(batch, 'timestamp');
    if (ts.type !== 'timestamp') continue;
    for (const i of tenantRows(batch, tenant)) {
      rowCount++;
      const ns = joinNs(ts.ms[i], ts.nanos[i]);
      if (min === null || ns < min) min = ns;
      if (max === null || ns > max) max = ns;
    }
  }
  return { rowCount, minTimestampNs: min, maxTimestampNs: max, partCount: 0, headRowCount: rowCount };
}

/**
 * A head generation: the heads of every table and tenant that will be flushed together.
 * The storage keeps one active generation (appends go there) and at most one frozen one
 * (being written to parts). Freezing is a pointer swap, so a flush never blocks appends.
 */
import { TABLE_SCHEMAS, type Batch, type TableName } from '../../columnar/index.ts';
import type { ChunkMemoryPool } from './chunk-memory.ts';
import { TableHead } from './table-head.ts';

export class HeadGeneration {
  private readonly tables = new Map<TableName, Map<string, TableHead>>();
  rows = 0;
  bytes = 0;
  /** Monotonic ms of the first append, for flush_interval_seconds; null while empty. */
  firstAppendMonoMs: number | null = null;
  /** Highest WAL LSN applied to this generation (0 when none). */
  lastLsn = 0;

  constructor(
    readonly id: number,
    /** Where chunk memory comes from; null = always fresh. */
    private readonly memory: ChunkMemoryPool | null = null,
  ) {}

  /** Appends a batch of `table` rows for `tenant`. */
  append(table: TableName, tenant: string, batch: Batch, lsn: number, nowMonoMs: number): void {
    if (batch.length === 0) {
      this.lastLsn = Math.max(this.lastLsn, lsn);
      return;
    }
    let byTenant = this.tables.get(table);
    if (byTenant === undefined) {
      byTenant = new Map();
      this.tables.set(table, byTenant);
    }
    let head = byTenant.get(tenant);
    if (head === undefined) {
      head = new TableHead(table, tenant, TABLE_SCHEMAS[table], this.id, this.memory);
      byTenant.set(tenant, head);
    }
    const before = head.bytes;
    head.append(batch);
    this.bytes += head.bytes - before;
    this.rows += batch.length;
    this.lastLsn = Math.max(this.lastLsn, lsn);
    this.firstAppendMonoMs ??= nowMonoMs;
  }

  /** The head of one table and tenant, if any rows arrived. */
  head(table: TableName, tenant: string): TableHead | undefined {
    return this.tables.get(table)?.get(tenant);
  }

  /** Every tenant's head of `table`. */
  headsOf(table: TableName): Iterable<TableHead> {
    return this.tables.get(table)?.values() ?? [];
  }

  /**
   * Called once the generation was dropped (its rows are in published parts): recycles the
   * chunk memory of every head no snapshot ever viewed. The generation must not be used again.
   */
  recycleInto(pool: ChunkMemoryPool): void {
    for (const head of this.allHeads()) head.recycleInto(pool);
  }

  /** Every head of every table. */
  *allHeads(): Iterable<TableHead> {
    for (const byTenant of this.tables.values()) yield* byTenant.values();
  }
}

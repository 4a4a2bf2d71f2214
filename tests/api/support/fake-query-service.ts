/**
 * A stand-in for the SQL engine behind the `QueryService` interface, for API tests that
 * must not depend on the engine: `SELECT * FROM <table>` scans an in-memory table bound
 * to the caller's tenant; `GENERATE <n> [BATCH <m>]` yields n synthetic rows of every
 * type; `FAIL <code>` throws a query error with that code; anything else is a syntax error.
 */
import {
  batchFromRows,
  makeSchema,
  MemoryTableSource,
  TABLE_NAMES,
  TABLE_SCHEMAS,
  type Batch,
  type TableName,
} from '../../../src/columnar/index.ts';
import { AppError } from '../../../src/common/index.ts';
import { SQL_TYPE_NAMES, type QueryService, type QueryServiceRequest, type QueryServiceResult } from '../../../src/server/query-service.ts';

export const GENERATED_SCHEMA = makeSchema([
  { name: 'n', type: 'int64', nullable: false },
  { name: 'label', type: 'string', nullable: true },
  { name: 'value', type: 'float64', nullable: true },
  { name: 'ok', type: 'boolean', nullable: true },
  { name: 'at', type: 'timestamp', nullable: false },
  { name: 'attrs', type: 'json', nullable: true },
]);

/** One generated row (deterministic in n), for comparing outputs. */
export function generatedRow(n: number) {
  return {
    n,
    label: n % 7 === 0 ? null : `row ${n}${n % 5 === 0 ? ', with "quotes"' : ''}`,
    value: n % 11 === 0 ? null : n / 4,
    ok: n % 3 === 0 ? null : n % 2 === 0,
    at: 1_764_504_000_000_000_000n + BigInt(n) * 1_000_001n,
    attrs: n % 13 === 0 ? null : JSON.stringify({ k: `v${n % 4}` }),
  };
}

export class FakeQueryService implements QueryService {
  readonly tables: Record<TableName, MemoryTableSource>;
  /** Batches produced by the last GENERATE, to observe streaming. */
  produced = 0;
  lastRequest: QueryServiceRequest | null = null;

  constructor() {
    this.tables = Object.fromEntries(TABLE_NAMES.map((t) => [t, new MemoryTableSource(t, TABLE_SCHEMAS[t])])) as Record<TableName, MemoryTableSource>;
  }

  async run(sql: string, request: QueryServiceRequest): Promise<QueryServiceResult> {
    this.lastRequest = request;
    const text = sql.trim();
    const select = /^SELECT \* FROM (\w+)$/i.exec(text);
    if (select) {
      const table = select[1].toLowerCase() as TableName;
      if (!TABLE_NAMES.includes(table)) throw new AppError('sql_unknown_table', `table "${select[1]}" does not exist at line 1, column 15`);
      const snapshot = this.tables[table].snapshot();
      const schema = TABLE_SCHEMAS[table];
      const columns = schema.fields.map((f) => ({ name: f.name, type: SQL_TYPE_NAMES[f.type], dataType: f.type }));
      return { columns, batches: snapshot.scan({ tenant: request.tenant, columns: schema.fields.map((f) => f.name), predicates: [], signal: request.signal }) };
    }
    const gen = /^GENERATE (\d+)(?: BATCH (\d+))?$/i.exec(text);
    if (gen) {
      const total = Number(gen[1]);
      const batchRows = Number(gen[2] ?? 1000);
      this.produced = 0;
      const columns = GENERATED_SCHEMA.fields.map((f) => ({ name: f.name, type: SQL_TYPE_NAMES[f.type], dataType: f.type }));
      const self = this;
      async function* batches(): AsyncGenerator<Batch> {
        for (let start = 0; start < total; start += batchRows) {
          if (request.signal.aborted) return;
          const rows = [];
          for (let n = start; n < Math.min(total, start + batchRows); n++) rows.push(generatedRow(n));
          self.produced++;
          yield batchFromRows(GENERATED_SCHEMA, rows);
        }
      }
      return { columns, batches: batches() };
    }
    const fail = /^FAIL (\w+)$/i.exec(text);
    if (fail) throw new AppError(fail[1], `failing as asked (${fail[1]})`);
    throw new AppError('sql_syntax', `syntax error at or near "${text.split(/\s+/)[0]}" at line 1, column 1`);
  }
}

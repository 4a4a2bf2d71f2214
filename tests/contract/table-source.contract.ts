/**
 * The TableSource contract suite (rules at the top of src/columnar/scan.ts), reusable for
 * every implementation: call `tableSourceContract(name, factory)` inside a test file.
 * The factory builds a source holding given rows; the suite checks tenant isolation,
 * projection, predicate hints (never drop a matching row), statistics bounds, snapshot
 * atomicity, release and cancellation.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  batchToRows,
  emptyScanStats,
  TABLE_SCHEMAS,
  type Batch,
  type ScanPredicate,
  type ScanRequest,
  type TableName,
  type TableSource,
} from '../../src/columnar/index.ts';
import { sampleBatch, sampleRows, type SampleRow } from '../storage/sample-rows.ts';

export interface TableSourceFixture {
  readonly source: TableSource;
  /** Adds rows of one tenant after the fixture was built (for atomicity checks). */
  readonly append?: (tenant: string, rows: readonly SampleRow[]) => Promise<void>;
  readonly cleanup: () => Promise<void>;
}

/** Builds a source of `table` holding `rows` (each row's tenant_id says whose it is). */
export type TableSourceFactory = (table: TableName, rowsByTenant: ReadonlyMap<string, readonly SampleRow[]>) => Promise<TableSourceFixture>;

const TENANTS = ['acme', 'globex', 'tenant with spaces/and:odd%chars'];
const HOUR_NS = 3_600_000_000_000n;
const START_NS = 1_764_504_000_000_000_000n;

function dataFor(table: TableName): Map<string, SampleRow[]> {
  const byTenant = new Map<string, SampleRow[]>();
  TENANTS.forEach((tenant, t) => {
    // Three hours of rows per tenant, in two appends each, with distinct sequence numbers.
    const rows: SampleRow[] = [];
    for (let h = 0; h < 3; h++) {
      rows.push(...sampleRows(table, tenant, 150 + 37 * t, { seed: 11 * t + h + 1, startNs: START_NS + BigInt(h) * HOUR_NS, stepNs: 20_000_000_000n, firstSeq: 100_000 * t + 1000 * h }));
    }
    byTenant.set(tenant, normalise(table, rows));
  });
  return byTenant;
}

/** Rows as a scan returns them (schema key order, nulls explicit). */
function normalise(table: TableName, rows: readonly SampleRow[]): SampleRow[] {
  return batchToRows(sampleBatch(table, rows));
}

async function scanRows(source: TableSource, request: ScanRequest): Promise<{ rows: SampleRow[]; batches: Batch[] }> {
  const snapshot = source.snapshot();
  try {
    const batches: Batch[] = [];
    for await (const b of snapshot.scan(request)) batches.push(b);
    return { rows: batches.flatMap((b) => batchToRows(b)), batches };
  } finally {
    snapshot.release();
  }
}

/** SQL-ish evaluation of one predicate on a row (null never matches a comparison). */
export function rowMatches(row: SampleRow, p: ScanPredicate): boolean {
  const v = row[p.column] ?? null;
  switch (p.kind) {
    case 'null':
      return (v === null) === p.isNull;
    case 'prefix':
      return typeof v === 'string' && v.startsWith(p.prefix);
    case 'in':
      return v !== null && p.values.some((x) => x !== null && x === v);
    case 'compare': {
      if (v === null || p.value === null) return false;
      const a = v as number | bigint | string | boolean;
      const b = p.value;
      switch (p.op) {
        case '=':
          return a === b;
        case '!=':
          return a !== b;
        case '<':
          return a < b;
        case '<=':
          return a <= b;
        case '>':
          return a > b;
        case '>=':
          return a >= b;
      }
    }
  }
}

const key = (r: SampleRow): string => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));

/** Defines the contract suite for one implementation. */
export function tableSourceContract(name: string, factory: TableSourceFactory): void {
  for (const table of ['metrics', 'logs', 'spans'] as const) {
    describe(`TableSource contract: ${name} (${table})`, () => {
      const data = dataFor(table);
      const columns = TABLE_SCHEMAS[table].fields.map((f) => f.name);
      let fixture: TableSourceFixture;
      beforeAll(async () => {
        fixture = await factory(table, data);
      });
      afterAll(async () => {
        await fixture.cleanup();
      });

      test('a scan returns exactly the tenant’s rows, once each', async () => {
        for (const tenant of TENANTS) {
          const { rows } = await scanRows(fixture.source, { tenant, columns, predicates: [] });
          expect(rows.map(key).sort()).toEqual((data.get(tenant) ?? []).map(key).sort());
        }
        expect((await scanRows(fixture.source, { tenant: 'nobody', columns, predicates: [] })).rows).toEqual([]);
      });

      test('batches have exactly the requested columns, in order, with the table’s fields', async () => {
        const wanted = ['timestamp', 'tenant_id', 'service_name', 'flags'];
        const { batches, rows } = await scanRows(fixture.source, { tenant: TENANTS[0], columns: wanted, predicates: [], batchRows: 64 });
        expect(batches.length).toBeGreaterThan(0);
        for (const b of batches) {
          expect(b.schema.fields.map((f) => f.name)).toEqual(wanted);
          expect(b.schema.fields).toEqual(wanted.map((n) => TABLE_SCHEMAS[table].fields.find((f) => f.name === n) ?? TABLE_SCHEMAS[table].fields[0]));
          for (const c of b.columns) expect(c.length).toBe(b.length);
        }
        expect(rows.length).toBe(data.get(TENANTS[0])?.length ?? -1);
        expect(new Set(rows.map((r) => r.tenant_id))).toEqual(new Set([TENANTS[0]]));
        expect((await scanRows(fixture.source, { tenant: TENANTS[0], columns: [], predicates: [] })).rows.every((r) => Object.keys(r).length === 0)).toBe(true);
      });

      test('predicates are hints: no matching row is ever dropped', async () => {
        const tenant = TENANTS[1];
        const all = data.get(tenant) ?? [];
        const sorted = all.map((r) => r.timestamp as bigint).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const mid = sorted[Math.floor(sorted.length / 2)];
        const cases: ScanPredicate[][] = [
          [{ kind: 'compare', column: 'timestamp', op: '>=', value: mid }],
          [{ kind: 'compare', column: 'timestamp', op: '<', value: mid }],
          [
            { kind: 'compare', column: 'timestamp', op: '>', value: sorted[10] },
            { kind: 'compare', column: 'timestamp', op: '<=', value: sorted[20] },
          ],
          [{ kind: 'compare', column: 'timestamp', op: '=', value: sorted[5] }],
          [{ kind: 'compare', column: 'timestamp', op: '>', value: sorted.at(-1) ?? 0n }],
          [{ kind: 'in', column: 'timestamp', values: [sorted[0], sorted[99]] }],
          [{ kind: 'compare', column: 'service_name', op: '=', value: 'cart' }],
          [{ kind: 'compare', column: 'service_name', op: '=', value: 'no-such-service' }],
          [{ kind: 'in', column: 'service_name', values: ['payments', 'search'] }],
          [{ kind: 'prefix', column: 'service_name', prefix: 'pay' }],
          [{ kind: 'null', column: 'scope_name', isNull: true }],
          [{ kind: 'null', column: 'scope_name', isNull: false }],
          [{ kind: 'compare', column: 'flags', op: '>=', value: 100_000 + 1500 }],
          [
            { kind: 'compare', column: 'service_name', op: '!=', value: 'cart' },
            { kind: 'compare', column: 'timestamp', op: '>=', value: mid },
          ],
        ];
        for (const predicates of cases) {
          const stats = emptyScanStats();
          const { rows } = await scanRows(fixture.source, { tenant, columns, predicates, stats });
          const expected = all.filter((r) => predicates.every((p) => rowMatches(r, p)));
          const got = new Set(rows.map(key));
          for (const r of expected) expect(got.has(key(r))).toBe(true);
          // Whatever comes back is a real row of this tenant.
          const real = new Set(all.map(key));
          for (const r of rows) expect(real.has(key(r))).toBe(true);
        }
      });

      test('statistics bound the data', () => {
        const snapshot = fixture.source.snapshot();
        try {
          for (const tenant of TENANTS) {
            const s = snapshot.statistics(tenant);
            const rows = data.get(tenant) ?? [];
            expect(s.rowCount).toBeGreaterThanOrEqual(rows.length);
            for (const r of rows) {
              const ts = r.timestamp as bigint;
              expect(s.minTimestampNs !== null && s.minTimestampNs <= ts).toBe(true);
              expect(s.maxTimestampNs !== null && s.maxTimestampNs >= ts).toBe(true);
            }
          }
          const none = snapshot.statistics('nobody');
          expect(none.rowCount).toBe(0);
          expect(none.minTimestampNs).toBeNull();
        } finally {
          snapshot.release();
        }
      });

      test('a snapshot does not see rows appended after it; a new one does', async () => {
        if (fixture.append === undefined) return;
        const tenant = TENANTS[2];
        const before = fixture.source.snapshot();
        const extra = sampleRows(table, tenant, 25, { seed: 999, firstSeq: 900_000, startNs: START_NS + HOUR_NS });
        await fixture.append(tenant, extra);
        const rowsBefore: SampleRow[] = [];
        for await (const b of before.scan({ tenant, columns, predicates: [] })) rowsBefore.push(...batchToRows(b));
        before.release();
        before.release(); // idempotent
        expect(rowsBefore.length).toBe(data.get(tenant)?.length ?? -1);
        const { rows } = await scanRows(fixture.source, { tenant, columns, predicates: [] });
        expect(rows.length).toBe((data.get(tenant)?.length ?? 0) + 25);
        data.get(tenant)?.push(...normalise(table, extra));
      });

      test('an aborted signal stops the scan', async () => {
        const controller = new AbortController();
        controller.abort();
        const { rows } = await scanRows(fixture.source, { tenant: TENANTS[0], columns, predicates: [], signal: controller.signal });
        expect(rows.length).toBeLessThan(data.get(TENANTS[0])?.length ?? 0);
      });
    });
  }
}

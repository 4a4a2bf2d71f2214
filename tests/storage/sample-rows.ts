/**
 * Deterministic sample rows for storage tests and benchmarks, plus a tiny WAL codec: a
 * test WalEntry's body is the rows as JSON, and `sampleWalDecoder` turns it back into
 * exactly those rows (what the real OTLP decoder does for production records).
 */
import {
  batchFromRows,
  batchToRows,
  TABLE_SCHEMAS,
  type Batch,
  type BuilderValue,
  type TableName,
} from '../../src/columnar/index.ts';
import type { WalDecoder, WalEntry } from '../../src/storage/contract.ts';

export type SampleRow = Record<string, BuilderValue>;

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = ['checkout', 'cart', 'frontend', 'payments', 'search'];
const METRIC_NAMES = ['http.server.duration', 'process.cpu.time', 'queue.depth', 'db.client.connections'];

/**
 * `n` rows of `table` for `tenant`, timestamps from `startNs` spaced `stepNs` apart.
 * `seq` goes into `flags` (metrics/logs/spans all have it) so tests can identify rows.
 */
export function sampleRows(table: TableName, tenant: string, n: number, options: { seed?: number; startNs?: bigint; stepNs?: bigint; firstSeq?: number } = {}): SampleRow[] {
  const rand = prng(options.seed ?? 1);
  const start = options.startNs ?? 1_764_504_000_000_000_000n; // 2025-11-30T12:00:00Z
  const step = options.stepNs ?? 1_000_123n;
  const firstSeq = options.firstSeq ?? 0;
  const rows: SampleRow[] = [];
  for (let i = 0; i < n; i++) {
    const ts = start + BigInt(i) * step + BigInt(Math.floor(rand() * 1000));
    const service = SERVICES[Math.floor(rand() * SERVICES.length)];
    const attrs = JSON.stringify({ 'http.route': `/r/${Math.floor(rand() * 5)}` });
    const common = {
      tenant_id: tenant,
      timestamp: ts,
      flags: firstSeq + i,
      service_name: service,
      attributes: attrs,
      resource: JSON.stringify({ 'service.name': service }),
      scope_name: rand() < 0.2 ? null : 'io.opentelemetry.sample',
      scope_version: rand() < 0.5 ? null : '1.0.0',
    };
    switch (table) {
      case 'metrics': {
        const hist = rand() < 0.3;
        rows.push({
          ...common,
          start_timestamp: rand() < 0.3 ? null : ts - 60_000_000_000n,
          name: METRIC_NAMES[Math.floor(rand() * METRIC_NAMES.length)],
          type: hist ? 'histogram' : 'sum',
          unit: rand() < 0.5 ? 'ms' : null,
          temporality: 'cumulative',
          is_monotonic: hist ? null : rand() < 0.5,
          value: hist ? null : Math.round(rand() * 1e6) / 100,
          count: hist ? Math.floor(rand() * 1000) : null,
          sum: hist ? rand() * 1e4 : null,
          min: hist ? rand() : null,
          max: hist ? 10 + rand() : null,
          buckets: hist ? JSON.stringify({ bounds: [1, 10], counts: [1, 2, 3] }) : null,
        });
        break;
      }
      case 'logs':
        rows.push({
          ...common,
          observed_timestamp: ts + 5_000n,
          severity_number: 1 + Math.floor(rand() * 24),
          severity_text: rand() < 0.5 ? 'INFO' : 'ERROR',
          body: `request ${i} handled in ${Math.floor(rand() * 100)} ms`,
          event_name: null,
          trace_id: rand() < 0.3 ? null : hex(rand, 32),
          span_id: rand() < 0.3 ? null : hex(rand, 16),
        });
        break;
      case 'spans': {
        const dur = BigInt(Math.floor(rand() * 1e9));
        rows.push({
          ...common,
          end_timestamp: ts + dur,
          duration_ns: Number(dur),
          trace_id: hex(rand, 32),
          span_id: hex(rand, 16),
          parent_span_id: rand() < 0.3 ? null : hex(rand, 16),
          trace_state: null,
          name: `GET /r/${Math.floor(rand() * 5)}`,
          kind: 'SERVER',
          status_code: rand() < 0.1 ? 'ERROR' : 'OK',
          status_message: null,
          events: '[]',
          links: '[]',
        });
        break;
      }
    }
  }
  return rows;
}

function hex(rand: () => number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) s += Math.floor(rand() * 16).toString(16);
  return s;
}

/** A batch with the full table schema. */
export function sampleBatch(table: TableName, rows: readonly SampleRow[]): Batch {
  return batchFromRows(TABLE_SCHEMAS[table], rows);
}

/** A WAL entry whose body encodes `rows` (JSON with bigints as strings). */
export function sampleEntry(table: TableName, tenant: string, rows: readonly SampleRow[], receiveTimeMs = 1_764_504_000_000): WalEntry {
  const json = JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
  return { table, tenant, receiveTimeMs, encoding: 'json', body: new TextEncoder().encode(json) };
}

/** The WalDecoder matching `sampleEntry`. */
export const sampleWalDecoder: WalDecoder = (entry) => {
  const rows = JSON.parse(new TextDecoder().decode(entry.body), (_k, v) => (typeof v === 'string' && /^-?\d+n$/.test(v) ? BigInt(v.slice(0, -1)) : v)) as SampleRow[];
  return sampleBatch(entry.table, rows);
};

/** Rows of a batch as plain objects (for comparisons). */
export function rowsOf(batch: Batch): SampleRow[] {
  return batchToRows(batch);
}

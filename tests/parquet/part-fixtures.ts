/**
 * Deterministic random rows for every table schema, full of the edge cases a part must
 * survive: nulls, empty and unicode strings, very long strings, extreme timestamps
 * (negative, int64 min/max), NaN/±Inf/-0 doubles, int64 at ±2^53, large dictionaries.
 * Plus helpers to compare row multisets across readers.
 */
import {
  batchFromRows,
  TABLE_SCHEMAS,
  type Batch,
  type BuilderValue,
  type Field,
  type TableName,
} from '../../src/columnar/index.ts';

/** A small seeded PRNG (mulberry32): same seed, same rows. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const EDGE_STRINGS: readonly string[] = [
  '',
  'a',
  'ünïcödé',
  '日本語テキスト',
  'emoji 😀🎉 pair',
  '\u{10FFFF}',
  '\uFFFD\uE000',
  'line\nbreak\ttab "quote" \\',
  'x'.repeat(300),
  'zzz',
];

export const EDGE_TIMESTAMPS: readonly bigint[] = [
  0n,
  -1n,
  -1_000_000_000_123n,
  1n,
  999_999n,
  1_000_000n,
  -9_223_372_036_854_775_807n, // int64 min + 1 (int64 min itself is DuckDB's -infinity)
  9_223_372_036_854_775_806n, // int64 max - 1 (int64 max is DuckDB's infinity)
  9_223_372_036_854_775_807n,
  -9_223_372_036_854_775_808n,
];

export const EDGE_DOUBLES: readonly number[] = [NaN, Infinity, -Infinity, -0, 0, 1e308, -1e308, 5e-324, 0.1 + 0.2];
export const EDGE_INTS: readonly number[] = [0, -1, 1, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 31, -(2 ** 31) - 1, 65535];

export interface FixtureOptions {
  /** Share of nullable values that are null (default 0.15). */
  nullRate?: number;
  /** Share of rows using edge-case values (default 0.05). */
  edgeRate?: number;
  /** Distinct values of high-cardinality string columns (default: rows / 2, i.e. a large dictionary). */
  distinctStrings?: number;
  /** Include int64 min/max timestamps (DuckDB maps them to ±infinity). Default true. */
  extremeTimestamps?: boolean;
}

const LOW_CARDINALITY = new Set(['tenant_id', 'type', 'unit', 'temporality', 'kind', 'status_code', 'severity_text', 'scope_name', 'scope_version']);
const MEDIUM_CARDINALITY = new Set(['name', 'service_name', 'resource', 'event_name']);

function hex(rand: () => number, chars: number): string {
  let s = '';
  for (let i = 0; i < chars; i++) s += '0123456789abcdef'[Math.floor(rand() * 16)];
  return s;
}

function stringValue(f: Field, rand: () => number, edge: boolean, distinct: number): string {
  if (f.name === 'tenant_id') return 'tenant-a';
  if (f.name === 'trace_id') return hex(rand, 32);
  if (f.name.endsWith('span_id')) return hex(rand, 16);
  if (edge) {
    const e = EDGE_STRINGS[Math.floor(rand() * EDGE_STRINGS.length)];
    return f.type === 'json' ? JSON.stringify({ edge: e }) : e;
  }
  if (LOW_CARDINALITY.has(f.name)) return `${f.name}-${Math.floor(rand() * 4)}`;
  if (MEDIUM_CARDINALITY.has(f.name)) return f.type === 'json' ? `{"k":"r${Math.floor(rand() * 20)}"}` : `${f.name}.${Math.floor(rand() * 20)}`;
  const k = Math.floor(rand() * distinct);
  return f.type === 'json' ? `{"id":${k},"s":"v${k}"}` : `${f.name} value ${k} ✓`;
}

function fieldValue(f: Field, rand: () => number, options: Required<FixtureOptions>, rowTimeNs: bigint): BuilderValue {
  if (f.nullable && rand() < options.nullRate) return null;
  const edge = rand() < options.edgeRate;
  switch (f.type) {
    case 'string':
    case 'json':
      return stringValue(f, rand, edge, options.distinctStrings);
    case 'boolean':
      return rand() < 0.5;
    case 'int64':
      if (edge) return EDGE_INTS[Math.floor(rand() * EDGE_INTS.length)];
      return Math.floor(rand() * 2000) - 100;
    case 'float64':
      if (edge) return EDGE_DOUBLES[Math.floor(rand() * EDGE_DOUBLES.length)];
      return Math.round(rand() * 1e6) / 100;
    case 'timestamp': {
      if (edge) {
        const pool = options.extremeTimestamps ? EDGE_TIMESTAMPS : EDGE_TIMESTAMPS.slice(0, 8);
        return pool[Math.floor(rand() * pool.length)];
      }
      return f.name === 'timestamp' ? rowTimeNs : rowTimeNs + BigInt(Math.floor(rand() * 1e9));
    }
  }
}

/** `rows` random rows of `table` (full schema), reproducible from `seed`. */
export function randomBatch(table: TableName, rows: number, seed: number, options: FixtureOptions = {}): Batch {
  const full: Required<FixtureOptions> = {
    nullRate: options.nullRate ?? 0.15,
    edgeRate: options.edgeRate ?? 0.05,
    distinctStrings: options.distinctStrings ?? Math.max(1, Math.floor(rows / 2)),
    extremeTimestamps: options.extremeTimestamps ?? true,
  };
  const rand = seededRandom(seed);
  const schema = TABLE_SCHEMAS[table];
  const base = 1_764_460_800_000_000_000n; // 2025-11-30T00:00:00Z
  const out: Record<string, BuilderValue>[] = [];
  for (let r = 0; r < rows; r++) {
    const t = base + BigInt(Math.floor(rand() * 3_600_000)) * 1_000_000n + BigInt(Math.floor(rand() * 1_000_000));
    const row: Record<string, BuilderValue> = {};
    for (const f of schema.fields) row[f.name] = fieldValue(f, rand, full, t);
    out.push(row);
  }
  return batchFromRows(schema, out);
}

/** A canonical text of one value that tells NaN, -0, bigint and null apart. */
export function canonicalValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  return JSON.stringify(v);
}

/** Rows as sorted canonical strings, so two readers can be compared as multisets. */
export function canonicalRows(rows: readonly Record<string, unknown>[], columns: readonly string[]): string[] {
  return rows.map((r) => columns.map((c) => canonicalValue(r[c])).join('|')).sort();
}

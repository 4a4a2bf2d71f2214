// POST /api/v1/query: formats chosen by Accept, limits and truncation, streaming, and
// errors mapped to statuses — against a fake engine behind the QueryService interface.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatRfc3339Nanos, splitNs } from '../../src/columnar/index.ts';
import { startApiHarness, type ApiHarness } from './support/api-harness.ts';
import { generatedRow } from './support/fake-query-service.ts';

let h: ApiHarness;
let token: string;
beforeAll(async () => {
  h = await startApiHarness({ settings: { maxResultRows: 1000 } });
  await h.createUser('acme', 'alice', 'reader');
  token = await h.login('alice', 'alice-password');
});
afterAll(async () => {
  await h.stop();
});

const query = (body: unknown, accept?: string) => h.call('POST', '/api/v1/query', { token, body, headers: accept ? { accept } : {} });

function expectedJsonRow(n: number) {
  const r = generatedRow(n);
  const [ms, nanos] = splitNs(r.at);
  return { ...r, at: formatRfc3339Nanos(ms, nanos), attrs: r.attrs === null ? null : JSON.parse(r.attrs) };
}

/** RFC 4180 reader (null for an unquoted empty field). */
function parseCsv(text: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = 0;
  while (i < text.length) {
    let v: string | null;
    if (text[i] === '"') {
      v = '';
      i++;
      while (!(text[i] === '"' && text[i + 1] !== '"')) {
        if (text[i] === '"') i++;
        v += text[i++];
      }
      i++;
    } else {
      let raw = '';
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') raw += text[i++];
      v = raw === '' ? null : raw;
    }
    row.push(v);
    if (text[i] === ',') i++;
    else {
      i += 2;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

describe('query formats', () => {
  test('JSON: columns, typed rows, row_count, truncated, elapsed_ms; tenant passed to the engine', async () => {
    const res = await query({ sql: 'GENERATE 30 BATCH 7' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toStartWith('application/json');
    const body = (await res.json()) as { columns: unknown; rows: unknown[]; row_count: number; truncated: boolean; elapsed_ms: number };
    expect(body.columns).toEqual([
      { name: 'n', type: 'bigint' },
      { name: 'label', type: 'text' },
      { name: 'value', type: 'double' },
      { name: 'ok', type: 'boolean' },
      { name: 'at', type: 'timestamp' },
      { name: 'attrs', type: 'json' },
    ]);
    expect(body.rows).toEqual(Array.from({ length: 30 }, (_, n) => expectedJsonRow(n)));
    expect([body.row_count, body.truncated]).toEqual([30, false]);
    expect(body.elapsed_ms).toBeGreaterThanOrEqual(0);
    expect(h.query.lastRequest?.tenant).toBe('acme');
  });

  test('CSV round-trips every value, null apart from empty', async () => {
    const res = await query({ sql: 'GENERATE 40 BATCH 9' }, 'text/csv');
    expect(res.headers.get('content-type')).toStartWith('text/csv');
    const rows = parseCsv(await res.text());
    expect(rows[0]).toEqual(['n', 'label', 'value', 'ok', 'at', 'attrs']);
    for (let n = 0; n < 40; n++) {
      const e = expectedJsonRow(n);
      expect(rows[n + 1]).toEqual([String(n), e.label, e.value === null ? null : String(e.value), e.ok === null ? null : String(e.ok), e.at, generatedRow(n).attrs]);
    }
  });

  test('DuckDB reads the CSV back with the same values (null apart from empty)', async () => {
    const res = await query({ sql: 'GENERATE 60 BATCH 13' }, 'text/csv');
    const dir = mkdtempSync(join(tmpdir(), 'pharlux-csv-'));
    try {
      const path = join(dir, 'result.csv');
      writeFileSync(path, await res.text());
      const duck = await (await DuckDBInstance.create(':memory:')).connect();
      const read = await duck.runAndReadAll(`SELECT * FROM read_csv('${path}', header = true, all_varchar = true, allow_quoted_nulls = false)`);
      const rows = read.getRows();
      expect(rows).toHaveLength(60);
      rows.forEach((row, n) => {
        const e = expectedJsonRow(n);
        expect(row).toEqual([String(n), e.label, e.value === null ? null : String(e.value), e.ok === null ? null : String(e.ok), e.at, generatedRow(n).attrs]);
      });
      duck.closeSync();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('NDJSON: one object per line equal to the JSON rows', async () => {
    const res = await query({ sql: 'GENERATE 25 BATCH 4' }, 'application/x-ndjson');
    expect(res.headers.get('content-type')).toStartWith('application/x-ndjson');
    const lines = (await res.text()).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual(Array.from({ length: 25 }, (_, n) => expectedJsonRow(n)));
  });

  test('Arrow IPC stream: apache-arrow reads identical values', async () => {
    const res = await query({ sql: 'GENERATE 50 BATCH 16' }, 'application/vnd.apache.arrow.stream');
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    expect(table.numRows).toBe(50);
    for (let n = 0; n < 50; n++) {
      const e = generatedRow(n);
      const row = table.get(n)?.toJSON() as Record<string, unknown>;
      expect(row.n).toBe(BigInt(n));
      expect([row.label, row.value, row.ok, row.attrs]).toEqual([e.label, e.value, e.ok, e.attrs]);
    }
    const at = table.getChild('at');
    let offset = 0;
    for (const chunk of at?.data ?? []) {
      for (let i = 0; i < chunk.length; i++) expect(chunk.values[i]).toBe(generatedRow(offset + i).at);
      offset += chunk.length;
    }
  });

  test('Accept that allows none of the formats is 406', async () => {
    const res = await query({ sql: 'GENERATE 1' }, 'text/html');
    expect(res.status).toBe(406);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_acceptable');
  });
});

describe('limits', () => {
  test('limit cuts the result and marks it truncated', async () => {
    const body = (await (await query({ sql: 'GENERATE 100 BATCH 30', limit: 45 })).json()) as { rows: { n: number }[]; row_count: number; truncated: boolean };
    expect([body.rows.length, body.row_count, body.truncated]).toEqual([45, 45, true]);
    expect(body.rows.at(-1)?.n).toBe(44);
  });

  test('query.max_result_rows caps any requested limit; the header says so', async () => {
    const res = await query({ sql: 'GENERATE 5000', limit: 1_000_000 }, 'application/x-ndjson');
    expect(res.headers.get('x-pharlux-row-limit')).toBe('1000');
    expect((await res.text()).trimEnd().split('\n')).toHaveLength(1000);
  });

  test('exactly the limit is not truncated; limit 0 returns only columns', async () => {
    const exact = (await (await query({ sql: 'GENERATE 20', limit: 20 })).json()) as { row_count: number; truncated: boolean };
    expect([exact.row_count, exact.truncated]).toEqual([20, false]);
    const zero = (await (await query({ sql: 'GENERATE 20', limit: 0 })).json()) as { columns: unknown[]; rows: unknown[]; truncated: boolean };
    expect([zero.columns.length, zero.rows.length, zero.truncated]).toEqual([6, 0, true]);
  });
});

describe('streaming', () => {
  test('a large result is streamed with back-pressure: a client that stops reading stalls the engine', async () => {
    const h2 = await startApiHarness({ settings: { maxResultRows: 2_000_000 } });
    try {
      await h2.createUser('acme', 'bob', 'reader');
      const t = await h2.login('bob', 'bob-password');
      // 1M rows of NDJSON is ~120 MB; socket buffers hold a few MB.
      const res = await h2.call('POST', '/api/v1/query', { token: t, body: { sql: 'GENERATE 1000000 BATCH 1000' }, headers: { accept: 'application/x-ndjson' } });
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      // Wait until production stops moving (the socket is full), or everything was produced.
      let last = -1;
      let still = 0;
      for (let polls = 0; polls < 400 && still < 3 && h2.query.produced < 1000; polls++) {
        await Bun.sleep(50);
        still = h2.query.produced === last ? still + 1 : 0;
        last = h2.query.produced;
      }
      expect(h2.query.produced).toBeLessThan(500);
      await reader.cancel();
    } finally {
      await h2.stop();
    }
  }, 30_000);

  test('a streamed result arrives complete', async () => {
    const h2 = await startApiHarness({ settings: { maxResultRows: 1_000_000 } });
    try {
      await h2.createUser('acme', 'bob', 'reader');
      const t = await h2.login('bob', 'bob-password');
      const res = await h2.call('POST', '/api/v1/query', { token: t, body: { sql: 'GENERATE 50000 BATCH 1000' }, headers: { accept: 'application/x-ndjson' } });
      let newlines = 0;
      for await (const chunk of res.body as ReadableStream<Uint8Array>) for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) newlines++;
      expect([newlines, h2.query.produced]).toEqual([50_000, 50]);
    } finally {
      await h2.stop();
    }
  }, 30_000);

  test('a client that goes away stops the engine', async () => {
    const h2 = await startApiHarness({ settings: { maxResultRows: 1_000_000 } });
    try {
      await h2.createUser('acme', 'bob', 'reader');
      const t = await h2.login('bob', 'bob-password');
      const controller = new AbortController();
      const res = await h2.call('POST', '/api/v1/query', { token: t, body: { sql: 'GENERATE 1000000 BATCH 1000' }, headers: { accept: 'text/csv' } });
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      await reader.cancel();
      controller.abort();
      await Bun.sleep(50);
      const produced = h2.query.produced;
      await Bun.sleep(100);
      expect(h2.query.produced).toBe(produced);
      expect(produced).toBeLessThan(1000);
    } finally {
      await h2.stop();
    }
  });
});

describe('errors', () => {
  const cases: [string, unknown, number, string][] = [
    ['SQL syntax error', { sql: 'SELEC 1' }, 400, 'sql_syntax'],
    ['unknown table', { sql: 'SELECT * FROM nope' }, 400, 'sql_unknown_table'],
    ['memory budget', { sql: 'FAIL query_memory_exceeded' }, 422, 'query_memory_exceeded'],
    ['timeout', { sql: 'FAIL query_timeout' }, 504, 'query_timeout'],
    ['read-only', { sql: 'FAIL sql_read_only' }, 400, 'sql_read_only'],
    ['missing sql', {}, 400, 'invalid_argument'],
    ['empty sql', { sql: '   ' }, 400, 'invalid_argument'],
    ['sql not a string', { sql: 42 }, 400, 'invalid_argument'],
    ['negative limit', { sql: 'GENERATE 1', limit: -1 }, 400, 'invalid_argument'],
    ['fractional limit', { sql: 'GENERATE 1', limit: 1.5 }, 400, 'invalid_argument'],
    ['body not an object', [1, 2], 400, 'invalid_argument'],
    ['malformed JSON', '{"sql": ', 400, 'invalid_json'],
  ];
  for (const [what, body, status, code] of cases) {
    test(`${what} → ${status} ${code}`, async () => {
      const res = await query(body);
      expect(res.status).toBe(status);
      const envelope = (await res.json()) as { error: { code: string; message: string } };
      expect(envelope.error.code).toBe(code);
      expect(envelope.error.message.length).toBeGreaterThan(0);
    });
  }

  test('a full query queue is 429 with Retry-After', async () => {
    const res = await query({ sql: 'FAIL query_queue_full' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
  });

  test('no engine wired is 503', async () => {
    const h2 = await startApiHarness({ query: null });
    try {
      await h2.createUser('acme', 'bob', 'reader');
      const res = await h2.call('POST', '/api/v1/query', { token: await h2.login('bob', 'bob-password'), body: { sql: 'SELECT 1' } });
      expect(res.status).toBe(503);
    } finally {
      await h2.stop();
    }
  });
});

describe('schema', () => {
  test('lists tables, the traces view and typed columns', async () => {
    const body = (await (await h.call('GET', '/api/v1/schema', { token })).json()) as { tables: { name: string; kind: string; columns: { name: string; type: string }[] }[] };
    expect(body.tables.map((t) => `${t.name}:${t.kind}`)).toEqual(['metrics:table', 'logs:table', 'spans:table', 'traces:view']);
    const metrics = body.tables[0];
    expect(metrics.columns.slice(0, 2)).toEqual([
      expect.objectContaining({ name: 'tenant_id', type: 'text' }),
      expect.objectContaining({ name: 'timestamp', type: 'timestamp' }),
    ]);
  });
});

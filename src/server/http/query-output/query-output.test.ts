import { describe, expect, test } from 'bun:test';
import { tableFromIPC } from 'apache-arrow';
import { batchFromRows, formatRfc3339Nanos, makeSchema, splitNs, type Batch, type BuilderValue, type Schema } from '../../../columnar/index.ts';
import { SQL_TYPE_NAMES, type QueryColumn } from '../../query-service.ts';
import { arrowResultBytes } from './arrow-format.ts';
import { negotiateFormat } from './negotiate-format.ts';
import { prefetchFirst, RowLimiter } from './row-limiter.ts';
import { csvResultText, jsonResultText, ndjsonResultText } from './text-formats.ts';

const schema: Schema = makeSchema([
  { name: 'b', type: 'boolean', nullable: true },
  { name: 'i', type: 'int64', nullable: true },
  { name: 'f', type: 'float64', nullable: true },
  { name: 's', type: 'string', nullable: true },
  { name: 'j', type: 'json', nullable: true },
  { name: 't', type: 'timestamp', nullable: true },
]);
const columns: QueryColumn[] = schema.fields.map((f) => ({ name: f.name, type: SQL_TYPE_NAMES[f.type], dataType: f.type }));
const rows: Record<string, BuilderValue>[] = [
  { b: true, i: 42, f: 1.5, s: 'plain', j: '{"k":"v","n":[1,2]}', t: 1764504000123456789n },
  { b: false, i: -7, f: Number.NaN, s: 'comma, "quote"\nnewline', j: '[]', t: 0n },
  { b: null, i: null, f: null, s: null, j: null, t: null },
  { b: true, i: 9007199254740991, f: Number.NEGATIVE_INFINITY, s: '', j: '"text"', t: -1n },
];

const summary = { rowCount: () => 4, truncated: () => false, elapsedMs: () => 1.25 };

async function* batchesOf(...bs: Batch[]): AsyncGenerator<Batch> {
  yield* bs;
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const c of chunks) s += c;
  return s;
}

/** Minimal RFC 4180 reader; returns null for an unquoted empty field. */
function parseCsv(text: string): (string | null)[][] {
  const out: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          v += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else v += text[i++];
      }
      row.push(v);
    } else {
      let v = '';
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') v += text[i++];
      row.push(v === '' ? null : v);
    }
    if (text[i] === ',') i++;
    else if (text[i] === '\r') {
      i += 2;
      out.push(row);
      row = [];
    }
  }
  return out;
}

describe('query output formats', () => {
  const batch = batchFromRows(schema, rows);

  test('JSON: typed values, RFC 3339 ns timestamps, raw JSON columns, non-finite as strings', async () => {
    const body = JSON.parse(await collect(jsonResultText(columns, batchesOf(batch), summary)));
    expect(body.columns).toEqual(columns.map((c) => ({ name: c.name, type: c.type })));
    expect(body.row_count).toBe(4);
    expect(body.truncated).toBe(false);
    expect(body.elapsed_ms).toBe(1.25);
    expect(body.rows[0]).toEqual({ b: true, i: 42, f: 1.5, s: 'plain', j: { k: 'v', n: [1, 2] }, t: '2025-11-30T12:00:00.123456789Z' });
    expect(body.rows[1]).toEqual({ b: false, i: -7, f: 'NaN', s: 'comma, "quote"\nnewline', j: [], t: '1970-01-01T00:00:00.000000000Z' });
    expect(body.rows[2]).toEqual({ b: null, i: null, f: null, s: null, j: null, t: null });
    expect(body.rows[3]).toEqual({ b: true, i: 9007199254740991, f: '-Infinity', s: '', j: 'text', t: '1969-12-31T23:59:59.999999999Z' });
  });

  test('JSON of an empty result still has columns', async () => {
    const body = JSON.parse(await collect(jsonResultText(columns, batchesOf(), { ...summary, rowCount: () => 0 })));
    expect(body).toMatchObject({ columns: columns.map((c) => ({ name: c.name, type: c.type })), rows: [], row_count: 0 });
  });

  test('NDJSON: one object per line, same values as JSON', async () => {
    const lines = (await collect(ndjsonResultText(columns, batchesOf(batch, batch)))).trimEnd().split('\n');
    expect(lines).toHaveLength(8);
    expect(JSON.parse(lines[4])).toEqual(JSON.parse(lines[0]));
    expect(JSON.parse(lines[1]).s).toBe('comma, "quote"\nnewline');
  });

  test('CSV round-trips, keeping null apart from the empty string', async () => {
    const parsed = parseCsv(await collect(csvResultText(columns, batchesOf(batch))));
    expect(parsed[0]).toEqual(['b', 'i', 'f', 's', 'j', 't']);
    expect(parsed[1]).toEqual(['true', '42', '1.5', 'plain', '{"k":"v","n":[1,2]}', '2025-11-30T12:00:00.123456789Z']);
    expect(parsed[2]).toEqual(['false', '-7', 'NaN', 'comma, "quote"\nnewline', '[]', '1970-01-01T00:00:00.000000000Z']);
    expect(parsed[3]).toEqual([null, null, null, null, null, null]);
    expect(parsed[4]).toEqual(['true', '9007199254740991', '-Infinity', '', '"text"', '1969-12-31T23:59:59.999999999Z']);
  });

  test('Arrow IPC stream is read back by apache-arrow with identical values', async () => {
    const parts: Uint8Array[] = [];
    for await (const p of arrowResultBytes(columns, batchesOf(batch, batch))) parts.push(p);
    const table = tableFromIPC(Buffer.concat(parts));
    expect(table.numRows).toBe(8);
    expect(table.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual(['b:Bool', 'i:Int64', 'f:Float64', 's:Utf8', 'j:Utf8', 't:Timestamp<NANOSECOND>']);
    const get = (name: string, row: number): unknown => table.getChild(name)?.get(row);
    expect([get('b', 0), get('i', 0), get('f', 0), get('s', 0), get('j', 0)]).toEqual([true, 42n, 1.5, 'plain', '{"k":"v","n":[1,2]}']);
    expect(table.getChild('t')?.data[0].values[0]).toBe(1764504000123456789n);
    expect(table.getChild('t')?.data[0].values[3]).toBe(-1n);
    expect(Number.isNaN(get('f', 1))).toBe(true);
    expect([get('b', 2), get('i', 2), get('f', 2), get('s', 2), get('j', 2), get('t', 2)]).toEqual([null, null, null, null, null, null]);
    expect([get('i', 3), get('s', 3), get('f', 3)]).toEqual([9007199254740991n, '', Number.NEGATIVE_INFINITY]);
    expect(table.schema.fields[4].metadata.get('pharlux.type')).toBe('json');
  });

  test('Arrow stream of an empty result has the schema and no rows', async () => {
    const parts: Uint8Array[] = [];
    for await (const p of arrowResultBytes(columns, batchesOf())) parts.push(p);
    const table = tableFromIPC(Buffer.concat(parts));
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual(['b', 'i', 'f', 's', 'j', 't']);
  });
});

describe('RowLimiter', () => {
  const one = makeSchema([{ name: 'n', type: 'int64', nullable: false }]);
  const b = (from: number, n: number): Batch => batchFromRows(one, Array.from({ length: n }, (_, k) => ({ n: from + k })));

  test('cuts at the limit, marks truncation and stops pulling', async () => {
    let pulled = 0;
    async function* source(): AsyncGenerator<Batch> {
      for (let k = 0; k < 10; k++) {
        pulled++;
        yield b(k * 3, 3);
      }
    }
    const limiter = new RowLimiter(5);
    const got: number[] = [];
    for await (const batch of limiter.take(source())) got.push(batch.length);
    expect(got).toEqual([3, 2]);
    expect([limiter.rowCount, limiter.truncated, pulled]).toEqual([5, true, 2]);
  });

  test('exactly the limit with nothing more is not truncated', async () => {
    const limiter = new RowLimiter(6);
    for await (const _ of limiter.take(batchesOf(b(0, 3), b(0, 0), b(3, 3)))) {
      // drain
    }
    expect([limiter.rowCount, limiter.truncated]).toEqual([6, false]);
  });

  test('prefetchFirst surfaces an error before the first batch', async () => {
    async function* failing(): AsyncGenerator<Batch> {
      throw new Error('planning failed');
    }
    await expect(prefetchFirst(failing())).rejects.toThrow('planning failed');
    const ok = await prefetchFirst(batchesOf(b(0, 1), b(1, 2)));
    const lengths: number[] = [];
    for await (const batch of ok) lengths.push(batch.length);
    expect(lengths).toEqual([1, 2]);
  });
});

describe('negotiateFormat', () => {
  test.each([
    [null, 'json'],
    ['', 'json'],
    ['*/*', 'json'],
    ['application/json', 'json'],
    ['text/csv', 'csv'],
    ['application/x-ndjson', 'ndjson'],
    ['application/vnd.apache.arrow.stream', 'arrow'],
    ['text/csv;q=0.5, application/vnd.apache.arrow.stream', 'arrow'],
    ['*/*;q=0.1, text/csv', 'csv'],
    ['text/html', null],
    ['text/csv;q=0', null],
  ])('%p → %p', (accept, format) => {
    expect(negotiateFormat(accept)).toBe(format as ReturnType<typeof negotiateFormat>);
  });
});

describe('fast paths agree with the slow definitions', () => {
  // A small deterministic PRNG so failures reproduce.
  let seed = 12345;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const randomBigInt64 = (): bigint => (BigInt(Math.floor(random() * 2 ** 32)) << 32n) | BigInt(Math.floor(random() * 2 ** 32));

  test('Arrow int64 and timestamp words equal BigInt conversion for random values', async () => {
    const s = makeSchema([
      { name: 'i', type: 'int64', nullable: false },
      { name: 't', type: 'timestamp', nullable: false },
    ]);
    const ints: number[] = [0, -1, 1, 2 ** 53, -(2 ** 53), 2 ** 32, -(2 ** 32), 2 ** 32 - 1];
    const times: bigint[] = [0n, -1n, 1n, -(2n ** 63n), 2n ** 63n - 1n, 999_999n, -1_000_000n, 1764504000123456789n];
    for (let k = 0; k < 500; k++) {
      ints.push(Math.floor((random() - 0.5) * 2 ** 54));
      times.push(BigInt.asIntN(64, randomBigInt64()));
    }
    const b = batchFromRows(s, ints.map((i, k) => ({ i, t: times[k] })));
    const parts: Uint8Array[] = [];
    for await (const p of arrowResultBytes([{ name: 'i', type: 'bigint', dataType: 'int64' }, { name: 't', type: 'timestamp', dataType: 'timestamp' }], batchesOf(b))) parts.push(p);
    const table = tableFromIPC(Buffer.concat(parts));
    const iValues = table.getChild('i')?.data[0].values as BigInt64Array;
    const tValues = table.getChild('t')?.data[0].values as BigInt64Array;
    for (let k = 0; k < ints.length; k++) {
      expect(iValues[k]).toBe(BigInt(ints[k]));
      expect(tValues[k]).toBe(times[k]);
    }
  });

  test('JSON and CSV timestamps equal formatRfc3339Nanos, across seconds, years and signs', async () => {
    const s = makeSchema([{ name: 't', type: 'timestamp', nullable: false }]);
    const times: bigint[] = [0n, -1n, 999_999_999n, 1_000_000_000n, -62_167_219_200_000_000_000n, 253_402_300_799_999_999_999n];
    for (let k = 0; k < 500; k++) times.push(BigInt(Math.floor((random() - 0.3) * 2 ** 62)));
    const b = batchFromRows(s, times.map((t) => ({ t })));
    const body = JSON.parse(await collect(jsonResultText([{ name: 't', type: 'timestamp', dataType: 'timestamp' }], batchesOf(b), summary))) as { rows: { t: string }[] };
    const csv = (await collect(csvResultText([{ name: 't', type: 'timestamp', dataType: 'timestamp' }], batchesOf(b)))).split('\r\n').slice(1, -1);
    times.forEach((t, k) => {
      const [ms, nanos] = splitNs(t);
      expect(body.rows[k].t).toBe(formatRfc3339Nanos(ms, nanos));
      expect(csv[k]).toBe(formatRfc3339Nanos(ms, nanos));
    });
  });
});

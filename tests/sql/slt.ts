/**
 * A small sqllogictest dialect for the golden files:
 *
 *   query <types> [rowsort|nosort]      types: one letter per column — I bigint,
 *   SELECT ...                          R double, T text/json/interval, B boolean,
 *   ----                                D timestamp
 *   <row>  (columns separated by a tab; NULL, (empty) for '')
 *
 *   statement error <substring of "code: message">
 *   SELECT ...
 *
 * Records are separated by blank lines; `#` starts a comment line.
 */
import { batchToRows } from '../../src/columnar/index.ts';
import { runQuery, type QueryContext, type QueryResult } from '../../src/query/index.ts';
import { formatTimestampText } from '../../src/query/values/index.ts';
import { splitNs } from '../../src/columnar/index.ts';
import { fixtureTables, FIXTURE_NOW_MS, FIXTURE_TENANT } from './fixture-data.ts';

export type SltRecord =
  | { kind: 'query'; types: string; sort: 'rowsort' | 'nosort'; sql: string; expected: string[]; line: number }
  | { kind: 'error'; pattern: string; sql: string; line: number }
  | { kind: 'ok'; sql: string; line: number };

/** Parses an .slt file. */
export function parseSlt(text: string): SltRecord[] {
  const lines = text.split('\n');
  const records: SltRecord[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '' || line.startsWith('#')) {
      i++;
      continue;
    }
    const start = i + 1;
    const header = line.trim().split(/\s+/);
    i++;
    const sql: string[] = [];
    while (i < lines.length && lines[i].trim() !== '' && lines[i] !== '----') sql.push(lines[i++]);
    if (header[0] === 'query') {
      const expected: string[] = [];
      if (lines[i] === '----') {
        i++;
        while (i < lines.length && lines[i] !== '') expected.push(lines[i++]);
      }
      records.push({ kind: 'query', types: header[1] ?? '', sort: header[2] === 'rowsort' ? 'rowsort' : 'nosort', sql: sql.join('\n'), expected, line: start });
    } else if (header[0] === 'statement' && header[1] === 'error') {
      records.push({ kind: 'error', pattern: line.trim().slice('statement error'.length).trim(), sql: sql.join('\n'), line: start });
    } else if (header[0] === 'statement' && header[1] === 'ok') {
      records.push({ kind: 'ok', sql: sql.join('\n'), line: start });
    } else {
      throw new Error(`line ${start}: unknown record "${line}"`);
    }
  }
  return records;
}

const TYPE_LETTER: Record<string, string> = { bigint: 'I', double: 'R', text: 'T', json: 'T', interval: 'T', boolean: 'B', timestamp: 'D' };

/** Golden-file rendering of one value. */
export function formatSltValue(v: unknown, type: string): string {
  if (v === null || v === undefined) return 'NULL';
  if (type === 'timestamp' && typeof v === 'bigint') {
    const [ms, nanos] = splitNs(v);
    return formatTimestampText(ms, nanos);
  }
  if (typeof v === 'number') {
    if (type === 'bigint') return String(v);
    if (!Number.isFinite(v)) return String(v);
    return String(Number(v.toPrecision(10)));
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = String(v);
  if (s === '') return '(empty)';
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
}

/** The type letters of a result. */
export function resultTypes(r: QueryResult): string {
  return r.columns.map((c) => TYPE_LETTER[c.type] ?? '?').join('');
}

/** Rows of a result rendered as golden lines. */
export function formatResult(r: QueryResult, sort: 'rowsort' | 'nosort'): string[] {
  const out: string[] = [];
  for (const b of r.batches) {
    for (const row of batchToRows(b)) out.push(r.columns.map((c, i) => formatSltValue(row[b.schema.fields[i].name], c.type)).join('\t'));
  }
  return sort === 'rowsort' ? out.sort() : out;
}

/** The context every golden query runs in (fresh tables each time). */
export function goldenContext(): QueryContext {
  return {
    tenant: FIXTURE_TENANT,
    catalog: { tables: fixtureTables() },
    limits: { memoryBytes: 64 * 1024 * 1024, timeoutMs: 10_000, maxResultRows: 1000 },
    nowMs: FIXTURE_NOW_MS,
  };
}

/** Runs one record; returns null when it passes, else a description of the failure. */
export async function checkRecord(rec: SltRecord, ctx: QueryContext): Promise<string | null> {
  if (rec.kind === 'query') {
    let r: QueryResult;
    try {
      r = await runQuery(rec.sql, ctx);
    } catch (err) {
      return `unexpected error: ${(err as Error).message}`;
    }
    const types = resultTypes(r);
    if (types !== rec.types) return `types ${types}, expected ${rec.types}`;
    const got = formatResult(r, rec.sort);
    if (got.join('\n') !== rec.expected.join('\n')) return `rows differ:\n--- expected\n${rec.expected.join('\n')}\n--- got\n${got.join('\n')}`;
    return null;
  }
  try {
    await runQuery(rec.sql, ctx);
    return rec.kind === 'error' ? `expected an error containing "${rec.pattern}", but the statement succeeded` : null;
  } catch (err) {
    if (rec.kind === 'ok') return `unexpected error: ${(err as Error).message}`;
    const text = `${(err as { code?: string }).code ?? ''}: ${(err as Error).message}`;
    return text.includes(rec.pattern) ? null : `error "${text}" does not contain "${rec.pattern}"`;
  }
}

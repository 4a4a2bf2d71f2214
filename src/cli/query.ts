/**
 * `pharlux query "SQL"`: runs SQL against a running server (POST /api/v1/query, token
 * from --token, PHARLUX_TOKEN or an interactive login) or, with --data-dir/--config,
 * directly and read-only on a data directory. Output: an aligned `table` (wide cells
 * truncated, row count and time), or the API's `json`, `csv` or `ndjson` streamed as is.
 */
import { AppError, createLogger, UsageError } from '../common/index.ts';
import { isCompiled, loadConfig, runLocalQuery } from '../server/index.ts';
import type { CliCommand, CliIo } from './command.ts';
import { parseFlags, stringFlag, type ParsedArgs } from './flags.ts';
import { promptLine } from './user.ts';

export type QueryCliFormat = 'table' | 'json' | 'csv' | 'ndjson';
const FORMATS: readonly QueryCliFormat[] = ['table', 'json', 'csv', 'ndjson'];
const ACCEPT: Readonly<Record<QueryCliFormat, string>> = {
  table: 'application/json',
  json: 'application/json',
  csv: 'text/csv',
  ndjson: 'application/x-ndjson',
};
const DEFAULT_URL = 'http://127.0.0.1:3100';
/** Cells wider than this are cut in table output. */
const MAX_CELL_CHARS = 40;

const FLAGS = {
  format: { type: 'string', short: 'f' },
  url: { type: 'string' },
  token: { type: 'string' },
  limit: { type: 'integer' },
  config: { type: 'string', short: 'c' },
  'data-dir': { type: 'string', short: 'd' },
  tenant: { type: 'string' },
} as const;

const HELP = `Usage: pharlux query "SQL" [--format table|json|csv|ndjson] [--limit N]
                     [--url URL] [--token T]        (against a running server)
                     [--data-dir D] [--config F] [--tenant T]   (read-only on a data directory)

Runs SQL and prints the result. Against a server (default ${DEFAULT_URL}, or
PHARLUX_URL) the token comes from --token, PHARLUX_TOKEN, or a login prompt. With
--data-dir (or --config) the data directory is queried directly, read-only, while no
server holds it: Parquet parts plus the write-ahead log replayed in memory, so every
acknowledged row is there. CSV and NDJSON have no "truncated" flag: when a result has
exactly the row limit's number of rows, a note on stderr says it may be cut.

Flags:
  -f, --format F        table (aligned, default), json, csv or ndjson
      --limit N         at most N rows (the server caps this at query.max_result_rows)
      --url URL         server address
      --token T         API token (see POST /api/v1/auth/login)
  -d, --data-dir DIR    query this data directory directly
  -c, --config FILE     configuration (data directory and query limits)
      --tenant T        with --data-dir: whose rows to see (default: default)

Examples:
  pharlux query "SELECT service_name, count(*) FROM spans GROUP BY 1 ORDER BY 2 DESC"
  PHARLUX_TOKEN=... pharlux query "SELECT * FROM logs LIMIT 5" --format ndjson
  pharlux query "SHOW TABLES" --data-dir /var/lib/pharlux
`;

/** The query failed: the server's message, or why it could not be reached. */
export class QueryCliError extends AppError {
  constructor(message: string) {
    super('query_failed', message);
  }
}

interface JsonResult {
  readonly columns: readonly { name: string; type: string }[];
  readonly rows: readonly Record<string, unknown>[];
  readonly row_count: number;
  readonly truncated: boolean;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function fit(text: string): string {
  const oneLine = text.replace(/[\r\n\t]/g, ' ');
  return oneLine.length > MAX_CELL_CHARS ? `${oneLine.slice(0, MAX_CELL_CHARS - 1)}…` : oneLine;
}

/** An aligned text table: numbers right-aligned, wide cells cut, then the row count and time. */
export function formatTable(result: JsonResult, elapsedMs: number): string {
  const names = result.columns.map((c) => fit(c.name));
  const numeric = result.columns.map((c) => c.type === 'bigint' || c.type === 'double');
  const cells = result.rows.map((row) => result.columns.map((c) => fit(cellText(row[c.name]))));
  const widths = names.map((n, i) => Math.max(n.length, ...cells.map((r) => r[i].length)));
  const line = (r: readonly string[]): string => r.map((v, i) => (numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join(' | ').trimEnd();
  let out = '';
  if (names.length > 0) {
    out += line(names) + '\n';
    out += widths.map((w) => '-'.repeat(w)).join('-+-') + '\n';
    for (const r of cells) out += line(r) + '\n';
  }
  const n = result.row_count;
  out += `(${n} row${n === 1 ? '' : 's'}${result.truncated ? `, truncated at ${n}` : ''}, ${elapsedMs < 10 ? elapsedMs.toFixed(1) : Math.round(elapsedMs)} ms)\n`;
  return out;
}

async function errorMessage(res: Response): Promise<string> {
  const text = await res.text();
  try {
    const envelope = JSON.parse(text) as { error?: { message?: string } };
    if (typeof envelope.error?.message === 'string') return envelope.error.message;
  } catch {
    // not our envelope: fall through to the raw text
  }
  return `HTTP ${res.status}: ${text.slice(0, 200)}`;
}

async function post(url: string, path: string, body: unknown, headers: Record<string, string>): Promise<Response> {
  try {
    return await fetch(new URL(path, url), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  } catch (err) {
    throw new QueryCliError(`cannot reach the server at ${url}: ${(err as Error).message} (is pharlux running? use --url, or --data-dir to query a data directory directly)`);
  }
}

/** The token to use: flag, environment, or an interactive login. */
async function resolveToken(parsed: ParsedArgs, io: CliIo, url: string): Promise<string> {
  const given = stringFlag(parsed, 'token') ?? io.env.PHARLUX_TOKEN;
  if (given !== undefined && given !== '') return given;
  if (!process.stdin.isTTY) throw new UsageError('no token: set PHARLUX_TOKEN, pass --token, or run in a terminal to log in');
  const username = await promptLine(io, `Username for ${url}: `, false);
  const password = await promptLine(io, 'Password: ', true);
  const res = await post(url, '/api/v1/auth/login', { username, password }, {});
  if (!res.ok) throw new QueryCliError(`login failed: ${await errorMessage(res)}`);
  return ((await res.json()) as { token: string }).token;
}

async function runAgainstServer(sql: string, format: QueryCliFormat, limit: number | undefined, parsed: ParsedArgs, io: CliIo): Promise<number> {
  const given = stringFlag(parsed, 'url') ?? io.env.PHARLUX_URL ?? DEFAULT_URL;
  // `--url 127.0.0.1:3100` means http:// (the API has no other scheme of its own).
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(given) ? given : `http://${given}`;
  const token = await resolveToken(parsed, io, url);
  const t0 = performance.now();
  const res = await post(url, '/api/v1/query', limit === undefined ? { sql } : { sql, limit }, { authorization: `Bearer ${token}`, accept: ACCEPT[format] });
  if (!res.ok) {
    const message = await errorMessage(res);
    throw new QueryCliError(res.status === 401 ? `${message} (set PHARLUX_TOKEN or pass --token)` : message);
  }
  if (format === 'table') {
    io.stdout(formatTable((await res.json()) as JsonResult, performance.now() - t0));
    return 0;
  }
  const rows = new StreamedRowCounter(format);
  if (res.body !== null) {
    for await (const chunk of res.body) {
      rows.add(chunk);
      io.stdoutBytes(chunk);
    }
  }
  if (format !== 'json') noteIfAtLimit(rows.count, Number(res.headers.get('x-pharlux-row-limit')), io);
  return 0;
}

/**
 * Counts the rows of a CSV (after its header line) or NDJSON stream as it passes: those
 * formats carry no "truncated" flag, so the CLI says on stderr when a result has exactly
 * the row limit's number of rows.
 */
class StreamedRowCounter {
  count = 0;
  private inQuotes = false;
  private headerSeen: boolean;

  constructor(private readonly format: QueryCliFormat) {
    this.headerSeen = format !== 'csv';
  }

  add(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === 0x22 && this.format === 'csv') this.inQuotes = !this.inQuotes;
      else if (b === 0x0a && !this.inQuotes) {
        if (this.headerSeen) this.count++;
        else this.headerSeen = true;
      }
    }
  }
}

function noteIfAtLimit(rows: number, limit: number, io: CliIo): void {
  if (Number.isFinite(limit) && limit > 0 && rows === limit) {
    io.stderr(`note: ${rows} rows, the row limit: the result may be truncated (--format table or json says for sure; --limit raises it up to query.max_result_rows)\n`);
  }
}

export const queryCommand: CliCommand = {
  name: 'query',
  summary: 'run SQL against a server or, read-only, on a data directory',
  help: HELP,
  async run(args, io) {
    const parsed = parseFlags(args, FLAGS);
    if (parsed.positionals.length !== 1) throw new UsageError('give exactly one SQL statement, quoted (see pharlux query --help)');
    const sql = parsed.positionals[0];
    const format = (stringFlag(parsed, 'format') ?? 'table') as QueryCliFormat;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    const limit = typeof parsed.flags.limit === 'number' ? parsed.flags.limit : undefined;
    if (limit !== undefined && limit < 0) throw new UsageError('--limit must not be negative');
    const local = stringFlag(parsed, 'data-dir') !== undefined || stringFlag(parsed, 'config') !== undefined;
    if (local && (stringFlag(parsed, 'url') !== undefined || stringFlag(parsed, 'token') !== undefined)) {
      throw new UsageError('--data-dir/--config query a data directory; --url/--token query a server: choose one');
    }
    if (!local && stringFlag(parsed, 'tenant') !== undefined) throw new UsageError('--tenant goes with --data-dir; against a server the token decides the tenant');
    if (!local) return await runAgainstServer(sql, format, limit, parsed, io);
    const config = loadConfig({ configPath: stringFlag(parsed, 'config'), dataDir: stringFlag(parsed, 'data-dir'), env: io.env, fromSource: !isCompiled() });
    const logger = createLogger({ level: 'warn', format: 'text', sink: (line) => io.stderr(line + '\n') });
    const t0 = performance.now();
    let text = '';
    const tenant = stringFlag(parsed, 'tenant');
    const rows = new StreamedRowCounter(format);
    await runLocalQuery(config, logger, sql, { format: format === 'table' ? 'json' : format, limit, tenant }, (chunk) => {
      if (format === 'table') text += chunk;
      else {
        rows.add(new TextEncoder().encode(chunk));
        io.stdout(chunk);
      }
    });
    if (format === 'table') io.stdout(formatTable(JSON.parse(text) as JsonResult, performance.now() - t0));
    else if (format !== 'json') noteIfAtLimit(rows.count, Math.min(limit ?? Infinity, config.query.maxResultRows), io);
    return 0;
  },
};

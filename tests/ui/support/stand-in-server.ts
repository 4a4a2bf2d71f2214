/**
 * A stand-in for the Pharlux server, used by the UI tests only while the real HTTP API
 * (src/server/http) does not yet answer login, query and schema. It serves the real UI
 * bundle (the same `import index from 'src/web/index.html'` the server is told to use)
 * and implements SPEC §8 closely enough for the UI: login/logout with a session cookie,
 * query (DuckDB in memory, results shaped like SPEC §8 with RFC 3339 ns timestamps),
 * schema, and in-memory CRUD; plus OTLP/HTTP JSON ingest on its own port.
 * It is test scaffolding, not a second implementation of Pharlux.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import index from '../../../src/web/index.html';
import { logRows, metricRows, spanRows, type Row } from './otlp-rows.ts';

const SCHEMA: Record<string, [string, string][]> = {
  metrics: [['tenant_id', 'VARCHAR'], ['timestamp', 'TIMESTAMP_NS'], ['start_timestamp', 'TIMESTAMP_NS'], ['name', 'VARCHAR'], ['type', 'VARCHAR'], ['unit', 'VARCHAR'], ['temporality', 'VARCHAR'], ['is_monotonic', 'BOOLEAN'], ['value', 'DOUBLE'], ['count', 'BIGINT'], ['sum', 'DOUBLE'], ['min', 'DOUBLE'], ['max', 'DOUBLE'], ['buckets', 'JSON'], ['flags', 'BIGINT'], ['service_name', 'VARCHAR'], ['attributes', 'JSON'], ['resource', 'JSON'], ['scope_name', 'VARCHAR'], ['scope_version', 'VARCHAR']],
  logs: [['tenant_id', 'VARCHAR'], ['timestamp', 'TIMESTAMP_NS'], ['observed_timestamp', 'TIMESTAMP_NS'], ['severity_number', 'BIGINT'], ['severity_text', 'VARCHAR'], ['body', 'VARCHAR'], ['event_name', 'VARCHAR'], ['trace_id', 'VARCHAR'], ['span_id', 'VARCHAR'], ['flags', 'BIGINT'], ['service_name', 'VARCHAR'], ['attributes', 'JSON'], ['resource', 'JSON'], ['scope_name', 'VARCHAR'], ['scope_version', 'VARCHAR']],
  spans: [['tenant_id', 'VARCHAR'], ['timestamp', 'TIMESTAMP_NS'], ['end_timestamp', 'TIMESTAMP_NS'], ['duration_ns', 'BIGINT'], ['trace_id', 'VARCHAR'], ['span_id', 'VARCHAR'], ['parent_span_id', 'VARCHAR'], ['trace_state', 'VARCHAR'], ['name', 'VARCHAR'], ['kind', 'VARCHAR'], ['status_code', 'VARCHAR'], ['status_message', 'VARCHAR'], ['service_name', 'VARCHAR'], ['attributes', 'JSON'], ['resource', 'JSON'], ['scope_name', 'VARCHAR'], ['scope_version', 'VARCHAR'], ['events', 'JSON'], ['links', 'JSON'], ['flags', 'BIGINT']],
};
const LOGICAL: Record<string, string> = { VARCHAR: 'string', TIMESTAMP_NS: 'timestamp', TIMESTAMP: 'timestamp', BIGINT: 'int64', INTEGER: 'int64', HUGEINT: 'int64', DOUBLE: 'float64', FLOAT: 'float64', BOOLEAN: 'boolean', JSON: 'json' };

/** The Content-Security-Policy the UI must work under (documented in src/web/README.md). */
export const UI_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export interface StandInServer {
  readonly baseUrl: string;
  readonly otlpUrl: string;
  stop(): Promise<void>;
}

interface Session {
  username: string;
  role: 'admin' | 'reader';
}

function sqlLiteral(v: Row[string], type: string): string {
  if (v === null || v === undefined) return 'NULL';
  if (type === 'TIMESTAMP_NS') return `make_timestamp_ns(${String(v)})`;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return `'${String(v).replaceAll("'", "''")}'`;
}

/** `YYYY-MM-DD HH:MM:SS[.fff…]` (DuckDB, UTC) → RFC 3339 with 9 fractional digits. */
function rfc3339(v: string): string {
  const [date, time = '00:00:00'] = v.split(' ');
  const [hms, frac = ''] = time.split('.');
  return `${date}T${hms}.${frac.padEnd(9, '0').slice(0, 9)}Z`;
}

/** DuckDB's "LINE 1: …\n      ^" caret → SPEC §7's "at line L, column C". */
function positionedMessage(message: string, sql: string): string {
  const m = /LINE (\d+): (.*)\n(\s*)\^/.exec(message);
  const first = message.split('\n')[0].replace(/^[A-Za-z ]+Error: /, '');
  if (!m) return first;
  const shown = m[2];
  const caret = m[3].length - `LINE ${m[1]}: `.length;
  let column = caret + 1;
  if (shown.startsWith('...')) {
    const line = sql.split('\n')[Number(m[1]) - 1] ?? '';
    const idx = line.indexOf(shown.slice(3, 30));
    if (idx >= 0) column = idx + caret - 3 + 1;
  }
  return `${first} at line ${m[1]}, column ${column}`;
}

/** Starts the stand-in on random loopback ports. */
export async function startStandInServer(): Promise<StandInServer> {
  const db = await DuckDBInstance.create(':memory:');
  const conn: DuckDBConnection = await db.connect();
  for (const [table, cols] of Object.entries(SCHEMA)) await conn.run(`CREATE TABLE ${table} (${cols.map(([n, t]) => `"${n}" ${t}`).join(', ')})`);
  await conn.run('CREATE VIEW traces AS SELECT * FROM spans');
  await conn.run('CREATE MACRO date_bin(i, t, o) AS time_bucket(i, t::TIMESTAMP, o::TIMESTAMP)');

  const users = new Map<string, { password: string; role: 'admin' | 'reader'; id: number }>([
    ['admin', { password: 'admin-password', role: 'admin', id: 1 }],
    ['reader', { password: 'reader-password', role: 'reader', id: 2 }],
  ]);
  const sessions = new Map<string, Session>();
  const collections: Record<string, Map<string, Record<string, unknown>>> = { dashboards: new Map(), 'saved-queries': new Map(), 'api-keys': new Map(), alerts: new Map() };
  let nextId = 1;

  const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response => Response.json(body, { status, headers });
  const fail = (status: number, code: string, message: string): Response => json({ error: { code, message } }, status);
  const auth = (req: Request): Session | null => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.get('authorization') ?? '')?.[1];
    const cookie = /(?:^|;\s*)pharlux_session=([^;]+)/.exec(req.headers.get('cookie') ?? '')?.[1];
    return sessions.get(bearer ?? '') ?? sessions.get(cookie ?? '') ?? null;
  };
  const insert = async (table: string, rows: Row[]): Promise<void> => {
    const cols = SCHEMA[table];
    for (let i = 0; i < rows.length; i += 500) {
      const values = rows.slice(i, i + 500).map((r) => `(${cols.map(([n, t]) => (n === 'tenant_id' ? "'default'" : sqlLiteral(r[n], t))).join(', ')})`);
      await conn.run(`INSERT INTO ${table} VALUES ${values.join(', ')}`);
    }
  };
  const runQuery = async (sql: string): Promise<Response> => {
    if (/^\s*(insert|update|delete|create|drop|alter|copy|attach|install|load|pragma|set)\b/i.test(sql)) return fail(400, 'sql_read_only', 'only SELECT queries are allowed at line 1, column 1');
    const t0 = performance.now();
    try {
      const r = await conn.runAndReadAll(sql);
      const names = r.columnNames();
      const types = r.columnTypes().map(String);
      const rows = r.getRowObjectsJson().map((row) => {
        const out: Record<string, unknown> = {};
        names.forEach((n, i) => {
          const v = row[n];
          const t = types[i];
          out[n] = v === null ? null : t.startsWith('TIMESTAMP') ? rfc3339(String(v)) : /INT|DOUBLE|FLOAT|DECIMAL/.test(t) ? Number(v) : v;
        });
        return out;
      });
      return json({ columns: names.map((n, i) => ({ name: n, type: LOGICAL[types[i]] ?? types[i].toLowerCase() })), rows, row_count: rows.length, truncated: false, elapsed_ms: performance.now() - t0 });
    } catch (err) {
      return fail(400, 'sql_error', positionedMessage(err instanceof Error ? err.message : String(err), sql));
    }
  };

  const api = async (req: Request, url: URL): Promise<Response> => {
    const path = url.pathname;
    if (path === '/api/v1/health') return json({ status: 'ok', version: 'stand-in', uptime_seconds: 1 });
    if (path === '/api/v1/auth/login' && req.method === 'POST') {
      const { username, password } = (await req.json()) as { username: string; password: string };
      const u = users.get(username);
      if (!u || u.password !== password) return fail(401, 'unauthenticated', 'invalid username or password');
      const token = crypto.randomUUID();
      sessions.set(token, { username, role: u.role });
      return json({ token, expires_at: new Date(Date.now() + 3600e3).toISOString(), user: { id: u.id, username, role: u.role, tenant: 'default' } }, 200, { 'set-cookie': `pharlux_session=${token}; HttpOnly; SameSite=Strict; Path=/` });
    }
    const session = auth(req);
    if (!session) return fail(401, 'unauthenticated', 'sign in first');
    if (path === '/api/v1/auth/logout') {
      for (const [k, v] of sessions) if (v === session) sessions.delete(k);
      return new Response(null, { status: 204, headers: { 'set-cookie': 'pharlux_session=; Max-Age=0; Path=/' } });
    }
    if (path === '/api/v1/auth/me') {
      const u = users.get(session.username);
      return json({ user: { id: u?.id, username: session.username, role: session.role, tenant: 'default' }, expires_at: new Date(Date.now() + 3600e3).toISOString() });
    }
    if (path === '/api/v1/query' && req.method === 'POST') return runQuery(((await req.json()) as { sql: string }).sql);
    if (path === '/api/v1/schema') {
      const tables = Object.entries(SCHEMA).map(([name, cols]) => ({ name, columns: cols.map(([n, t]) => ({ name: n, type: LOGICAL[t] })) }));
      return json({ tables: [...tables, { name: 'traces', kind: 'view', columns: tables[2].columns }] });
    }
    const m = /^\/api\/v1\/(?:admin\/)?(dashboards|saved-queries|api-keys|alerts|users)(?:\/(import|[^/]+))?(?:\/(export))?$/.exec(path);
    if (!m) return fail(404, 'not_found', `no route ${path}`);
    const [, kind, id, sub] = m;
    const write = req.method !== 'GET' && kind !== 'saved-queries';
    if (write && session.role !== 'admin') return fail(403, 'forbidden', 'admins only');
    if (kind === 'users') {
      if (req.method === 'GET') return json([...users.entries()].map(([username, u]) => ({ id: u.id, username, role: u.role })));
      if (req.method === 'POST') {
        const b = (await req.json()) as { username: string; password: string; role: 'admin' | 'reader' };
        users.set(b.username, { password: b.password, role: b.role, id: nextId++ + 100 });
        return json({ username: b.username, role: b.role }, 201);
      }
      return fail(405, 'method_not_allowed', 'not supported by the stand-in');
    }
    const coll = collections[kind];
    if (id === 'import' && req.method === 'POST') return create(coll, (await req.json()) as Record<string, unknown>);
    if (!id) {
      if (req.method === 'GET') return json([...coll.values()].map((v) => (kind === 'api-keys' ? { ...v, key: undefined } : v)));
      if (req.method === 'POST') {
        const body = (await req.json()) as Record<string, unknown>;
        if (kind === 'api-keys') body.key = `phx_${crypto.randomUUID().replaceAll('-', '')}`;
        return create(coll, body);
      }
    }
    const item = coll.get(id);
    if (!item) return fail(404, 'not_found', `${kind} ${id} not found`);
    if (sub === 'export') return json({ name: item.name, description: item.description, layout_json: item.layout_json });
    if (req.method === 'GET') return json(item);
    if (req.method === 'DELETE') {
      coll.delete(id);
      return new Response(null, { status: 204 });
    }
    if (req.method === 'PUT') {
      const next: Record<string, unknown> = { ...((await req.json()) as Record<string, unknown>), id: item.id, updated_at: new Date().toISOString() };
      if (typeof next.layout_json === 'string') next.layout_json = JSON.parse(next.layout_json);
      coll.set(id, next);
      return json(next);
    }
    return fail(405, 'method_not_allowed', req.method);
  };
  const create = (coll: Map<string, Record<string, unknown>>, body: Record<string, unknown>): Response => {
    if ([...coll.values()].some((v) => v.name === body.name)) return fail(409, 'conflict', `name "${String(body.name)}" already exists`);
    const id = String(nextId++);
    const item: Record<string, unknown> = { ...body, id, updated_at: new Date().toISOString() };
    if (typeof item.layout_json === 'string') item.layout_json = JSON.parse(item.layout_json);
    coll.set(id, item);
    return json(item, 201);
  };

  // The UI bundle is served by an inner server exactly as the real server is told to
  // (HTML import, development: false); the outer one adds the CSP the real server will
  // send, so a CSP violation shows up as a console error in the browser tests.
  const assets = Bun.serve({ hostname: '127.0.0.1', port: 0, development: false, routes: { '/*': index } });
  const http = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    routes: { '/api/*': (req) => api(req, new URL(req.url)) },
    fetch: async (req) => {
      const url = new URL(req.url);
      const inner = await fetch(`http://127.0.0.1:${assets.port}${url.pathname}${url.search}`);
      const headers = new Headers(inner.headers);
      headers.set('content-security-policy', process.env.PHARLUX_UI_TEST_CSP ?? UI_CSP);
      return new Response(inner.body, { status: inner.status, headers });
    },
  });
  const otlp = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    fetch: async (req) => {
      const url = new URL(req.url);
      const body = (await req.json()) as Record<string, unknown>;
      if (url.pathname === '/v1/logs') await insert('logs', logRows(body));
      else if (url.pathname === '/v1/traces') await insert('spans', spanRows(body));
      else if (url.pathname === '/v1/metrics') await insert('metrics', metricRows(body));
      else return new Response('not found', { status: 404 });
      return json({});
    },
  });
  return {
    baseUrl: `http://127.0.0.1:${http.port}`,
    otlpUrl: `http://127.0.0.1:${otlp.port}`,
    async stop() {
      await http.stop(true);
      await assets.stop(true);
      await otlp.stop(true);
      conn.closeSync();
    },
  };
}

/**
 * The server the UI tests talk to. `PHARLUX_UI_BACKEND=real` runs the real server
 * (`bun main.ts serve`, or `PHARLUX_UI_BINARY`, random ports, temp data dir); `stand-in` runs
 * stand-in-server.ts; `auto` (default) uses the real server when it answers
 * login, query and schema and serves the UI, else the stand-in, and says which on stderr.
 */
import { startServerProcess } from '../../support/server-process.ts';
import { startStandInServer } from './stand-in-server.ts';

export interface UiBackend {
  readonly kind: 'real' | 'stand-in';
  readonly baseUrl: string;
  readonly otlpUrl: string;
  readonly adminUser: string;
  readonly adminPassword: string;
  stop(): Promise<void>;
}

const ADMIN_PASSWORD = 'ui-test-admin-password';

async function startReal(): Promise<UiBackend> {
  // PHARLUX_UI_BINARY=dist/pharlux runs the flows against the compiled binary (embedded UI).
  const binary = process.env.PHARLUX_UI_BINARY;
  const server = await startServerProcess({ env: { PHARLUX_ADMIN_PASSWORD: ADMIN_PASSWORD, PHARLUX_STORAGE_WAL_SYNC: 'none' }, ...(binary ? { binary } : {}) });
  return {
    kind: 'real',
    baseUrl: server.baseUrl,
    otlpUrl: `http://127.0.0.1:${server.otlpHttpPort}`,
    adminUser: 'admin',
    adminPassword: ADMIN_PASSWORD,
    stop: async () => {
      await server.stop();
    },
  };
}

/** Whether the real server has the API the UI needs: login, query and schema all answer 200. */
async function realApiReady(b: UiBackend): Promise<boolean> {
  const login = await fetch(`${b.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: b.adminUser, password: b.adminPassword }) });
  if (login.status !== 200) return false;
  const token = ((await login.json()) as { token?: string }).token;
  if (!token) return false;
  const auth = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const query = await fetch(`${b.baseUrl}/api/v1/query`, { method: 'POST', headers: auth, body: JSON.stringify({ sql: 'SELECT count(*) AS n FROM logs' }) });
  const schema = await fetch(`${b.baseUrl}/api/v1/schema`, { headers: auth });
  const ui = await fetch(`${b.baseUrl}/explore`);
  const servesUi = ui.status === 200 && (await ui.text()).includes('id="app"');
  return query.status === 200 && schema.status === 200 && servesUi && b.otlpUrl !== 'http://127.0.0.1:0';
}

/** Starts the backend chosen by `PHARLUX_UI_BACKEND`. */
export async function startUiBackend(): Promise<UiBackend> {
  const mode = process.env.PHARLUX_UI_BACKEND ?? 'auto';
  if (mode === 'stand-in') return standIn();
  let real: UiBackend | null = null;
  try {
    real = await startReal();
    if (mode === 'real' || (await realApiReady(real))) {
      process.stderr.write(`ui tests: using the real server (${real.baseUrl})\n`);
      return real;
    }
  } catch (err) {
    if (mode === 'real') {
      await real?.stop();
      throw err;
    }
  }
  await real?.stop();
  process.stderr.write('ui tests: the real server does not yet answer login, query and schema and serve the UI; using tests/ui/support/stand-in-server.ts\n');
  return standIn();
}

async function standIn(): Promise<UiBackend> {
  const s = await startStandInServer();
  return { kind: 'stand-in', baseUrl: s.baseUrl, otlpUrl: s.otlpUrl, adminUser: 'admin', adminPassword: 'admin-password', stop: () => s.stop() };
}

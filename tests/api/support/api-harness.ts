/**
 * An in-process API server for tests: the real route table and HTTP server over an
 * in-memory metadata database, a fast test password hasher, a manual clock and a fake
 * SQL engine. `startApiHarness()` listens on 127.0.0.1 with a random port.
 */
import type { PasswordHasher } from '../../../src/auth/index.ts';
import { createTestPasswordHasher } from '../../../src/auth/test-hasher.ts';
import { ManualClock, silentLogger } from '../../../src/common/index.ts';
import { createMetaStores, openMetaDb, type Role } from '../../../src/meta/index.ts';
import { buildApiServices, MAX_JSON_BODY_BYTES, type ApiServices, type ApiSettings } from '../../../src/server/api-services.ts';
import { startHttpServer } from '../../../src/server/http/http-server.ts';
import { ROUTES } from '../../../src/server/http/routes.ts';
import { MetricRegistry } from '../../../src/server/metrics/index.ts';
import type { QueryService } from '../../../src/server/query-service.ts';
import { FakeQueryService } from './fake-query-service.ts';

export const TEST_JWT_SECRET = new Uint8Array(32).fill(42);

export interface ApiHarness {
  readonly baseUrl: string;
  readonly services: ApiServices;
  readonly clock: ManualClock;
  readonly query: FakeQueryService;
  /** Creates a user directly in the store. */
  createUser(tenant: string, username: string, role: Role, password?: string): Promise<{ id: string; password: string }>;
  /** Logs in over HTTP and returns the bearer token. */
  login(username: string, password: string): Promise<string>;
  /** fetch relative to the base URL with an optional bearer token and JSON body. */
  call(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  stop(): Promise<void>;
}

export interface ApiHarnessOptions {
  readonly settings?: Partial<ApiSettings>;
  readonly query?: QueryService | null;
  /** Default: a fast test hasher; benchmarks pass argon2id. */
  readonly hasher?: PasswordHasher;
}

export async function startApiHarness(options: ApiHarnessOptions = {}): Promise<ApiHarness> {
  const clock = new ManualClock(Date.now());
  const db = openMetaDb(':memory:');
  const stores = createMetaStores(db, clock);
  const hasher = options.hasher ?? createTestPasswordHasher();
  const fake = new FakeQueryService();
  const services = buildApiServices({
    stores,
    hasher,
    jwtSecret: TEST_JWT_SECRET,
    clock,
    metrics: new MetricRegistry(),
    query: options.query === undefined ? fake : options.query,
    settings: { corsAllowedOrigins: [], maxResultRows: 100_000, queryTimeoutMs: 30_000, tokenTtlSeconds: 3600, maxJsonBodyBytes: MAX_JSON_BODY_BYTES, ...options.settings },
    logger: silentLogger(),
  });
  const server = startHttpServer({
    hostname: '127.0.0.1',
    port: 0,
    routes: ROUTES,
    services: { buildInfo: { version: '0.0.0-test', gitSha: 'test', compiled: false }, startedAtMs: Date.now(), logger: silentLogger(), api: services },
    logger: silentLogger(),
  });
  const baseUrl = `http://127.0.0.1:${server.port}`;
  const call: ApiHarness['call'] = (method, path, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token !== undefined) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined;
    if (o.body !== undefined) {
      body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    return fetch(baseUrl + path, { method, headers, body });
  };
  return {
    baseUrl,
    services,
    clock,
    query: fake,
    async createUser(tenant, username, role, password = `${username}-password`) {
      const user = stores.users.create({ tenant, username, role, passwordHash: await hasher.hash(password) });
      return { id: user.id, password };
    },
    async login(username, password) {
      const res = await call('POST', '/api/v1/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    call,
    async stop() {
      await server.stop();
      db.close();
    },
  };
}

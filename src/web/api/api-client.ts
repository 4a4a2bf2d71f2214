/**
 * The UI's only HTTP code: one typed method per endpoint of SPEC §8. Authentication is
 * only the HttpOnly session cookie set by login, sent by same-origin fetches; the token in
 * the login answer is ignored and nothing token-like is kept where script could read it
 * (web storage, a header), so an XSS cannot lift the session (review finding 16). Logout
 * asks the server to revoke the token and clear the cookie. Every non-2xx answer becomes
 * an ApiRequestError carrying the envelope's code and message.
 */
import { ApiRequestError } from './api-error.ts';
import type {
  AlertRecord,
  ApiKeyRecord,
  DashboardRecord,
  Health,
  IngestInfo,
  LoginResponse,
  QueryResult,
  Role,
  SavedQuery,
  SchemaTable,
  User,
} from './types.ts';

/** The subset of `fetch` the client uses (tests pass a fake). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Origin + path prefix; '' means same origin. */
  readonly baseUrl?: string;
  readonly fetch?: FetchLike;
  /** Called once per 401 so the app can return to the login screen. */
  readonly onUnauthorized?: () => void;
}

/** Typed client for `/api/v1/*`. */
export class ApiClient {
  private readonly baseUrl: string;
  private readonly doFetch: FetchLike;
  onUnauthorized: (() => void) | undefined;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.doFetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.onUnauthorized = options.onUnauthorized;
  }

  /** Full URL of an API path, for display (curl). */
  url(path: string): string {
    const origin = this.baseUrl || (typeof location === 'undefined' ? '' : location.origin);
    return origin + path;
  }

  /** Signs in; the server's answer sets the HttpOnly session cookie (the token in the body is not kept). */
  login(username: string, password: string): Promise<LoginResponse> {
    return this.request<LoginResponse>('POST', '/api/v1/auth/login', { username, password }, false);
  }

  /** Signs out: the server revokes the session token and clears the cookie. */
  async logout(): Promise<void> {
    await this.request<unknown>('POST', '/api/v1/auth/logout', {}, false);
  }

  /** The signed-in user of the session cookie, or null when there is none (401). */
  async me(): Promise<User | null> {
    try {
      const res = await this.request<{ user: User }>('GET', '/api/v1/auth/me', undefined, false);
      return res.user;
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 401) return null;
      throw err;
    }
  }

  /** The server's OTLP ports and API key requirement (from `/auth/me`); null when the server does not say. */
  async ingestInfo(): Promise<IngestInfo | null> {
    const res = await this.request<{ server?: IngestInfo }>('GET', '/api/v1/auth/me');
    return res.server ?? null;
  }

  /**
   * Changes the signed-in user's own password. Every other session of the user ends; the
   * answer's cookie replaces this one, so the UI stays signed in. A wrong current password
   * is a 403, never a 401, so it does not send the app back to the login screen.
   */
  changePassword(currentPassword: string, newPassword: string): Promise<LoginResponse> {
    return this.request('POST', '/api/v1/auth/password', { current_password: currentPassword, new_password: newPassword });
  }

  health(): Promise<Health> {
    return this.request('GET', '/api/v1/health');
  }

  /** Runs SQL; `signal` lets a screen cancel a superseded query. */
  query(sql: string, options: { limit?: number; signal?: AbortSignal } = {}): Promise<QueryResult> {
    const body: { sql: string; limit?: number } = { sql };
    if (options.limit !== undefined) body.limit = options.limit;
    return this.request('POST', '/api/v1/query', body, true, options.signal);
  }

  async schema(): Promise<SchemaTable[]> {
    const raw = await this.request<unknown>('GET', '/api/v1/schema');
    return normalizeSchema(raw);
  }

  listSavedQueries(): Promise<SavedQuery[]> {
    return this.list<SavedQuery>('/api/v1/saved-queries');
  }
  createSavedQuery(q: { name: string; sql: string; description?: string }): Promise<SavedQuery> {
    return this.request('POST', '/api/v1/saved-queries', q);
  }
  updateSavedQuery(id: SavedQuery['id'], q: { name: string; sql: string; description?: string }): Promise<SavedQuery> {
    return this.request('PUT', `/api/v1/saved-queries/${encodeURIComponent(String(id))}`, q);
  }
  deleteSavedQuery(id: SavedQuery['id']): Promise<void> {
    return this.request('DELETE', `/api/v1/saved-queries/${encodeURIComponent(String(id))}`);
  }

  listDashboards(): Promise<DashboardRecord[]> {
    return this.list<DashboardRecord>('/api/v1/dashboards');
  }
  getDashboard(id: DashboardRecord['id']): Promise<DashboardRecord> {
    return this.request('GET', `/api/v1/dashboards/${encodeURIComponent(String(id))}`);
  }
  createDashboard(d: { name: string; description: string; layout_json: unknown }): Promise<DashboardRecord> {
    return this.request('POST', '/api/v1/dashboards', d);
  }
  updateDashboard(id: DashboardRecord['id'], d: { name: string; description: string; layout_json: unknown }): Promise<DashboardRecord> {
    return this.request('PUT', `/api/v1/dashboards/${encodeURIComponent(String(id))}`, d);
  }
  deleteDashboard(id: DashboardRecord['id']): Promise<void> {
    return this.request('DELETE', `/api/v1/dashboards/${encodeURIComponent(String(id))}`);
  }
  exportDashboard(id: DashboardRecord['id']): Promise<unknown> {
    return this.request('GET', `/api/v1/dashboards/${encodeURIComponent(String(id))}/export`);
  }
  importDashboard(doc: unknown): Promise<DashboardRecord> {
    return this.request('POST', '/api/v1/dashboards/import', doc);
  }

  listAlerts(): Promise<AlertRecord[]> {
    return this.list<AlertRecord>('/api/v1/alerts');
  }

  listUsers(): Promise<User[]> {
    return this.list<User>('/api/v1/admin/users');
  }
  createUser(u: { username: string; password: string; role: Role }): Promise<User> {
    return this.request('POST', '/api/v1/admin/users', u);
  }
  /** Sets a user's password (admin; the existing PUT with `password`): their sessions end. */
  resetUserPassword(user: User, password: string): Promise<User> {
    return this.request('PUT', `/api/v1/admin/users/${encodeURIComponent(String(user.id ?? user.username))}`, { username: user.username, role: user.role, password });
  }
  deleteUser(id: string | number): Promise<void> {
    return this.request('DELETE', `/api/v1/admin/users/${encodeURIComponent(String(id))}`);
  }

  listApiKeys(): Promise<ApiKeyRecord[]> {
    return this.list<ApiKeyRecord>('/api/v1/admin/api-keys');
  }
  createApiKey(name: string): Promise<ApiKeyRecord> {
    return this.request('POST', '/api/v1/admin/api-keys', { name });
  }
  deleteApiKey(id: ApiKeyRecord['id']): Promise<void> {
    return this.request('DELETE', `/api/v1/admin/api-keys/${encodeURIComponent(String(id))}`);
  }

  /** List endpoints may answer a bare array or an object wrapping one; accept both. */
  private async list<T>(path: string): Promise<T[]> {
    const raw = await this.request<unknown>('GET', path);
    return unwrapList<T>(raw);
  }

  private async request<T>(method: string, path: string, body?: unknown, handle401 = true, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await this.doFetch(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        // The session cookie is the only credential.
        credentials: 'same-origin',
        signal,
      });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiRequestError('network', `cannot reach the server: ${err instanceof Error ? err.message : String(err)}`, 0);
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    let parsed: unknown = undefined;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        if (res.ok) throw new ApiRequestError('bad_response', `${method} ${path}: the server answered something that is not JSON`, res.status);
      }
    }
    if (!res.ok) {
      if (res.status === 401 && handle401) this.onUnauthorized?.();
      throw errorFromEnvelope(parsed, res.status, text);
    }
    return parsed as T;
  }
}

function errorFromEnvelope(parsed: unknown, status: number, text: string): ApiRequestError {
  if (parsed && typeof parsed === 'object' && 'error' in parsed) {
    const e = (parsed as { error: unknown }).error;
    if (e && typeof e === 'object') {
      const { code, message } = e as { code?: unknown; message?: unknown };
      return new ApiRequestError(typeof code === 'string' ? code : `http_${status}`, typeof message === 'string' ? message : text, status);
    }
    if (typeof e === 'string') return new ApiRequestError(`http_${status}`, e, status);
  }
  return new ApiRequestError(`http_${status}`, text.trim() || `HTTP ${status}`, status);
}

/** Accepts `[...]` or `{items|data|<anything>: [...]}`. */
export function unwrapList<T>(raw: unknown): T[] {
  if (Array.isArray(raw)) return raw as T[];
  if (raw && typeof raw === 'object') {
    for (const v of Object.values(raw)) if (Array.isArray(v)) return v as T[];
  }
  return [];
}

/** Accepts `{tables: [{name, columns}]}`, a bare array, or `{tables: {name: columns}}`. */
export function normalizeSchema(raw: unknown): SchemaTable[] {
  const tables = raw && typeof raw === 'object' && !Array.isArray(raw) && 'tables' in raw ? (raw as { tables: unknown }).tables : raw;
  if (Array.isArray(tables)) {
    return tables.filter((t): t is SchemaTable => !!t && typeof t === 'object' && typeof (t as SchemaTable).name === 'string').map((t) => ({
      ...t,
      columns: Array.isArray(t.columns) ? t.columns : [],
    }));
  }
  if (tables && typeof tables === 'object') {
    return Object.entries(tables).map(([name, cols]) => ({ name, columns: Array.isArray(cols) ? (cols as SchemaTable['columns']) : [] }));
  }
  return [];
}

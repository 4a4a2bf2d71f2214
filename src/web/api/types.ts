/**
 * The shapes of the HTTP API (SPEC §8) as the UI consumes them. Defined here rather than
 * imported from src/server so the UI bundle depends on nothing outside src/web.
 */

/** A role of SPEC §8: admins manage everything in their tenant, readers only look. */
export type Role = 'admin' | 'reader';

/** The user object returned by login and the admin users API. */
export interface User {
  readonly id?: string | number;
  readonly username: string;
  readonly role: Role;
  readonly tenant?: string;
  readonly created_at?: string;
}

/** `server` of `GET /api/v1/auth/me`: where and how to send OTLP to this server. */
export interface IngestInfo {
  readonly otlp_http_port: number;
  readonly otlp_grpc_port: number;
  /** `ingest.require_api_key`: when false, OTLP data without a key goes to tenant `default`. */
  readonly require_api_key: boolean;
}

/** `POST /api/v1/auth/login` response. */
export interface LoginResponse {
  readonly token: string;
  readonly expires_at: string;
  readonly user: User;
}

/** One result column of `POST /api/v1/query`. */
export interface QueryColumn {
  readonly name: string;
  readonly type: string;
}

/** A JSON cell value: timestamps arrive as RFC 3339 strings with nanoseconds. */
export type Cell = string | number | boolean | null;

/** A row keyed by column name. */
export type Row = Record<string, Cell>;

/** `POST /api/v1/query` response. */
export interface QueryResult {
  readonly columns: readonly QueryColumn[];
  readonly rows: readonly Row[];
  readonly row_count: number;
  readonly truncated: boolean;
  readonly elapsed_ms: number;
}

/** One column of `GET /api/v1/schema`. */
export interface SchemaColumn {
  readonly name: string;
  readonly type: string;
  readonly nullable?: boolean;
  readonly description?: string;
}

/** One table (or view) of `GET /api/v1/schema`. */
export interface SchemaTable {
  readonly name: string;
  readonly columns: readonly SchemaColumn[];
  readonly kind?: string;
}

/** A saved query (`/api/v1/saved-queries`). */
export interface SavedQuery {
  readonly id: string | number;
  readonly name: string;
  readonly sql: string;
  readonly description?: string | null;
}

/** A stored dashboard; `layout_json` is the dashboard document (dashboards/model.ts). */
export interface DashboardRecord {
  readonly id: string | number;
  readonly name: string;
  readonly description?: string | null;
  readonly layout_json: unknown;
  readonly updated_at?: string;
}

/** An alert rule with its evaluation state (`/api/v1/alerts`). */
export interface AlertRecord {
  readonly id: string | number;
  readonly name: string;
  readonly state?: string;
  readonly query?: string;
  readonly sql?: string;
  readonly condition?: string;
  readonly last_evaluated_at?: string | null;
  readonly [key: string]: unknown;
}

/** An API key as listed; `key` is present only in the create response (shown once). */
export interface ApiKeyRecord {
  readonly id: string | number;
  readonly name: string;
  readonly key?: string;
  readonly prefix?: string;
  readonly created_at?: string;
  readonly tenant?: string;
}

/** `GET /api/v1/health`. */
export interface Health {
  readonly status: string;
  readonly version: string;
  readonly uptime_seconds: number;
}

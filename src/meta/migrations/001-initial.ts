/**
 * Migration 1: users, API keys, saved queries, dashboards, alert rules and revoked
 * session tokens. Times are RFC 3339 strings (UTC, milliseconds); ids are random UUIDs so
 * they reveal nothing about other tenants' objects.
 */
import type { Migration } from './index.ts';

export const migration001Initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  tenant TEXT NOT NULL,
  -- Login names are global because login carries no tenant.
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'reader')),
  -- Tokens issued (iat, seconds) before this are rejected: set on password reset.
  sessions_valid_after_s INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX users_tenant ON users (tenant);

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  tenant TEXT NOT NULL,
  name TEXT NOT NULL,
  -- SHA-256 (hex) of the whole key; the key itself is shown once and never stored.
  key_hash TEXT NOT NULL UNIQUE,
  -- First characters of the key, so people can tell keys apart.
  prefix TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (tenant, name)
);

CREATE TABLE saved_queries (
  id TEXT PRIMARY KEY,
  tenant TEXT NOT NULL,
  owner_id TEXT REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  sql TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (tenant, name)
);

CREATE TABLE dashboards (
  id TEXT PRIMARY KEY,
  tenant TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  layout_json TEXT NOT NULL,
  created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (tenant, name)
);

CREATE TABLE alert_rules (
  id TEXT PRIMARY KEY,
  tenant TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  sql TEXT NOT NULL,
  condition_json TEXT NOT NULL,
  for_seconds INTEGER NOT NULL DEFAULT 0,
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (tenant, name)
);

CREATE TABLE revoked_tokens (
  -- SHA-256 (hex) of a logged-out session token, kept until the token would expire anyway.
  token_hash TEXT PRIMARY KEY,
  expires_at_s INTEGER NOT NULL
);
`,
};

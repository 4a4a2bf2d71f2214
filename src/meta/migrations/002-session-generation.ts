/**
 * Migration 2: a per-user session generation, raised by every password change and carried
 * in each session token. `sessions_valid_after_s` alone has one-second resolution, so a
 * token issued in the same second as a reset (just before it) stayed valid.
 */
import type { Migration } from './index.ts';

export const migration002SessionGeneration: Migration = {
  version: 2,
  name: 'session-generation',
  sql: `
-- Tokens whose generation claim differs from this are rejected; +1 on every password change.
ALTER TABLE users ADD COLUMN session_generation INTEGER NOT NULL DEFAULT 0;
`,
};

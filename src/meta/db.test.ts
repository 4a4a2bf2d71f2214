import { afterEach, describe, expect, test } from 'bun:test';
import { Database } from 'bun:sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, MetaStorageError, openMetaDb } from './db.ts';
import { MetaConflictError } from './errors.ts';
import { MIGRATIONS } from './migrations/index.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'pharlux-meta-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('openMetaDb', () => {
  test('creates the file in WAL mode and applies every migration once', () => {
    const path = join(tempDir(), 'meta.sqlite');
    const db = openMetaDb(path);
    expect(db.schemaVersion()).toBe(MIGRATIONS.length);
    expect(db.get<{ journal_mode: string }>('PRAGMA journal_mode')?.journal_mode).toBe('wal');
    db.close();
    const again = openMetaDb(path);
    expect(again.all<{ version: number }>('SELECT version FROM schema_migrations').map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    again.close();
  });

  test('a second connection sees writes of the first (server and CLI at once)', () => {
    const path = join(tempDir(), 'meta.sqlite');
    const a = openMetaDb(path);
    const b = openMetaDb(path);
    a.run("INSERT INTO revoked_tokens (token_hash, expires_at_s) VALUES ('h', 1)");
    expect(b.get<{ n: number }>('SELECT count(*) AS n FROM revoked_tokens')?.n).toBe(1);
    a.close();
    b.close();
  });

  test('a version-1 database upgrades in place: users keep their rows, session generation starts at 0', () => {
    const path = join(tempDir(), 'meta.sqlite');
    const raw = new Database(path, { create: true, strict: true });
    applyMigrations(raw, MIGRATIONS.slice(0, 1));
    raw.run("INSERT INTO users (id, tenant, username, password_hash, role, sessions_valid_after_s, created_at, updated_at) VALUES ('u1', 'default', 'alice', 'H', 'admin', 42, 'x', 'x')");
    raw.close();
    const db = openMetaDb(path);
    expect(db.schemaVersion()).toBe(MIGRATIONS.length);
    expect(db.get<{ s: number; g: number }>("SELECT sessions_valid_after_s AS s, session_generation AS g FROM users WHERE id = 'u1'")).toEqual({ s: 42, g: 0 });
    db.close();
  });

  test('refuses a database migrated by a newer pharlux', () => {
    const path = join(tempDir(), 'meta.sqlite');
    openMetaDb(path).close();
    const raw = new Database(path);
    raw.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')");
    raw.close();
    expect(() => openMetaDb(path)).toThrow(MetaStorageError);
  });

  test('a failing migration leaves nothing half-applied', () => {
    const raw = new Database(':memory:');
    const bad = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'bad', sql: 'CREATE TABLE x (a INT); SELECT * FROM missing_table;' }];
    expect(() => applyMigrations(raw, bad)).toThrow();
    expect(raw.query("SELECT name FROM sqlite_master WHERE name = 'x'").get()).toBeNull();
    expect(raw.query<{ v: number }, []>('SELECT max(version) AS v FROM schema_migrations').get()?.v).toBe(MIGRATIONS.length);
    raw.close();
  });

  test('a unique-constraint race surfaces as a conflict, and rollback undoes a transaction', () => {
    const db = openMetaDb(':memory:');
    db.run("INSERT INTO revoked_tokens (token_hash, expires_at_s) VALUES ('h', 1)");
    expect(() => db.run("INSERT INTO revoked_tokens (token_hash, expires_at_s) VALUES ('h', 2)")).toThrow(MetaConflictError);
    expect(() =>
      db.transaction(() => {
        db.run("INSERT INTO revoked_tokens (token_hash, expires_at_s) VALUES ('k', 1)");
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(db.get<{ n: number }>('SELECT count(*) AS n FROM revoked_tokens')?.n).toBe(1);
    db.close();
  });

  test('read-only open cannot write', () => {
    const path = join(tempDir(), 'meta.sqlite');
    openMetaDb(path).close();
    const ro = openMetaDb(path, { readonly: true });
    expect(ro.schemaVersion()).toBe(MIGRATIONS.length);
    expect(() => ro.run("INSERT INTO revoked_tokens (token_hash, expires_at_s) VALUES ('h', 1)")).toThrow(MetaStorageError);
    ro.close();
  });
});

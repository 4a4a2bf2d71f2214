import { afterEach, describe, expect, test } from 'bun:test';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../common/index.ts';
import { openMetaDb, type MetaDb } from './db.ts';
import { initialAdminPasswordPath, INITIAL_ADMIN_PASSWORD_FILE } from './user-store-initial-password.ts';
import { UserStore } from './user-store.ts';

let dir = '';
let db: MetaDb | null = null;
afterEach(() => {
  db?.close();
  db = null;
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
  dir = '';
});

/** A store over a file database in a fresh data dir that holds a first-run password file. */
function setup(): { users: UserStore; file: string } {
  dir = mkdtempSync(join(tmpdir(), 'pharlux-initial-password-'));
  db = openMetaDb(join(dir, 'meta.sqlite'));
  const file = join(dir, INITIAL_ADMIN_PASSWORD_FILE);
  writeFileSync(file, 'first-run-password\n', { mode: 0o600 });
  return { users: new UserStore(db, new ManualClock()), file };
}

describe('the first-run admin password file', () => {
  test('is found beside meta.sqlite; an in-memory database has none', () => {
    const { file } = setup();
    expect(initialAdminPasswordPath(db as MetaDb)).toBe(file);
    const memory = openMetaDb(':memory:');
    expect(initialAdminPasswordPath(memory)).toBeNull();
    memory.close();
  });

  test('setPassword of admin removes it; of another user, or a change without a password, keeps it', () => {
    const { users, file } = setup();
    const admin = users.create({ tenant: 'default', username: 'admin', passwordHash: 'H', role: 'admin' });
    const bob = users.create({ tenant: 'default', username: 'bob', passwordHash: 'H', role: 'admin' });
    users.setPassword('default', bob.id, 'H2');
    users.update('default', admin.id, { username: 'admin', role: 'admin' });
    expect(existsSync(file)).toBe(true);
    users.setPassword('default', admin.id, 'H2');
    expect(existsSync(file)).toBe(false);
    // Already gone: a later change is fine.
    users.setPassword('default', admin.id, 'H3');
  });

  test('update with a password (the admin reset route) removes it, also when it renames admin', () => {
    const { users, file } = setup();
    const admin = users.create({ tenant: 'default', username: 'admin', passwordHash: 'H', role: 'admin' });
    users.update('default', admin.id, { username: 'root', role: 'admin', passwordHash: 'H2' });
    expect(existsSync(file)).toBe(false);
  });

  test('a change that fails keeps it', () => {
    const { users, file } = setup();
    const admin = users.create({ tenant: 'default', username: 'admin', passwordHash: 'H', role: 'admin' });
    users.create({ tenant: 'default', username: 'bob', passwordHash: 'H', role: 'reader' });
    expect(() => users.update('default', admin.id, { username: 'bob', role: 'admin', passwordHash: 'H2' })).toThrow();
    expect(() => users.update('default', admin.id, { username: 'admin', role: 'reader', passwordHash: 'H2' })).toThrow();
    expect(existsSync(file)).toBe(true);
  });
});

describe('initial-admin-password that cannot be removed', () => {
  test('the password change still goes through (the file only holds a dead password)', () => {
    const { users, file } = setup();
    const admin = users.create({ tenant: 'default', username: 'admin', passwordHash: 'H', role: 'admin' });
    // A directory in its place: rmSync without `recursive` fails on it.
    rmSync(file, { force: true });
    mkdirSync(join(file, 'x'), { recursive: true });
    expect(() => users.setPassword('default', admin.id, 'H2')).not.toThrow();
    expect(users.get('default', admin.id).id).toBe(admin.id);
    expect(existsSync(file)).toBe(true);
  });
});

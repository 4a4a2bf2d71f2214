import { describe, expect, test } from 'bun:test';
import { ManualClock } from '../common/index.ts';
import { openMetaDb } from './db.ts';
import { MetaConflictError, MetaNotFoundError, MetaValidationError } from './errors.ts';
import { isValidUsername, UserStore } from './user-store.ts';

function store(clock = new ManualClock()): UserStore {
  return new UserStore(openMetaDb(':memory:'), clock);
}

describe('UserStore', () => {
  test('creates, lists per tenant and never exposes the hash on User', () => {
    const users = store();
    expect(users.count()).toBe(0);
    const a = users.create({ tenant: 'default', username: 'alice', passwordHash: 'H1', role: 'admin' });
    users.create({ tenant: 'acme', username: 'bob', passwordHash: 'H2', role: 'reader' });
    expect(users.count()).toBe(2);
    expect(users.list('default').map((u) => u.username)).toEqual(['alice']);
    expect(Object.keys(a)).not.toContain('passwordHash');
    expect(users.findByUsername('alice')?.passwordHash).toBe('H1');
    expect(users.listAll().map((u) => `${u.tenant}/${u.username}`)).toEqual(['acme/bob', 'default/alice']);
  });

  test('usernames are unique across tenants; invalid fields are rejected', () => {
    const users = store();
    users.create({ tenant: 'default', username: 'alice', passwordHash: 'H', role: 'admin' });
    expect(() => users.create({ tenant: 'acme', username: 'alice', passwordHash: 'H', role: 'admin' })).toThrow(MetaConflictError);
    expect(() => users.create({ tenant: 'Bad Tenant', username: 'x', passwordHash: 'H', role: 'admin' })).toThrow(MetaValidationError);
    expect(() => users.create({ tenant: 'default', username: ' spaced', passwordHash: 'H', role: 'admin' })).toThrow(MetaValidationError);
    expect(() => users.create({ tenant: 'default', username: 'x', passwordHash: 'H', role: 'root' as 'admin' })).toThrow(MetaValidationError);
  });

  test('a rejected username is repeated in the message only in part', () => {
    const users = store();
    expect(isValidUsername('a'.repeat(64))).toBe(true);
    expect(isValidUsername('a'.repeat(65))).toBe(false);
    let message = '';
    try {
      users.create({ tenant: 'default', username: 'u'.repeat(100_000), passwordHash: 'H', role: 'admin' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message.length).toBeLessThan(200);
    expect(message).toStartWith(`username "${'u'.repeat(64)}…" is invalid`);
  });

  test("another tenant's user is not found", () => {
    const users = store();
    const bob = users.create({ tenant: 'acme', username: 'bob', passwordHash: 'H', role: 'admin' });
    expect(() => users.get('default', bob.id)).toThrow(MetaNotFoundError);
    expect(() => users.delete('default', bob.id)).toThrow(MetaNotFoundError);
    expect(() => users.update('default', bob.id, { username: 'bob', role: 'reader' })).toThrow(MetaNotFoundError);
    expect(users.get('acme', bob.id).username).toBe('bob');
  });

  test('the last admin of a tenant can be neither deleted nor demoted', () => {
    const users = store();
    const a = users.create({ tenant: 'default', username: 'a', passwordHash: 'H', role: 'admin' });
    expect(() => users.delete('default', a.id)).toThrow(MetaConflictError);
    expect(() => users.update('default', a.id, { username: 'a', role: 'reader' })).toThrow(MetaConflictError);
    const b = users.create({ tenant: 'default', username: 'b', passwordHash: 'H', role: 'admin' });
    users.update('default', a.id, { username: 'a2', role: 'reader' });
    expect(users.get('default', a.id)).toMatchObject({ username: 'a2', role: 'reader' });
    expect(() => users.delete('default', b.id)).toThrow(MetaConflictError);
    users.delete('default', a.id);
    expect(users.count()).toBe(1);
  });

  test('setting a password moves the session cut-off to now and raises the session generation', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const users = store(clock);
    const a = users.create({ tenant: 'default', username: 'a', passwordHash: 'H', role: 'admin' });
    expect(users.findById(a.id)?.sessionsValidAfterS).toBe(0);
    expect(users.findById(a.id)?.sessionGeneration).toBe(0);
    clock.advance(5000);
    users.setPassword('default', a.id, 'H2');
    const c = users.findById(a.id);
    expect(c?.passwordHash).toBe('H2');
    expect(c?.sessionsValidAfterS).toBe(Date.UTC(2026, 0, 1) / 1000 + 5);
    expect(c?.sessionGeneration).toBe(1);
    users.update('default', a.id, { username: 'a', role: 'admin', passwordHash: 'H3' });
    expect(users.findById(a.id)?.sessionGeneration).toBe(2);
    users.update('default', a.id, { username: 'a', role: 'admin' });
    expect(users.findById(a.id)?.sessionGeneration).toBe(2);
  });
});

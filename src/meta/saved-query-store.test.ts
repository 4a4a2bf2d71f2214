import { describe, expect, test } from 'bun:test';
import { ManualClock } from '../common/index.ts';
import { openMetaDb } from './db.ts';
import { MetaConflictError, MetaNotFoundError, MetaValidationError } from './errors.ts';
import { createMetaStores } from './meta-stores.ts';

function setup() {
  const stores = createMetaStores(openMetaDb(':memory:'), new ManualClock());
  const alice = stores.users.create({ tenant: 'acme', username: 'alice', passwordHash: 'H', role: 'reader' });
  const bob = stores.users.create({ tenant: 'acme', username: 'bob', passwordHash: 'H', role: 'reader' });
  return { stores, alice, bob };
}

describe('SavedQueryStore', () => {
  test('owners see their own; null owner (admin) sees all of the tenant', () => {
    const { stores, alice, bob } = setup();
    const q = stores.savedQueries.create('acme', alice.id, { name: 'errors', sql: 'SELECT 1' });
    stores.savedQueries.create('acme', bob.id, { name: 'latency', sql: 'SELECT 2', description: 'p99' });
    expect(stores.savedQueries.list('acme', alice.id).map((s) => s.name)).toEqual(['errors']);
    expect(stores.savedQueries.list('acme', null).map((s) => s.name)).toEqual(['errors', 'latency']);
    expect(() => stores.savedQueries.get('acme', q.id, bob.id)).toThrow(MetaNotFoundError);
    expect(() => stores.savedQueries.get('other', q.id, null)).toThrow(MetaNotFoundError);
    expect(() => stores.savedQueries.delete('acme', q.id, bob.id)).toThrow(MetaNotFoundError);
    expect(stores.savedQueries.replace('acme', q.id, alice.id, { name: 'errs', sql: 'SELECT 3' })).toMatchObject({ name: 'errs', sql: 'SELECT 3', description: '' });
  });

  test('names unique per tenant, fields validated, rows go with their owner', () => {
    const { stores, alice } = setup();
    stores.savedQueries.create('acme', alice.id, { name: 'q', sql: 'SELECT 1' });
    expect(() => stores.savedQueries.create('acme', alice.id, { name: 'q', sql: 'SELECT 1' })).toThrow(MetaConflictError);
    stores.savedQueries.create('beta', null, { name: 'q', sql: 'SELECT 1' });
    expect(() => stores.savedQueries.create('acme', alice.id, { name: 'empty', sql: ' ' })).toThrow(MetaValidationError);
    stores.users.delete('acme', alice.id);
    expect(stores.savedQueries.list('acme', null)).toHaveLength(0);
  });
});

import { describe, expect, test } from 'bun:test';
import { ManualClock } from '../common/index.ts';
import { openMetaDb } from './db.ts';
import { MetaConflictError, MetaNotFoundError, MetaValidationError } from './errors.ts';
import { ApiKeyStore } from './api-key-store.ts';

describe('ApiKeyStore', () => {
  test('stores hashes, resolves tenants by hash and scopes by tenant', () => {
    const keys = new ApiKeyStore(openMetaDb(':memory:'), new ManualClock());
    const a = keys.create({ tenant: 'acme', name: 'collector', keyHash: 'hash-a', prefix: 'phx_aaaa' });
    keys.create({ tenant: 'beta', name: 'collector', keyHash: 'hash-b', prefix: 'phx_bbbb' });
    expect(keys.findTenantByHash('hash-a')).toBe('acme');
    expect(keys.findTenantByHash('hash-b')).toBe('beta');
    expect(keys.findTenantByHash('nope')).toBeNull();
    expect(keys.list('acme')).toHaveLength(1);
    expect(JSON.stringify(keys.list('acme'))).not.toContain('hash-a');
    expect(() => keys.get('beta', a.id)).toThrow(MetaNotFoundError);
    expect(() => keys.delete('beta', a.id)).toThrow(MetaNotFoundError);
    expect(keys.allHashes()).toHaveLength(2);
  });

  test('names are unique per tenant; rename and delete work', () => {
    const keys = new ApiKeyStore(openMetaDb(':memory:'), new ManualClock());
    const a = keys.create({ tenant: 'acme', name: 'one', keyHash: 'h1', prefix: 'p' });
    keys.create({ tenant: 'acme', name: 'two', keyHash: 'h2', prefix: 'p' });
    expect(() => keys.create({ tenant: 'acme', name: 'one', keyHash: 'h3', prefix: 'p' })).toThrow(MetaConflictError);
    expect(() => keys.rename('acme', a.id, 'two')).toThrow(MetaConflictError);
    expect(() => keys.create({ tenant: 'acme', name: '  ', keyHash: 'h4', prefix: 'p' })).toThrow(MetaValidationError);
    expect(keys.rename('acme', a.id, 'uno').name).toBe('uno');
    keys.delete('acme', a.id);
    expect(keys.findTenantByHash('h1')).toBeNull();
  });
});

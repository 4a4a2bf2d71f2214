import { describe, expect, test } from 'bun:test';
import { ManualClock } from '../common/index.ts';
import { ApiKeyStore, openMetaDb } from '../meta/index.ts';
import { ApiKeyResolver, createApiKey, generateApiKey } from './api-keys.ts';

describe('API keys', () => {
  test('keys are random, well-formed and stored only as hashes', async () => {
    const a = generateApiKey();
    expect(a.key).toMatch(/^phx_[A-Za-z0-9_-]{43}$/);
    expect(a.prefix).toBe(a.key.slice(0, 12));
    expect(generateApiKey().key).not.toBe(a.key);
    const db = openMetaDb(':memory:');
    const store = new ApiKeyStore(db, new ManualClock());
    const { key, apiKey } = await createApiKey(store, 'acme', 'collector');
    expect(JSON.stringify(db.all('SELECT * FROM api_keys'))).not.toContain(key);
    expect(apiKey.prefix).toBe(key.slice(0, 12));
  });

  test('the resolver maps keys to tenants and rejects everything else', async () => {
    const store = new ApiKeyStore(openMetaDb(':memory:'), new ManualClock());
    const acme = await createApiKey(store, 'acme', 'k');
    const beta = await createApiKey(store, 'beta', 'k');
    const resolver = new ApiKeyResolver(store);
    expect(await resolver.resolveTenant(acme.key)).toBe('acme');
    expect(await resolver.resolveTenant(beta.key)).toBe('beta');
    expect(await resolver.resolveTenant(generateApiKey().key)).toBeNull();
    expect(await resolver.resolveTenant('')).toBeNull();
    expect(await resolver.resolveTenant(acme.key + 'x')).toBeNull();
    store.delete('acme', acme.apiKey.id);
    expect(await resolver.resolveTenant(acme.key)).toBeNull();
  });
});

import { expect, test } from 'bun:test';
import { apiKeyFromHeaders, ApiKeyTenantResolver, createTenantResolver } from './tenant-resolver.ts';

test('API key comes from Authorization: Bearer, else x-api-key', () => {
  expect(apiKeyFromHeaders('Bearer abc', null)).toBe('abc');
  expect(apiKeyFromHeaders('bearer  abc ', 'other')).toBe('abc');
  expect(apiKeyFromHeaders('Basic xyz', 'k2')).toBe('k2');
  expect(apiKeyFromHeaders(null, null)).toBeNull();
  expect(apiKeyFromHeaders('', ' ')).toBeNull();
});

test('without require_api_key everyone is default; with it, unknown and missing keys are refused', async () => {
  expect(await createTenantResolver(false).resolve(null)).toBe('default');
  expect(await createTenantResolver(false).resolve('anything')).toBe('default');
  expect(await createTenantResolver(true).resolve('anything')).toBeNull();
  const r = createTenantResolver(true, { resolveTenant: async (k) => (k === 'good' ? 'acme' : null) });
  expect(await r.resolve('good')).toBe('acme');
  expect(await r.resolve('bad')).toBeNull();
  expect(await r.resolve(null)).toBeNull();
});

test('answers are cached for the TTL only', async () => {
  let now = 0;
  let lookups = 0;
  let tenant: string | null = 'acme';
  const r = new ApiKeyTenantResolver({ resolveTenant: async () => (lookups++, tenant) }, { cacheTtlMs: 1000, nowMs: () => now });
  expect(await r.resolve('k')).toBe('acme');
  tenant = null; // revoked
  expect(await r.resolve('k')).toBe('acme');
  expect(lookups).toBe(1);
  now = 1001;
  expect(await r.resolve('k')).toBeNull();
  expect(lookups).toBe(2);
});

test('forgetKeysOf drops the cached answers of that tenant only (review finding 15)', async () => {
  let lookups = 0;
  const live = new Map([
    ['k1', 'acme'],
    ['k2', 'beta'],
  ]);
  const r = new ApiKeyTenantResolver({ resolveTenant: async (k) => (lookups++, live.get(k) ?? null) }, { cacheTtlMs: 60_000, nowMs: () => 0 });
  expect(await r.resolve('k1')).toBe('acme');
  expect(await r.resolve('k2')).toBe('beta');
  live.delete('k1');
  r.forgetKeysOf('acme');
  expect(await r.resolve('k1')).toBeNull();
  expect(await r.resolve('k2')).toBe('beta');
  expect(lookups).toBe(3); // k2 still came from the cache
});

test('a lookup overlapping forgetKeysOf does not cache its answer', async () => {
  let release: () => void = () => {};
  let tenant: string | null = 'acme';
  const r = new ApiKeyTenantResolver({
    resolveTenant: async () => {
      const answer = tenant;
      await new Promise<void>((resolve) => (release = resolve));
      return answer;
    },
  });
  const pending = r.resolve('k');
  tenant = null;
  r.forgetKeysOf('acme');
  release();
  expect(await pending).toBe('acme'); // read before the delete
  const next = r.resolve('k');
  release();
  expect(await next).toBeNull();
});

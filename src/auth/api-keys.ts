/**
 * API keys for OTLP ingest (SPEC §8): `phx_` + 43 base64url characters (256 random
 * bits), shown once at creation, stored as SHA-256. `ApiKeyResolver` maps a presented
 * key to its tenant for ingest when `ingest.require_api_key` is on.
 */
import type { ApiKey, ApiKeyStore } from '../meta/index.ts';
import { sha256Hex } from './sha256-hex.ts';

export const API_KEY_PREFIX = 'phx_';
const PREFIX_SHOWN_CHARS = 12;
const KEY_PATTERN = /^phx_[A-Za-z0-9_-]{43}$/;

/** A fresh random key and the part of it that may be shown later. */
export function generateApiKey(): { key: string; prefix: string } {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const key = API_KEY_PREFIX + Buffer.from(bytes).toString('base64url');
  return { key, prefix: key.slice(0, PREFIX_SHOWN_CHARS) };
}

/** Creates a key in `tenant`; the returned `key` is the only time it is ever visible. */
export async function createApiKey(store: ApiKeyStore, tenant: string, name: string): Promise<{ apiKey: ApiKey; key: string }> {
  const { key, prefix } = generateApiKey();
  const apiKey = store.create({ tenant, name, keyHash: await sha256Hex(key), prefix });
  return { apiKey, key };
}

/** Resolves presented API keys to tenants. */
export class ApiKeyResolver {
  constructor(private readonly store: Pick<ApiKeyStore, 'findTenantByHash'>) {}

  /** The key's tenant, or null for anything that is not a known key. */
  async resolveTenant(key: string): Promise<string | null> {
    // Cheap shape check first: garbage never reaches the hash or the database.
    if (!KEY_PATTERN.test(key)) return null;
    return this.store.findTenantByHash(await sha256Hex(key));
  }
}

/**
 * API keys for OTLP ingest: each selects a tenant. Only a SHA-256 of the key is stored
 * (keys are 256-bit random, so a fast hash is enough); auth/ generates and hashes keys.
 */
import type { Clock } from '../common/index.ts';
import type { MetaDb } from './db.ts';
import { MetaConflictError, MetaNotFoundError } from './errors.ts';
import { validateName, validateTenant } from './field-rules.ts';

/** An API key as the API shows it (never the key or its hash). */
export interface ApiKey {
  readonly id: string;
  readonly tenant: string;
  readonly name: string;
  /** The first characters of the key, to tell keys apart. */
  readonly prefix: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface NewApiKey {
  readonly tenant: string;
  readonly name: string;
  readonly keyHash: string;
  readonly prefix: string;
}

interface ApiKeyRow {
  id: string;
  tenant: string;
  name: string;
  key_hash: string;
  prefix: string;
  created_at: string;
  updated_at: string;
}

function toApiKey(r: ApiKeyRow): ApiKey {
  return { id: r.id, tenant: r.tenant, name: r.name, prefix: r.prefix, createdAt: r.created_at, updatedAt: r.updated_at };
}

export class ApiKeyStore {
  constructor(
    private readonly db: MetaDb,
    private readonly clock: Clock,
  ) {}

  /** Stores a new key's hash; 409 when the name is taken in the tenant. */
  create(input: NewApiKey): ApiKey {
    const tenant = validateTenant(input.tenant);
    const name = validateName('API key', input.name);
    const now = new Date(this.clock.nowMs()).toISOString();
    return this.db.transaction(() => {
      this.assertNameFree(tenant, name, null);
      const id = crypto.randomUUID();
      this.db.run(
        `INSERT INTO api_keys (id, tenant, name, key_hash, prefix, created_at, updated_at)
         VALUES ($id, $tenant, $name, $hash, $prefix, $now, $now)`,
        { id, tenant, name, hash: input.keyHash, prefix: input.prefix, now },
      );
      return this.get(tenant, id);
    });
  }

  list(tenant: string): ApiKey[] {
    return this.db.all<ApiKeyRow>('SELECT * FROM api_keys WHERE tenant = $tenant ORDER BY name', { tenant }).map(toApiKey);
  }

  /** One key of the tenant; 404 otherwise. */
  get(tenant: string, id: string): ApiKey {
    const row = this.db.get<ApiKeyRow>('SELECT * FROM api_keys WHERE id = $id AND tenant = $tenant', { id, tenant });
    if (row === null) throw new MetaNotFoundError('API key');
    return toApiKey(row);
  }

  /** Renames a key (the key itself never changes). */
  rename(tenant: string, id: string, newName: string): ApiKey {
    const name = validateName('API key', newName);
    const now = new Date(this.clock.nowMs()).toISOString();
    return this.db.transaction(() => {
      this.get(tenant, id);
      this.assertNameFree(tenant, name, id);
      this.db.run('UPDATE api_keys SET name = $name, updated_at = $now WHERE id = $id', { id, name, now });
      return this.get(tenant, id);
    });
  }

  delete(tenant: string, id: string): void {
    if (this.db.run('DELETE FROM api_keys WHERE id = $id AND tenant = $tenant', { id, tenant }) === 0) throw new MetaNotFoundError('API key');
  }

  /** The tenant a key hash belongs to, or null for an unknown key. */
  findTenantByHash(keyHash: string): string | null {
    return this.db.get<{ tenant: string }>('SELECT tenant FROM api_keys WHERE key_hash = $hash', { hash: keyHash })?.tenant ?? null;
  }

  /** Every (hash, tenant) pair, to fill an in-memory cache. */
  allHashes(): { keyHash: string; tenant: string }[] {
    return this.db.all<{ key_hash: string; tenant: string }>('SELECT key_hash, tenant FROM api_keys').map((r) => ({ keyHash: r.key_hash, tenant: r.tenant }));
  }

  private assertNameFree(tenant: string, name: string, exceptId: string | null): void {
    const row = this.db.get<{ id: string }>('SELECT id FROM api_keys WHERE tenant = $tenant AND name = $name', { tenant, name });
    if (row !== null && row.id !== exceptId) throw new MetaConflictError(`an API key named "${name}" already exists`);
  }
}

/**
 * Who a request belongs to. With `ingest.require_api_key` off every request is tenant
 * `default`; with it on, the key from `Authorization: Bearer <key>` or `x-api-key`
 * selects the tenant, and an unknown (or missing) key is refused (401 / UNAUTHENTICATED).
 * The key store belongs to auth/meta; ingest only sees the `ApiKeyLookup` shape, which
 * auth's `ApiKeyResolver` already has.
 */

/** Resolves a presented API key (null when the request carried none) to a tenant, or null = refuse. */
export interface TenantResolver {
  resolve(apiKey: string | null): Promise<string | null>;
  /** A key of `tenant` was deleted: forget cached answers for that tenant so the next request looks again. */
  forgetKeysOf(tenant: string): void;
}

export const DEFAULT_TENANT = 'default';

/** Every request is tenant `default` (require_api_key = false). */
export const defaultTenantResolver: TenantResolver = {
  resolve: () => Promise.resolve(DEFAULT_TENANT),
  forgetKeysOf: () => {},
};

/** What the API-key store must offer (auth's ApiKeyResolver matches). */
export interface ApiKeyLookup {
  resolveTenant(key: string): Promise<string | null>;
}

export interface ApiKeyTenantResolverOptions {
  /** How long a resolved key is remembered (keys are looked up per request otherwise). */
  readonly cacheTtlMs?: number;
  readonly maxCachedKeys?: number;
  readonly nowMs?: () => number;
}

/**
 * Resolves tenants through an API-key store, caching answers briefly. A deletion made in
 * this process takes effect at once through `forgetKeysOf`; one made elsewhere (another
 * process on the same database) within the TTL.
 */
export class ApiKeyTenantResolver implements TenantResolver {
  private readonly cache = new Map<string, { tenant: string | null; expiresMs: number }>();
  /** Bumped by every `forgetKeysOf`: a lookup that overlapped one must not cache its (maybe stale) answer. */
  private forgets = 0;
  private readonly ttlMs: number;
  private readonly maxKeys: number;
  private readonly nowMs: () => number;

  constructor(
    private readonly lookup: ApiKeyLookup,
    options: ApiKeyTenantResolverOptions = {},
  ) {
    this.ttlMs = options.cacheTtlMs ?? 30_000;
    this.maxKeys = options.maxCachedKeys ?? 1024;
    this.nowMs = options.nowMs ?? Date.now;
  }

  async resolve(apiKey: string | null): Promise<string | null> {
    if (apiKey === null || apiKey === '') return null;
    const now = this.nowMs();
    const hit = this.cache.get(apiKey);
    if (hit !== undefined && hit.expiresMs > now) return hit.tenant;
    const forgetsBefore = this.forgets;
    const tenant = await this.lookup.resolveTenant(apiKey);
    if (this.forgets !== forgetsBefore) return tenant;
    // Bounded: garbage keys sent in bulk must not grow memory.
    if (this.cache.size >= this.maxKeys) this.cache.clear();
    this.cache.set(apiKey, { tenant, expiresMs: now + this.ttlMs });
    return tenant;
  }

  forgetKeysOf(tenant: string): void {
    this.forgets++;
    // The cache holds raw keys, not ids: drop every answer for the tenant (the rest re-resolve cheaply).
    for (const [key, entry] of this.cache) if (entry.tenant === tenant) this.cache.delete(key);
  }
}

/** The resolver for the configuration: `default` for everyone, or API keys via `lookup`. */
export function createTenantResolver(requireApiKey: boolean, lookup?: ApiKeyLookup): TenantResolver {
  if (!requireApiKey) return defaultTenantResolver;
  if (lookup === undefined) {
    // Until a key store is wired in, requiring keys means refusing everyone rather than letting everyone in.
    return { resolve: () => Promise.resolve(null), forgetKeysOf: () => {} };
  }
  return new ApiKeyTenantResolver(lookup);
}

/** The API key of a request: `Authorization: Bearer <key>`, else `x-api-key`; null when neither. */
export function apiKeyFromHeaders(authorization: string | null | undefined, xApiKey: string | null | undefined): string | null {
  if (authorization) {
    const m = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (m) return m[1];
  }
  if (xApiKey) return xApiKey.trim() || null;
  return null;
}

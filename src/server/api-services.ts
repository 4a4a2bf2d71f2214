/**
 * Builds what the API routes need: the metadata database and stores, password hashing,
 * tokens, the login rate limiter, the authenticator, the username-probe limiter, API key resolution for ingest, and
 * the first-run admin. server.ts calls `openApiServices` once and `close` on stop.
 */
import { join } from 'node:path';
import {
  ApiKeyResolver,
  Authenticator,
  bootstrapAdmin,
  createArgon2idHasher,
  loadJwtSecret,
  LoginRateLimiter,
  TokenService,
  UsernameProbeLimiter,
  writePrivateFile,
  type PasswordHasher,
} from '../auth/index.ts';
import type { Clock, Logger } from '../common/index.ts';
import { createMetaStores, openMetaDb, type MetaStores } from '../meta/index.ts';
import { ApiKeyDeletions } from './api-key-deletions.ts';
import type { PharluxConfig } from './config.ts';
import { createApiMetrics, type ApiMetrics, type MetricRegistry } from './metrics/index.ts';
import type { QueryService } from './query-service.ts';

/** Limits and switches the API reads from the configuration. */
export interface ApiSettings {
  readonly corsAllowedOrigins: readonly string[];
  readonly maxResultRows: number;
  readonly queryTimeoutMs: number;
  readonly tokenTtlSeconds: number;
  /** Largest JSON request body the API accepts. */
  readonly maxJsonBodyBytes: number;
}

export interface ApiServices {
  readonly stores: MetaStores;
  readonly hasher: PasswordHasher;
  readonly authenticator: Authenticator;
  /** Counts "username already taken" answers per tenant (usernames are global). */
  readonly usernameProbes: UsernameProbeLimiter;
  /** For ingest: presented API key → tenant (used when `ingest.require_api_key`). */
  readonly apiKeyResolver: ApiKeyResolver;
  /** Key handlers announce deletions here; ingest's tenant cache listens (server.ts wires it). */
  readonly apiKeyDeletions: ApiKeyDeletions;
  /** The SQL engine; null until one is wired (the query route answers 503). */
  readonly query: QueryService | null;
  readonly clock: Clock;
  readonly metrics: MetricRegistry;
  readonly apiMetrics: ApiMetrics;
  readonly settings: ApiSettings;
}

export interface OpenApiServicesOptions {
  readonly clock: Clock;
  readonly metrics: MetricRegistry;
  readonly query: QueryService | null;
  /** PHARLUX_ADMIN_PASSWORD (first run only). */
  readonly adminPasswordFromEnv: string | undefined;
  /** Overrides argon2id (tests only). */
  readonly hasher?: PasswordHasher;
}

/** Largest JSON body: a dashboard layout may be 1 MiB, plus its envelope. */
export const MAX_JSON_BODY_BYTES = 2 * 1024 * 1024;

/** What `buildApiServices` assembles the API from. */
export interface ApiServiceParts {
  readonly stores: MetaStores;
  readonly hasher: PasswordHasher;
  readonly jwtSecret: Uint8Array;
  readonly clock: Clock;
  readonly metrics: MetricRegistry;
  readonly query: QueryService | null;
  readonly settings: ApiSettings;
  readonly logger: Logger;
}

/** Assembles the services from already-open parts (tests build them over an in-memory database). */
export function buildApiServices(parts: ApiServiceParts): ApiServices {
  const { stores, hasher, clock } = parts;
  const tokens = new TokenService(parts.jwtSecret, parts.settings.tokenTtlSeconds, clock);
  const authenticator = new Authenticator({ stores, hasher, tokens, rateLimiter: new LoginRateLimiter(clock), clock, logger: parts.logger });
  return {
    stores,
    hasher,
    authenticator,
    usernameProbes: new UsernameProbeLimiter(clock),
    apiKeyResolver: new ApiKeyResolver(stores.apiKeys),
    apiKeyDeletions: new ApiKeyDeletions(),
    query: parts.query,
    clock,
    metrics: parts.metrics,
    apiMetrics: createApiMetrics(parts.metrics),
    settings: parts.settings,
  };
}

/** The API settings of a configuration. */
export function apiSettingsFrom(config: PharluxConfig): ApiSettings {
  return {
    corsAllowedOrigins: config.server.corsAllowedOrigins,
    maxResultRows: config.query.maxResultRows,
    queryTimeoutMs: config.query.timeoutSeconds * 1000,
    tokenTtlSeconds: config.auth.tokenTtlSeconds,
    maxJsonBodyBytes: MAX_JSON_BODY_BYTES,
  };
}

/** Opens the metadata database, loads the JWT secret, bootstraps the first admin. */
export async function openApiServices(config: PharluxConfig, logger: Logger, options: OpenApiServicesOptions): Promise<{ services: ApiServices; close(): void }> {
  const authLogger = logger.child({ component: 'auth' });
  const jwtSecret = loadJwtSecret(config.auth.jwtSecretFile, authLogger);
  const db = openMetaDb(join(config.storage.dataDir, 'meta.sqlite'));
  try {
    const stores = createMetaStores(db, options.clock);
    const hasher = options.hasher ?? createArgon2idHasher();
    await bootstrapAdmin({
      users: stores.users,
      hasher,
      passwordFromEnv: options.adminPasswordFromEnv,
      passwordFile: join(config.storage.dataDir, 'initial-admin-password'),
      writePrivateFile,
      logger: authLogger,
    });
    const services = buildApiServices({
      stores,
      hasher,
      jwtSecret,
      clock: options.clock,
      metrics: options.metrics,
      query: options.query,
      settings: apiSettingsFrom(config),
      logger: authLogger,
    });
    return { services, close: () => db.close() };
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Builds what the API routes need: the metadata database and stores, password hashing,
 * tokens, the login rate limiter, the authenticator, API key resolution for ingest, and
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
  writePrivateFile,
  type PasswordHasher,
} from '../auth/index.ts';
import type { Clock, Logger } from '../common/index.ts';
import { createMetaStores, openMetaDb, type MetaStores } from '../meta/index.ts';
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
  /** For ingest: presented API key → tenant (used when `ingest.require_api_key`). */
  readonly apiKeyResolver: ApiKeyResolver;
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

/** Opens the metadata database, loads the JWT secret, bootstraps the first admin. */
export async function openApiServices(config: PharluxConfig, logger: Logger, options: OpenApiServicesOptions): Promise<{ services: ApiServices; close(): void }> {
  const secret = loadJwtSecret(config.auth.jwtSecretFile, logger);
  const db = openMetaDb(join(config.storage.dataDir, 'meta.sqlite'));
  try {
    const { clock } = options;
    const stores = createMetaStores(db, clock);
    const hasher = options.hasher ?? createArgon2idHasher();
    const tokens = new TokenService(secret, config.auth.tokenTtlSeconds, clock);
    const authLogger = logger.child({ component: 'auth' });
    const authenticator = new Authenticator({ stores, hasher, tokens, rateLimiter: new LoginRateLimiter(clock), clock, logger: authLogger });
    await bootstrapAdmin({
      users: stores.users,
      hasher,
      passwordFromEnv: options.adminPasswordFromEnv,
      passwordFile: join(config.storage.dataDir, 'initial-admin-password'),
      writePrivateFile,
      logger: authLogger,
    });
    const services: ApiServices = {
      stores,
      hasher,
      authenticator,
      apiKeyResolver: new ApiKeyResolver(stores.apiKeys),
      query: options.query,
      clock,
      metrics: options.metrics,
      apiMetrics: createApiMetrics(options.metrics),
      settings: {
        corsAllowedOrigins: config.server.corsAllowedOrigins,
        maxResultRows: config.query.maxResultRows,
        queryTimeoutMs: config.query.timeoutSeconds * 1000,
        tokenTtlSeconds: config.auth.tokenTtlSeconds,
        maxJsonBodyBytes: MAX_JSON_BODY_BYTES,
      },
    };
    return { services, close: () => db.close() };
  } catch (err) {
    db.close();
    throw err;
  }
}

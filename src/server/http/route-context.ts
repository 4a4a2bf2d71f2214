/**
 * The shapes every route shares: the route record, the context a handler receives, and
 * the services server.ts hands to HTTP. Kept apart from routes.ts so handlers can import
 * them without importing the table that imports the handlers.
 */
import type { Principal } from '../../auth/index.ts';
import { InternalError, type Logger } from '../../common/index.ts';
import type { ApiServices } from '../api-services.ts';
import type { BuildInfo } from '../build-info.ts';
import type { ClientInfo } from './client-info.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** Who may call a route (enforced before the handler runs). */
export type RouteAccess = 'public' | 'reader' | 'admin';

/** What every handler receives. */
export interface RouteContext {
  readonly request: Request;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  readonly services: HttpServices;
  /** The signed-in caller; null only on public routes. */
  readonly principal: Principal | null;
  readonly client: ClientInfo;
}

/** The components HTTP handlers may use, built by server.ts. */
export interface HttpServices {
  readonly buildInfo: BuildInfo;
  readonly startedAtMs: number;
  readonly logger: Logger;
  readonly api: ApiServices;
  /**
   * The OTLP ports senders should use and whether ingest needs an API key (the UI's
   * first-run page shows them). A function because HTTP starts before the OTLP
   * listeners, whose ports are known only once bound (port 0 in tests). Absent when HTTP
   * runs without OTLP listeners (API tests).
   */
  readonly ingestEndpoints?: () => IngestEndpoints;
}

/** What `GET /api/v1/auth/me` reports as `server`. */
export interface IngestEndpoints {
  readonly otlpHttpPort: number;
  readonly otlpGrpcPort: number;
  readonly requireApiKey: boolean;
}

export interface Route {
  readonly method: HttpMethod;
  readonly path: string;
  readonly access: RouteAccess;
  readonly handle: (ctx: RouteContext) => Response | Promise<Response>;
}

/** The caller of a non-public route (http-server.ts guarantees one). */
export function principalOf(ctx: RouteContext): Principal {
  if (ctx.principal === null) throw new InternalError(`route ${ctx.url.pathname} ran without a principal`);
  return ctx.principal;
}

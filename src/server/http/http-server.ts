/**
 * The API + UI listener (port 3100). Per request: CORS preflight, route lookup, access
 * check (token from `Authorization: Bearer` or the session cookie; 401 without a valid
 * one, 403 for a reader on an admin route), the handler, then security and CORS
 * headers on whatever comes back. Every failure becomes the JSON error envelope;
 * unknown `/api/*` paths answer a JSON 404; other paths go to the web UI when installed.
 */
import { AuthError, requireAdmin, type Principal } from '../../auth/index.ts';
import type { Logger } from '../../common/index.ts';
import { clientInfo, type ClientInfo } from './client-info.ts';
import { errorResponse } from './error-response.ts';
import { errorEnvelope } from './json-response.ts';
import { addCorsHeaders, addSecurityHeaders, corsAllowed, preflightResponse } from './response-headers.ts';
import type { HttpServices, Route } from './route-context.ts';
import { compileRoutes } from './routes.ts';
import { presentedToken } from './session-cookie.ts';
import { stopListener } from '../stop-listener.ts';

export interface HttpServerOptions {
  readonly hostname: string;
  readonly port: number;
  readonly routes: readonly Route[];
  readonly services: HttpServices;
  readonly logger: Logger;
  /** Serves the web UI for non-API paths; absent → 404 JSON for everything unknown. */
  readonly ui?: (request: Request) => Response | Promise<Response>;
}

export interface RunningHttpServer {
  readonly port: number;
  stop(): Promise<void>;
}

/** Bun's own cap on request bodies; routes apply tighter ones (request-body.ts) with a JSON 413. */
const MAX_REQUEST_BODY_BYTES = 8 * 1024 * 1024;

async function authenticate(request: Request, route: Route, services: HttpServices): Promise<Principal | null> {
  if (route.access === 'public') return null;
  const presented = presentedToken(request);
  if (presented.kind === 'none') throw new AuthError('authentication required: send Authorization: Bearer <token> (POST /api/v1/auth/login)');
  if (presented.kind === 'malformed') throw new AuthError('the Authorization header must be "Bearer <token>"');
  const principal = await services.api.authenticator.authenticate(presented.token);
  if (route.access === 'admin') requireAdmin(principal);
  return principal;
}

/** Starts listening; throws ListenError when the port is taken or not permitted. */
export function startHttpServer(options: HttpServerOptions): RunningHttpServer {
  const match = compileRoutes(options.routes);
  const { services, logger } = options;
  const { apiMetrics, settings } = services.api;

  /** Routes the request; `seen.pattern` names the matched route for metrics even when the handler throws. */
  const dispatch = async (request: Request, url: URL, client: ClientInfo, seen: { pattern: string }): Promise<{ response: Response; kind: 'api' | 'ui'; pattern: string }> => {
    const found = match(request.method, url.pathname);
    if (found.kind === 'found') {
      seen.pattern = found.route.path;
      const principal = await authenticate(request, found.route, services);
      const response = await found.route.handle({ request, url, params: found.params, services, principal, client });
      return { response, kind: 'api', pattern: found.route.path };
    }
    if (found.kind === 'method_not_allowed') {
      const response = errorEnvelope(405, 'method_not_allowed', `${request.method} is not allowed on ${url.pathname}`, { allow: found.allowed.join(', ') });
      return { response, kind: 'api', pattern: 'method_not_allowed' };
    }
    if (url.pathname === '/api' || url.pathname.startsWith('/api/') || options.ui === undefined) {
      return { response: errorEnvelope(404, 'not_found', `no such endpoint: ${request.method} ${url.pathname}`), kind: 'api', pattern: 'not_found' };
    }
    return { response: await options.ui(request), kind: 'ui', pattern: 'ui' };
  };

  const server = Bun.serve({
    hostname: options.hostname,
    port: options.port,
    development: false,
    // Bun 1.4.5 turns SO_REUSEPORT on when `development: false` is given; a second server
    // on the same port would then share it silently instead of failing. Say no explicitly.
    reusePort: false,
    maxRequestBodySize: MAX_REQUEST_BODY_BYTES,
    async fetch(request, srv) {
      const t0 = performance.now();
      const url = new URL(request.url);
      const client = clientInfo(request, url, srv.requestIP(request)?.address ?? null);
      const origin = request.headers.get('origin');
      if (request.method === 'OPTIONS' && request.headers.has('access-control-request-method')) {
        return addSecurityHeaders(preflightResponse(origin, settings.corsAllowedOrigins), 'api', client.secure);
      }
      const seen = { pattern: 'unmatched' };
      let result: { response: Response; kind: 'api' | 'ui'; pattern: string };
      try {
        result = await dispatch(request, url, client, seen);
      } catch (err) {
        result = { response: errorResponse(err, logger), kind: 'api', pattern: seen.pattern };
      }
      const { response, kind, pattern } = result;
      addSecurityHeaders(response, kind, client.secure);
      if (kind === 'api' && corsAllowed(origin, settings.corsAllowedOrigins)) addCorsHeaders(response, origin);
      apiMetrics.httpRequests.inc({ route: pattern, method: request.method, status: String(response.status) });
      apiMetrics.httpDuration.observe((performance.now() - t0) / 1000, { route: pattern });
      return response;
    },
    error(err) {
      return addSecurityHeaders(errorResponse(err, logger), 'api', false);
    },
  });
  return {
    port: server.port ?? options.port,
    stop: () => stopListener(server),
  };
}

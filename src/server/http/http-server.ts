/**
 * The API + UI listener (port 3100). Dispatches through the route table, wraps every
 * failure in the JSON error envelope, and answers unknown `/api/*` paths with a JSON
 * 404. Non-API paths go to the web UI handler when one is installed.
 */
import type { Logger } from '../../common/index.ts';
import { errorResponse } from './error-response.ts';
import { errorEnvelope } from './json-response.ts';
import { compileRoutes, type HttpServices, type Route } from './routes.ts';

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

/** Starts listening; throws ListenError when the port is taken or not permitted. */
export function startHttpServer(options: HttpServerOptions): RunningHttpServer {
  const match = compileRoutes(options.routes);
  const { services, logger } = options;

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const found = match(request.method, url.pathname);
    if (found.kind === 'found') {
      return await found.route.handle({ request, url, params: found.params, services });
    }
    if (found.kind === 'method_not_allowed') {
      return errorEnvelope(405, 'method_not_allowed', `${request.method} is not allowed on ${url.pathname}`, { allow: found.allowed.join(', ') });
    }
    if (url.pathname === '/api' || url.pathname.startsWith('/api/') || options.ui === undefined) {
      return errorEnvelope(404, 'not_found', `no such endpoint: ${request.method} ${url.pathname}`);
    }
    return await options.ui(request);
  };

  const server = Bun.serve({
    hostname: options.hostname,
    port: options.port,
    development: false,
    async fetch(request) {
      try {
        return await handle(request);
      } catch (err) {
        return errorResponse(err, logger);
      }
    },
    error(err) {
      return errorResponse(err, logger);
    },
  });
  return {
    port: server.port ?? options.port,
    stop: async () => {
      await server.stop(false);
    },
  };
}

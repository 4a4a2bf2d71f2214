/**
 * Every route of the API in one table: method, path pattern, who may call it, handler.
 * Paths use `:name` segments for parameters. Unknown `/api/*` paths answer a JSON 404;
 * everything else is the web UI (SPA fallback), served by http-server.ts.
 */
import type { Logger } from '../../common/index.ts';
import type { BuildInfo } from '../build-info.ts';
import { handleHealth } from './health-handler.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** Who may call a route (enforced before the handler runs). */
export type RouteAccess = 'public' | 'reader' | 'admin';

/** What every handler receives. Services are added here as the server grows. */
export interface RouteContext {
  readonly request: Request;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  readonly services: HttpServices;
}

/** The components HTTP handlers may use, built by server.ts. */
export interface HttpServices {
  readonly buildInfo: BuildInfo;
  readonly startedAtMs: number;
  readonly logger: Logger;
}

export interface Route {
  readonly method: HttpMethod;
  readonly path: string;
  readonly access: RouteAccess;
  readonly handle: (ctx: RouteContext) => Response | Promise<Response>;
}

export const ROUTES: readonly Route[] = [{ method: 'GET', path: '/api/v1/health', access: 'public', handle: handleHealth }];

export type RouteMatch =
  | { readonly kind: 'found'; readonly route: Route; readonly params: Record<string, string> }
  | { readonly kind: 'method_not_allowed'; readonly allowed: readonly HttpMethod[] }
  | { readonly kind: 'none' };

interface CompiledRoute {
  readonly route: Route;
  readonly segments: readonly string[];
}

/** Precompiles a route table for matching. */
export function compileRoutes(routes: readonly Route[]): (method: string, pathname: string) => RouteMatch {
  const compiled: CompiledRoute[] = routes.map((route) => ({ route, segments: route.path.split('/').filter((s) => s !== '') }));
  return (method, pathname) => {
    const parts = pathname.split('/').filter((s) => s !== '');
    const allowed: HttpMethod[] = [];
    for (const c of compiled) {
      const params = matchSegments(c.segments, parts);
      if (params === null) continue;
      if (c.route.method === method || (method === 'HEAD' && c.route.method === 'GET')) return { kind: 'found', route: c.route, params };
      allowed.push(c.route.method);
    }
    return allowed.length > 0 ? { kind: 'method_not_allowed', allowed } : { kind: 'none' };
  };
}

function matchSegments(pattern: readonly string[], parts: readonly string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(':')) {
      try {
        params[pattern[i].slice(1)] = decodeURIComponent(parts[i]);
      } catch {
        return null;
      }
    } else if (pattern[i] !== parts[i]) return null;
  }
  return params;
}

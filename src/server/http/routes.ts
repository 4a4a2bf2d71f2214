/**
 * Every route of the API in one table: method, path pattern, who may call it, handler.
 * Paths use `:name` segments for parameters. Unknown `/api/*` paths answer a JSON 404;
 * everything else is the web UI (SPA fallback), served by http-server.ts. Access is
 * enforced by http-server.ts before a handler runs: `public` needs nothing, `reader`
 * any signed-in user, `admin` the admin role (403 otherwise). Every handler scopes
 * its work to `principal.tenant`.
 */
import * as alerts from './handlers/alert-handlers.ts';
import * as apiKeys from './handlers/api-key-handlers.ts';
import * as auth from './handlers/auth-handlers.ts';
import * as dashboards from './handlers/dashboard-handlers.ts';
import { handleMetrics } from './handlers/metrics-handler.ts';
import { handleChangePassword } from './handlers/password-handlers.ts';
import { handleQuery } from './handlers/query-handler.ts';
import * as savedQueries from './handlers/saved-query-handlers.ts';
import { handleSchema } from './handlers/schema-handler.ts';
import * as users from './handlers/user-handlers.ts';
import { handleHealth } from './health-handler.ts';
import type { HttpMethod, Route } from './route-context.ts';

export type { HttpMethod, HttpServices, Route, RouteAccess, RouteContext } from './route-context.ts';
export { principalOf } from './route-context.ts';

const r = (method: HttpMethod, path: string, access: Route['access'], handle: Route['handle']): Route => ({ method, path, access, handle });

export const ROUTES: readonly Route[] = [
  r('GET', '/api/v1/health', 'public', handleHealth),
  // Prometheus self-metrics: operational numbers only, no tenant data, so scrapers need no token.
  r('GET', '/metrics', 'public', handleMetrics),

  r('POST', '/api/v1/auth/login', 'public', auth.handleLogin),
  // Public so that a stale or expired session can always be cleared.
  r('POST', '/api/v1/auth/logout', 'public', auth.handleLogout),
  r('GET', '/api/v1/auth/me', 'reader', auth.handleMe),
  // One's own password (the current one is checked and rate-limited like a login).
  r('POST', '/api/v1/auth/password', 'reader', handleChangePassword),

  r('POST', '/api/v1/query', 'reader', handleQuery),
  r('GET', '/api/v1/schema', 'reader', handleSchema),

  r('GET', '/api/v1/admin/users', 'admin', users.handleList),
  r('POST', '/api/v1/admin/users', 'admin', users.handleCreate),
  r('GET', '/api/v1/admin/users/:id', 'admin', users.handleGet),
  r('PUT', '/api/v1/admin/users/:id', 'admin', users.handleReplace),
  r('DELETE', '/api/v1/admin/users/:id', 'admin', users.handleDelete),

  r('GET', '/api/v1/admin/api-keys', 'admin', apiKeys.handleList),
  r('POST', '/api/v1/admin/api-keys', 'admin', apiKeys.handleCreate),
  r('GET', '/api/v1/admin/api-keys/:id', 'admin', apiKeys.handleGet),
  r('PUT', '/api/v1/admin/api-keys/:id', 'admin', apiKeys.handleReplace),
  r('DELETE', '/api/v1/admin/api-keys/:id', 'admin', apiKeys.handleDelete),

  // Readers see and change only their own saved queries; admins all of their tenant's.
  r('GET', '/api/v1/saved-queries', 'reader', savedQueries.handleList),
  r('POST', '/api/v1/saved-queries', 'reader', savedQueries.handleCreate),
  r('GET', '/api/v1/saved-queries/:id', 'reader', savedQueries.handleGet),
  r('PUT', '/api/v1/saved-queries/:id', 'reader', savedQueries.handleReplace),
  r('DELETE', '/api/v1/saved-queries/:id', 'reader', savedQueries.handleDelete),

  r('GET', '/api/v1/dashboards', 'reader', dashboards.handleList),
  r('POST', '/api/v1/dashboards', 'admin', dashboards.handleCreate),
  r('POST', '/api/v1/dashboards/import', 'admin', dashboards.handleImport),
  r('GET', '/api/v1/dashboards/:id', 'reader', dashboards.handleGet),
  r('GET', '/api/v1/dashboards/:id/export', 'reader', dashboards.handleExport),
  r('PUT', '/api/v1/dashboards/:id', 'admin', dashboards.handleReplace),
  r('DELETE', '/api/v1/dashboards/:id', 'admin', dashboards.handleDelete),

  // Alert rules are stored only (evaluation comes later); managing them is an admin task.
  r('GET', '/api/v1/alerts', 'admin', alerts.handleList),
  r('POST', '/api/v1/alerts', 'admin', alerts.handleCreate),
  r('GET', '/api/v1/alerts/:id', 'admin', alerts.handleGet),
  r('PUT', '/api/v1/alerts/:id', 'admin', alerts.handleReplace),
  r('DELETE', '/api/v1/alerts/:id', 'admin', alerts.handleDelete),
];

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

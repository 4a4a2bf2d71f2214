/** `GET /api/v1/health` (no auth): liveness for load balancers and `systemctl status` scripts. */
import { jsonResponse } from './json-response.ts';
import type { RouteContext } from './routes.ts';

export function handleHealth(ctx: RouteContext): Response {
  const { buildInfo, startedAtMs } = ctx.services;
  return jsonResponse({
    status: 'ok',
    version: buildInfo.version,
    uptime_seconds: Math.floor((Date.now() - startedAtMs) / 1000),
  });
}

/**
 * `POST /api/v1/auth/login`, `POST /api/v1/auth/logout`, `GET /api/v1/auth/me` (who is
 * signed in, plus the OTLP ports and key requirement the UI tells senders). Login
 * answers `{token, expires_at, user}` and sets the session cookie; failures are 401 with
 * one message for unknown user and wrong password, or 429 when rate-limited.
 */
import { AuthError, LoginRateLimitedError } from '../../../auth/index.ts';
import { jsonResponse } from '../json-response.ts';
import { readJsonObject, requiredString } from '../request-body.ts';
import { principalOf, type RouteContext } from '../route-context.ts';
import { clearedSessionCookie, presentedToken, sessionCookie } from '../session-cookie.ts';
import { userJson } from './api-objects.ts';

export async function handleLogin(ctx: RouteContext): Promise<Response> {
  const { api } = ctx.services;
  const body = await readJsonObject(ctx.request, api.settings.maxJsonBodyBytes);
  const username = requiredString(body, 'username');
  const password = requiredString(body, 'password');
  let result;
  try {
    result = await api.authenticator.login(username, password, ctx.client.address);
  } catch (err) {
    if (err instanceof AuthError || err instanceof LoginRateLimitedError) api.apiMetrics.loginFailures.inc();
    throw err;
  }
  const maxAge = Math.max(0, result.expiresAtS - Math.floor(api.clock.nowMs() / 1000));
  return jsonResponse(
    { token: result.token, expires_at: new Date(result.expiresAtS * 1000).toISOString(), user: userJson(result.user) },
    200,
    { 'set-cookie': sessionCookie(result.token, maxAge, ctx.client.secure) },
  );
}

export async function handleLogout(ctx: RouteContext): Promise<Response> {
  const presented = presentedToken(ctx.request);
  if (presented.kind === 'token') await ctx.services.api.authenticator.logout(presented.token);
  return new Response(null, { status: 204, headers: { 'set-cookie': clearedSessionCookie(ctx.client.secure) } });
}

export function handleMe(ctx: RouteContext): Response {
  const p = principalOf(ctx);
  const user = ctx.services.api.stores.users.get(p.tenant, p.userId);
  const ingest = ctx.services.ingestEndpoints?.();
  const server = ingest ? { server: { otlp_http_port: ingest.otlpHttpPort, otlp_grpc_port: ingest.otlpGrpcPort, require_api_key: ingest.requireApiKey } } : {};
  return jsonResponse({ user: userJson(user), expires_at: new Date(p.tokenExpiresAtS * 1000).toISOString(), ...server });
}

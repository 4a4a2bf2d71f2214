/**
 * `POST /api/v1/auth/password` (any signed-in user): changes the caller's own password.
 * Body `{current_password, new_password}`. Answers like login — `{token, expires_at,
 * user}` and a fresh session cookie — because the change ends every session of the
 * user, the caller's included (auth/authenticator.ts `changePassword`). Policy failures
 * are 400, a wrong current password 403 (the session itself is fine), too many wrong
 * attempts 429 (the login limiter counts them).
 */
import { LoginRateLimitedError, WrongCurrentPasswordError } from '../../../auth/index.ts';
import { jsonResponse } from '../json-response.ts';
import { readJsonObject, requiredString } from '../request-body.ts';
import { principalOf, type RouteContext } from '../route-context.ts';
import { sessionCookie } from '../session-cookie.ts';
import { userJson } from './api-objects.ts';

export async function handleChangePassword(ctx: RouteContext): Promise<Response> {
  const { api } = ctx.services;
  const principal = principalOf(ctx);
  const body = await readJsonObject(ctx.request, api.settings.maxJsonBodyBytes);
  const currentPassword = requiredString(body, 'current_password');
  const newPassword = requiredString(body, 'new_password');
  let result;
  try {
    result = await api.authenticator.changePassword(principal, currentPassword, newPassword, ctx.client.address);
  } catch (err) {
    if (err instanceof WrongCurrentPasswordError || err instanceof LoginRateLimitedError) api.apiMetrics.loginFailures.inc();
    throw err;
  }
  const maxAge = Math.max(0, result.expiresAtS - Math.floor(api.clock.nowMs() / 1000));
  return jsonResponse(
    { token: result.token, expires_at: new Date(result.expiresAtS * 1000).toISOString(), user: userJson(result.user) },
    200,
    { 'set-cookie': sessionCookie(result.token, maxAge, ctx.client.secure) },
  );
}

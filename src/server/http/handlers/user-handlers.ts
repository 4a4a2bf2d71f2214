/**
 * `/api/v1/admin/users` (admin only): users of the caller's tenant. Passwords are hashed
 * with argon2id before they reach the store; responses never carry a hash. Creating or
 * renaming onto a taken username (in any tenant: names are global) is 409, and a tenant
 * that has had 10 of those in 5 minutes gets 429 for both until the window moves on
 * (auth/username-probe-limiter.ts).
 */
import { validatePassword } from '../../../auth/index.ts';
import { UsernameTakenError, validateRole } from '../../../meta/index.ts';
import { HttpError } from '../error-response.ts';
import { jsonResponse } from '../json-response.ts';
import { optionalString, readJsonObject, requiredString } from '../request-body.ts';
import { principalOf, type RouteContext } from '../route-context.ts';
import { listJson, userJson } from './api-objects.ts';

export function handleList(ctx: RouteContext): Response {
  return jsonResponse(listJson(ctx.services.api.stores.users.list(principalOf(ctx).tenant).map(userJson)));
}

export function handleGet(ctx: RouteContext): Response {
  return jsonResponse(userJson(ctx.services.api.stores.users.get(principalOf(ctx).tenant, ctx.params.id)));
}

/** Runs a store call that may hit a taken username, counting each such answer for the tenant. */
function countingProbes<T>(ctx: RouteContext, tenant: string, write: () => T): T {
  try {
    return write();
  } catch (err) {
    if (err instanceof UsernameTakenError) ctx.services.api.usernameProbes.recordConflict(tenant);
    throw err;
  }
}

export async function handleCreate(ctx: RouteContext): Promise<Response> {
  const { api } = ctx.services;
  const tenant = principalOf(ctx).tenant;
  const body = await readJsonObject(ctx.request, api.settings.maxJsonBodyBytes);
  const username = requiredString(body, 'username');
  const password = validatePassword(requiredString(body, 'password'));
  const role = validateRole(optionalString(body, 'role') ?? 'reader');
  api.usernameProbes.check(tenant);
  const passwordHash = await api.hasher.hash(password);
  const user = countingProbes(ctx, tenant, () => api.stores.users.create({ tenant, username, role, passwordHash }));
  return jsonResponse(userJson(user), 201);
}

/** Replaces username and role; `password` is optional here (absent = unchanged; set = sessions end). */
export async function handleReplace(ctx: RouteContext): Promise<Response> {
  const { api } = ctx.services;
  const principal = principalOf(ctx);
  const tenant = principal.tenant;
  const body = await readJsonObject(ctx.request, api.settings.maxJsonBodyBytes);
  const username = requiredString(body, 'username');
  const role = validateRole(requiredString(body, 'role'));
  const password = optionalString(body, 'password');
  // One's own password changes only with the current one (and its rate limit): otherwise a
  // stolen admin session could take the account over here.
  if (password !== undefined && ctx.params.id === principal.userId) {
    throw new HttpError(403, 'forbidden', 'change your own password with POST /api/v1/auth/password (it asks for the current one)');
  }
  // 404 before the (slow) hash when the id is not in this tenant.
  const current = api.stores.users.get(tenant, ctx.params.id);
  // Keeping one's own name probes nothing, so an over-limit tenant can still change roles and passwords.
  if (username !== current.username) api.usernameProbes.check(tenant);
  const passwordHash = password === undefined ? undefined : await api.hasher.hash(validatePassword(password));
  return jsonResponse(userJson(countingProbes(ctx, tenant, () => api.stores.users.update(tenant, ctx.params.id, { username, role, passwordHash }))));
}

export function handleDelete(ctx: RouteContext): Response {
  ctx.services.api.stores.users.delete(principalOf(ctx).tenant, ctx.params.id);
  return new Response(null, { status: 204 });
}

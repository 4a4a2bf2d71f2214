/**
 * `/api/v1/admin/users` (admin only): users of the caller's tenant. Passwords are hashed
 * with argon2id before they reach the store; responses never carry a hash.
 */
import { validatePassword } from '../../../auth/index.ts';
import { validateRole } from '../../../meta/index.ts';
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

export async function handleCreate(ctx: RouteContext): Promise<Response> {
  const { api } = ctx.services;
  const body = await readJsonObject(ctx.request, api.settings.maxJsonBodyBytes);
  const username = requiredString(body, 'username');
  const password = validatePassword(requiredString(body, 'password'));
  const role = validateRole(optionalString(body, 'role') ?? 'reader');
  const user = api.stores.users.create({ tenant: principalOf(ctx).tenant, username, role, passwordHash: await api.hasher.hash(password) });
  return jsonResponse(userJson(user), 201);
}

/** Replaces username and role; `password` is optional here (absent = unchanged; set = sessions end). */
export async function handleReplace(ctx: RouteContext): Promise<Response> {
  const { api } = ctx.services;
  const tenant = principalOf(ctx).tenant;
  const body = await readJsonObject(ctx.request, api.settings.maxJsonBodyBytes);
  const username = requiredString(body, 'username');
  const role = validateRole(requiredString(body, 'role'));
  const password = optionalString(body, 'password');
  // 404 before the (slow) hash when the id is not in this tenant.
  api.stores.users.get(tenant, ctx.params.id);
  const passwordHash = password === undefined ? undefined : await api.hasher.hash(validatePassword(password));
  return jsonResponse(userJson(api.stores.users.update(tenant, ctx.params.id, { username, role, passwordHash })));
}

export function handleDelete(ctx: RouteContext): Response {
  ctx.services.api.stores.users.delete(principalOf(ctx).tenant, ctx.params.id);
  return new Response(null, { status: 204 });
}

/**
 * `/api/v1/admin/api-keys` (admin only): ingest keys of the caller's tenant. `POST`
 * answers the key itself once (`key`); afterwards only its prefix is ever shown.
 */
import { createApiKey } from '../../../auth/index.ts';
import { jsonResponse } from '../json-response.ts';
import { readJsonObject, requiredString } from '../request-body.ts';
import { principalOf, type RouteContext } from '../route-context.ts';
import { apiKeyJson, listJson } from './api-objects.ts';

export function handleList(ctx: RouteContext): Response {
  return jsonResponse(listJson(ctx.services.api.stores.apiKeys.list(principalOf(ctx).tenant).map(apiKeyJson)));
}

export function handleGet(ctx: RouteContext): Response {
  return jsonResponse(apiKeyJson(ctx.services.api.stores.apiKeys.get(principalOf(ctx).tenant, ctx.params.id)));
}

export async function handleCreate(ctx: RouteContext): Promise<Response> {
  const { api } = ctx.services;
  const body = await readJsonObject(ctx.request, api.settings.maxJsonBodyBytes);
  const { apiKey, key } = await createApiKey(api.stores.apiKeys, principalOf(ctx).tenant, requiredString(body, 'name'));
  return jsonResponse({ ...apiKeyJson(apiKey), key }, 201);
}

/** Renames a key; the key itself cannot change (create a new one and delete the old). */
export async function handleReplace(ctx: RouteContext): Promise<Response> {
  const { api } = ctx.services;
  const body = await readJsonObject(ctx.request, api.settings.maxJsonBodyBytes);
  return jsonResponse(apiKeyJson(api.stores.apiKeys.rename(principalOf(ctx).tenant, ctx.params.id, requiredString(body, 'name'))));
}

/** Deletes a key; ingest's tenant cache forgets it before the answer goes out. */
export function handleDelete(ctx: RouteContext): Response {
  const { tenant } = principalOf(ctx);
  ctx.services.api.stores.apiKeys.delete(tenant, ctx.params.id);
  ctx.services.api.apiKeyDeletions.announce(tenant);
  return new Response(null, { status: 204 });
}

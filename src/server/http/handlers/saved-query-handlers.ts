/**
 * `/api/v1/saved-queries`: readers work with their own saved queries, admins with all of
 * their tenant's. Someone else's query is 404 to a reader, like another tenant's.
 */
import { isAdmin, type Principal } from '../../../auth/index.ts';
import type { SavedQueryFields } from '../../../meta/index.ts';
import { jsonResponse } from '../json-response.ts';
import { optionalString, readJsonObject, requiredString } from '../request-body.ts';
import { principalOf, type RouteContext } from '../route-context.ts';
import { listJson, savedQueryJson } from './api-objects.ts';

/** The owner filter: null (any owner) for admins, the caller for readers. */
function ownerScope(p: Principal): string | null {
  return isAdmin(p) ? null : p.userId;
}

async function readFields(ctx: RouteContext): Promise<SavedQueryFields> {
  const body = await readJsonObject(ctx.request, ctx.services.api.settings.maxJsonBodyBytes);
  return { name: requiredString(body, 'name'), sql: requiredString(body, 'sql'), description: optionalString(body, 'description') };
}

export function handleList(ctx: RouteContext): Response {
  const p = principalOf(ctx);
  return jsonResponse(listJson(ctx.services.api.stores.savedQueries.list(p.tenant, ownerScope(p)).map(savedQueryJson)));
}

export function handleGet(ctx: RouteContext): Response {
  const p = principalOf(ctx);
  return jsonResponse(savedQueryJson(ctx.services.api.stores.savedQueries.get(p.tenant, ctx.params.id, ownerScope(p))));
}

export async function handleCreate(ctx: RouteContext): Promise<Response> {
  const p = principalOf(ctx);
  const fields = await readFields(ctx);
  return jsonResponse(savedQueryJson(ctx.services.api.stores.savedQueries.create(p.tenant, p.userId, fields)), 201);
}

export async function handleReplace(ctx: RouteContext): Promise<Response> {
  const p = principalOf(ctx);
  const fields = await readFields(ctx);
  return jsonResponse(savedQueryJson(ctx.services.api.stores.savedQueries.replace(p.tenant, ctx.params.id, ownerScope(p), fields)));
}

export function handleDelete(ctx: RouteContext): Response {
  const p = principalOf(ctx);
  ctx.services.api.stores.savedQueries.delete(p.tenant, ctx.params.id, ownerScope(p));
  return new Response(null, { status: 204 });
}

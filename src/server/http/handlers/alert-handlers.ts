/** `/api/v1/alerts` (admin only): alert rules of the caller's tenant, stored for the evaluator to come. */
import type { AlertRuleFields } from '../../../meta/index.ts';
import { jsonResponse } from '../json-response.ts';
import { optionalBoolean, optionalInteger, optionalString, readJsonObject, requiredString } from '../request-body.ts';
import { principalOf, type RouteContext } from '../route-context.ts';
import { alertRuleJson, listJson } from './api-objects.ts';

async function readFields(ctx: RouteContext): Promise<AlertRuleFields> {
  const body = await readJsonObject(ctx.request, ctx.services.api.settings.maxJsonBodyBytes);
  return {
    name: requiredString(body, 'name'),
    sql: requiredString(body, 'sql'),
    description: optionalString(body, 'description'),
    condition: body.condition ?? undefined,
    forSeconds: optionalInteger(body, 'for_seconds'),
    enabled: optionalBoolean(body, 'enabled'),
  };
}

export function handleList(ctx: RouteContext): Response {
  return jsonResponse(listJson(ctx.services.api.stores.alertRules.list(principalOf(ctx).tenant).map(alertRuleJson)));
}

export function handleGet(ctx: RouteContext): Response {
  return jsonResponse(alertRuleJson(ctx.services.api.stores.alertRules.get(principalOf(ctx).tenant, ctx.params.id)));
}

export async function handleCreate(ctx: RouteContext): Promise<Response> {
  const fields = await readFields(ctx);
  return jsonResponse(alertRuleJson(ctx.services.api.stores.alertRules.create(principalOf(ctx).tenant, fields)), 201);
}

export async function handleReplace(ctx: RouteContext): Promise<Response> {
  const fields = await readFields(ctx);
  return jsonResponse(alertRuleJson(ctx.services.api.stores.alertRules.replace(principalOf(ctx).tenant, ctx.params.id, fields)));
}

export function handleDelete(ctx: RouteContext): Response {
  ctx.services.api.stores.alertRules.delete(principalOf(ctx).tenant, ctx.params.id);
  return new Response(null, { status: 204 });
}

/**
 * `/api/v1/dashboards`: everyone in the tenant reads; admins create, replace, delete and
 * import. Documents follow src/meta/FORMAT-dashboards.md; `/import?overwrite=true`
 * replaces a dashboard of the same name instead of answering 409.
 */
import { exportDashboard, parseDashboardDocument } from '../../../meta/index.ts';
import { jsonResponse } from '../json-response.ts';
import { readJsonObject } from '../request-body.ts';
import { principalOf, type RouteContext } from '../route-context.ts';
import { dashboardJson, listJson } from './api-objects.ts';

export function handleList(ctx: RouteContext): Response {
  return jsonResponse(listJson(ctx.services.api.stores.dashboards.list(principalOf(ctx).tenant).map(dashboardJson)));
}

export function handleGet(ctx: RouteContext): Response {
  return jsonResponse(dashboardJson(ctx.services.api.stores.dashboards.get(principalOf(ctx).tenant, ctx.params.id)));
}

export function handleExport(ctx: RouteContext): Response {
  const d = ctx.services.api.stores.dashboards.get(principalOf(ctx).tenant, ctx.params.id);
  const filename = `${d.name.replace(/[^A-Za-z0-9._-]+/g, '_') || 'dashboard'}.json`;
  return jsonResponse(exportDashboard(d), 200, { 'content-disposition': `attachment; filename="${filename}"` });
}

export async function handleCreate(ctx: RouteContext): Promise<Response> {
  const p = principalOf(ctx);
  const body = await readJsonObject(ctx.request, ctx.services.api.settings.maxJsonBodyBytes);
  return jsonResponse(dashboardJson(ctx.services.api.stores.dashboards.create(p.tenant, p.userId, parseDashboardDocument(body))), 201);
}

export async function handleImport(ctx: RouteContext): Promise<Response> {
  const p = principalOf(ctx);
  const body = await readJsonObject(ctx.request, ctx.services.api.settings.maxJsonBodyBytes);
  const overwrite = ctx.url.searchParams.get('overwrite') === 'true';
  const { dashboard, created } = ctx.services.api.stores.dashboards.import(p.tenant, p.userId, parseDashboardDocument(body), overwrite);
  return jsonResponse(dashboardJson(dashboard), created ? 201 : 200);
}

export async function handleReplace(ctx: RouteContext): Promise<Response> {
  const body = await readJsonObject(ctx.request, ctx.services.api.settings.maxJsonBodyBytes);
  return jsonResponse(dashboardJson(ctx.services.api.stores.dashboards.replace(principalOf(ctx).tenant, ctx.params.id, parseDashboardDocument(body))));
}

export function handleDelete(ctx: RouteContext): Response {
  ctx.services.api.stores.dashboards.delete(principalOf(ctx).tenant, ctx.params.id);
  return new Response(null, { status: 204 });
}

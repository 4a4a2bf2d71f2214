/**
 * handlers/: one file per API resource (auth, own password, query, schema, users, API keys, saved
 * queries, dashboards, alerts, /metrics). Each exports plain `handle*` functions that
 * routes.ts lists; access checks happen before they run, so a handler only scopes its
 * work to `principalOf(ctx).tenant`. JSON shapes of metadata objects: api-objects.ts.
 * Start reading at query-handler.ts.
 */
export * as alertHandlers from './alert-handlers.ts';
export * as apiKeyHandlers from './api-key-handlers.ts';
export * as authHandlers from './auth-handlers.ts';
export * as dashboardHandlers from './dashboard-handlers.ts';
export * as savedQueryHandlers from './saved-query-handlers.ts';
export * as userHandlers from './user-handlers.ts';
export { handleMetrics } from './metrics-handler.ts';
export { handleChangePassword } from './password-handlers.ts';
export { handleQuery } from './query-handler.ts';
export { handleSchema } from './schema-handler.ts';

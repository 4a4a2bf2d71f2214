/**
 * How metadata objects look in the API: snake_case fields, never a password or key
 * hash, tenant implied by the caller (so it is not repeated).
 */
import type { AlertRule, ApiKey, Dashboard, SavedQuery, User } from '../../../meta/index.ts';

export const userJson = (u: User) => ({ id: u.id, username: u.username, role: u.role, tenant: u.tenant, created_at: u.createdAt, updated_at: u.updatedAt });

export const apiKeyJson = (k: ApiKey) => ({ id: k.id, name: k.name, prefix: k.prefix, created_at: k.createdAt, updated_at: k.updatedAt });

export const savedQueryJson = (q: SavedQuery) => ({
  id: q.id,
  name: q.name,
  sql: q.sql,
  description: q.description,
  owner_id: q.ownerId,
  created_at: q.createdAt,
  updated_at: q.updatedAt,
});

export const dashboardJson = (d: Dashboard) => ({
  id: d.id,
  name: d.name,
  description: d.description,
  layout_json: d.layout,
  created_by: d.createdBy,
  created_at: d.createdAt,
  updated_at: d.updatedAt,
});

export const alertRuleJson = (a: AlertRule) => ({
  id: a.id,
  name: a.name,
  description: a.description,
  sql: a.sql,
  condition: a.condition,
  for_seconds: a.forSeconds,
  enabled: a.enabled,
  created_at: a.createdAt,
  updated_at: a.updatedAt,
});

/** A list response: `{"items": [...]}` (an object, so fields can be added later). */
export const listJson = <T>(items: readonly T[]) => ({ items });

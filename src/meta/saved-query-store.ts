/**
 * Saved queries: named SQL text per tenant. Readers see and change only their own;
 * admins every one of their tenant (the caller passes `ownerId: null` for "any owner").
 */
import type { Clock } from '../common/index.ts';
import type { MetaDb } from './db.ts';
import { MetaConflictError, MetaNotFoundError, MetaValidationError } from './errors.ts';
import { validateName, validateTenant, validateText } from './field-rules.ts';

export interface SavedQuery {
  readonly id: string;
  readonly tenant: string;
  /** The user who saved it; null for queries saved by no user (e.g. imported). */
  readonly ownerId: string | null;
  readonly name: string;
  readonly sql: string;
  readonly description: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface SavedQueryFields {
  readonly name: string;
  readonly sql: string;
  readonly description?: string;
}

interface SavedQueryRow {
  id: string;
  tenant: string;
  owner_id: string | null;
  name: string;
  sql: string;
  description: string;
  created_at: string;
  updated_at: string;
}

const MAX_SQL_CHARS = 100_000;
const MAX_DESCRIPTION_CHARS = 10_000;

function toSavedQuery(r: SavedQueryRow): SavedQuery {
  return {
    id: r.id,
    tenant: r.tenant,
    ownerId: r.owner_id,
    name: r.name,
    sql: r.sql,
    description: r.description,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function checkFields(fields: SavedQueryFields): { name: string; sql: string; description: string } {
  const name = validateName('saved query', fields.name);
  if (fields.sql.trim() === '') throw new MetaValidationError('sql must not be empty');
  return {
    name,
    sql: validateText('sql', fields.sql, MAX_SQL_CHARS),
    description: validateText('description', fields.description ?? '', MAX_DESCRIPTION_CHARS),
  };
}

export class SavedQueryStore {
  constructor(
    private readonly db: MetaDb,
    private readonly clock: Clock,
  ) {}

  /** Saves a query owned by `ownerId`; 409 when the name is taken in the tenant. */
  create(tenant: string, ownerId: string | null, fields: SavedQueryFields): SavedQuery {
    validateTenant(tenant);
    const f = checkFields(fields);
    const now = new Date(this.clock.nowMs()).toISOString();
    return this.db.transaction(() => {
      this.assertNameFree(tenant, f.name, null);
      const id = crypto.randomUUID();
      this.db.run(
        `INSERT INTO saved_queries (id, tenant, owner_id, name, sql, description, created_at, updated_at)
         VALUES ($id, $tenant, $owner, $name, $sql, $description, $now, $now)`,
        { id, tenant, owner: ownerId, ...f, now },
      );
      return this.get(tenant, id, null);
    });
  }

  /** Queries of the tenant, restricted to one owner unless `ownerId` is null. */
  list(tenant: string, ownerId: string | null): SavedQuery[] {
    const rows =
      ownerId === null
        ? this.db.all<SavedQueryRow>('SELECT * FROM saved_queries WHERE tenant = $tenant ORDER BY name', { tenant })
        : this.db.all<SavedQueryRow>('SELECT * FROM saved_queries WHERE tenant = $tenant AND owner_id = $owner ORDER BY name', { tenant, owner: ownerId });
    return rows.map(toSavedQuery);
  }

  /** One query; 404 when absent, in another tenant, or owned by someone else (when `ownerId` is set). */
  get(tenant: string, id: string, ownerId: string | null): SavedQuery {
    const row = this.db.get<SavedQueryRow>('SELECT * FROM saved_queries WHERE id = $id AND tenant = $tenant', { id, tenant });
    if (row === null || (ownerId !== null && row.owner_id !== ownerId)) throw new MetaNotFoundError('saved query');
    return toSavedQuery(row);
  }

  /** Replaces name, sql and description. */
  replace(tenant: string, id: string, ownerId: string | null, fields: SavedQueryFields): SavedQuery {
    const f = checkFields(fields);
    const now = new Date(this.clock.nowMs()).toISOString();
    return this.db.transaction(() => {
      this.get(tenant, id, ownerId);
      this.assertNameFree(tenant, f.name, id);
      this.db.run('UPDATE saved_queries SET name = $name, sql = $sql, description = $description, updated_at = $now WHERE id = $id', {
        id,
        ...f,
        now,
      });
      return this.get(tenant, id, null);
    });
  }

  delete(tenant: string, id: string, ownerId: string | null): void {
    this.db.transaction(() => {
      this.get(tenant, id, ownerId);
      this.db.run('DELETE FROM saved_queries WHERE id = $id', { id });
    });
  }

  private assertNameFree(tenant: string, name: string, exceptId: string | null): void {
    const row = this.db.get<{ id: string }>('SELECT id FROM saved_queries WHERE tenant = $tenant AND name = $name', { tenant, name });
    if (row !== null && row.id !== exceptId) throw new MetaConflictError(`a saved query named "${name}" already exists`);
  }
}

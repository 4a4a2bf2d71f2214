/**
 * Dashboards: name, description and a validated layout (FORMAT-dashboards.md) per
 * tenant, plus the export/import document that moves them between installs.
 */
import type { Clock } from '../common/index.ts';
import { isJsonObject, parseDashboardLayout, type JsonObject } from './dashboard-layout.ts';
import type { MetaDb } from './db.ts';
import { MetaConflictError, MetaNotFoundError, MetaValidationError } from './errors.ts';
import { validateName, validateTenant, validateText } from './field-rules.ts';

export interface Dashboard {
  readonly id: string;
  readonly tenant: string;
  readonly name: string;
  readonly description: string;
  readonly layout: JsonObject;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The fields a client sends; `layout_json` may be an object or JSON text. */
export interface DashboardFields {
  readonly name: string;
  readonly description?: string;
  readonly layout_json?: unknown;
}

/** What export produces and import accepts (FORMAT-dashboards.md). */
export interface DashboardDocument {
  readonly name: string;
  readonly description: string;
  readonly layout_json: JsonObject;
}

interface DashboardRow {
  id: string;
  tenant: string;
  name: string;
  description: string;
  layout_json: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

const MAX_DESCRIPTION_CHARS = 10_000;
const MAX_LAYOUT_BYTES = 1 << 20;

function toDashboard(r: DashboardRow): Dashboard {
  return {
    id: r.id,
    tenant: r.tenant,
    name: r.name,
    description: r.description,
    layout: JSON.parse(r.layout_json) as JsonObject,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function checkFields(fields: DashboardFields): { name: string; description: string; layout: string } {
  const name = validateName('dashboard', fields.name);
  const description = validateText('description', fields.description ?? '', MAX_DESCRIPTION_CHARS);
  const layout = JSON.stringify(parseDashboardLayout(fields.layout_json));
  if (layout.length > MAX_LAYOUT_BYTES) throw new MetaValidationError(`layout_json is larger than ${MAX_LAYOUT_BYTES} bytes`);
  return { name, description, layout };
}

/** Reads an import document: `{name, description?, layout_json?}`; other keys are ignored. */
export function parseDashboardDocument(value: unknown): DashboardFields {
  if (!isJsonObject(value)) throw new MetaValidationError('a dashboard document must be a JSON object');
  if (typeof value.name !== 'string') throw new MetaValidationError('name is required and must be a string');
  if (value.description !== undefined && value.description !== null && typeof value.description !== 'string') {
    throw new MetaValidationError('description must be a string');
  }
  return { name: value.name, description: value.description ?? '', layout_json: value.layout_json };
}

/** The export document of a dashboard. */
export function exportDashboard(d: Dashboard): DashboardDocument {
  return { name: d.name, description: d.description, layout_json: d.layout };
}

export class DashboardStore {
  constructor(
    private readonly db: MetaDb,
    private readonly clock: Clock,
  ) {}

  /** Creates a dashboard; 409 when the name is taken in the tenant. */
  create(tenant: string, createdBy: string | null, fields: DashboardFields): Dashboard {
    validateTenant(tenant);
    const f = checkFields(fields);
    const now = new Date(this.clock.nowMs()).toISOString();
    return this.db.transaction(() => {
      this.assertNameFree(tenant, f.name, null);
      const id = crypto.randomUUID();
      this.db.run(
        `INSERT INTO dashboards (id, tenant, name, description, layout_json, created_by, created_at, updated_at)
         VALUES ($id, $tenant, $name, $description, $layout, $by, $now, $now)`,
        { id, tenant, ...f, by: createdBy, now },
      );
      return this.get(tenant, id);
    });
  }

  /** Creates from an import document, or replaces the same-named dashboard when `overwrite`. */
  import(tenant: string, createdBy: string | null, fields: DashboardFields, overwrite: boolean): { dashboard: Dashboard; created: boolean } {
    return this.db.transaction(() => {
      const existing = this.db.get<{ id: string }>('SELECT id FROM dashboards WHERE tenant = $tenant AND name = $name', {
        tenant,
        name: fields.name.trim(),
      });
      if (existing !== null && overwrite) return { dashboard: this.replace(tenant, existing.id, fields), created: false };
      return { dashboard: this.create(tenant, createdBy, fields), created: true };
    });
  }

  list(tenant: string): Dashboard[] {
    return this.db.all<DashboardRow>('SELECT * FROM dashboards WHERE tenant = $tenant ORDER BY name', { tenant }).map(toDashboard);
  }

  /** One dashboard of the tenant; 404 otherwise. */
  get(tenant: string, id: string): Dashboard {
    const row = this.db.get<DashboardRow>('SELECT * FROM dashboards WHERE id = $id AND tenant = $tenant', { id, tenant });
    if (row === null) throw new MetaNotFoundError('dashboard');
    return toDashboard(row);
  }

  /** Replaces name, description and layout. */
  replace(tenant: string, id: string, fields: DashboardFields): Dashboard {
    const f = checkFields(fields);
    const now = new Date(this.clock.nowMs()).toISOString();
    return this.db.transaction(() => {
      this.get(tenant, id);
      this.assertNameFree(tenant, f.name, id);
      this.db.run('UPDATE dashboards SET name = $name, description = $description, layout_json = $layout, updated_at = $now WHERE id = $id', {
        id,
        ...f,
        now,
      });
      return this.get(tenant, id);
    });
  }

  delete(tenant: string, id: string): void {
    if (this.db.run('DELETE FROM dashboards WHERE id = $id AND tenant = $tenant', { id, tenant }) === 0) throw new MetaNotFoundError('dashboard');
  }

  private assertNameFree(tenant: string, name: string, exceptId: string | null): void {
    const row = this.db.get<{ id: string }>('SELECT id FROM dashboards WHERE tenant = $tenant AND name = $name', { tenant, name });
    if (row !== null && row.id !== exceptId) throw new MetaConflictError(`a dashboard named "${name}" already exists`);
  }
}

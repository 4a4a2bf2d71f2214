/**
 * Alert rules: stored only, evaluation comes with a later issue (SPEC §10). A rule is a
 * SQL query plus a free-form condition object the evaluator will interpret.
 */
import type { Clock } from '../common/index.ts';
import { isJsonObject, type JsonObject } from './dashboard-layout.ts';
import type { MetaDb } from './db.ts';
import { MetaConflictError, MetaNotFoundError, MetaValidationError } from './errors.ts';
import { validateName, validateTenant, validateText } from './field-rules.ts';

export interface AlertRule {
  readonly id: string;
  readonly tenant: string;
  readonly name: string;
  readonly description: string;
  readonly sql: string;
  /** e.g. `{"op": ">", "threshold": 0.05}`; interpreted by the future evaluator. */
  readonly condition: JsonObject;
  /** How long the condition must hold before firing. */
  readonly forSeconds: number;
  readonly enabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface AlertRuleFields {
  readonly name: string;
  readonly description?: string;
  readonly sql: string;
  readonly condition?: unknown;
  readonly forSeconds?: number;
  readonly enabled?: boolean;
}

interface AlertRuleRow {
  id: string;
  tenant: string;
  name: string;
  description: string;
  sql: string;
  condition_json: string;
  for_seconds: number;
  enabled: number;
  created_at: string;
  updated_at: string;
}

function toAlertRule(r: AlertRuleRow): AlertRule {
  return {
    id: r.id,
    tenant: r.tenant,
    name: r.name,
    description: r.description,
    sql: r.sql,
    condition: JSON.parse(r.condition_json) as JsonObject,
    forSeconds: r.for_seconds,
    enabled: r.enabled === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function checkFields(fields: AlertRuleFields) {
  const name = validateName('alert rule', fields.name);
  if (fields.sql.trim() === '') throw new MetaValidationError('sql must not be empty');
  const condition = fields.condition ?? {};
  if (!isJsonObject(condition)) throw new MetaValidationError('condition must be an object');
  const forSeconds = fields.forSeconds ?? 0;
  if (!Number.isInteger(forSeconds) || forSeconds < 0 || forSeconds > 86_400 * 7) throw new MetaValidationError('for_seconds must be an integer from 0 to 604800');
  return {
    name,
    description: validateText('description', fields.description ?? '', 10_000),
    sql: validateText('sql', fields.sql, 100_000),
    condition: JSON.stringify(condition),
    forSeconds,
    enabled: fields.enabled ?? true ? 1 : 0,
  };
}

export class AlertRuleStore {
  constructor(
    private readonly db: MetaDb,
    private readonly clock: Clock,
  ) {}

  /** Creates a rule; 409 when the name is taken in the tenant. */
  create(tenant: string, fields: AlertRuleFields): AlertRule {
    validateTenant(tenant);
    const f = checkFields(fields);
    const now = new Date(this.clock.nowMs()).toISOString();
    return this.db.transaction(() => {
      this.assertNameFree(tenant, f.name, null);
      const id = crypto.randomUUID();
      this.db.run(
        `INSERT INTO alert_rules (id, tenant, name, description, sql, condition_json, for_seconds, enabled, created_at, updated_at)
         VALUES ($id, $tenant, $name, $description, $sql, $condition, $forSeconds, $enabled, $now, $now)`,
        { id, tenant, ...f, now },
      );
      return this.get(tenant, id);
    });
  }

  list(tenant: string): AlertRule[] {
    return this.db.all<AlertRuleRow>('SELECT * FROM alert_rules WHERE tenant = $tenant ORDER BY name', { tenant }).map(toAlertRule);
  }

  /** One rule of the tenant; 404 otherwise. */
  get(tenant: string, id: string): AlertRule {
    const row = this.db.get<AlertRuleRow>('SELECT * FROM alert_rules WHERE id = $id AND tenant = $tenant', { id, tenant });
    if (row === null) throw new MetaNotFoundError('alert rule');
    return toAlertRule(row);
  }

  replace(tenant: string, id: string, fields: AlertRuleFields): AlertRule {
    const f = checkFields(fields);
    const now = new Date(this.clock.nowMs()).toISOString();
    return this.db.transaction(() => {
      this.get(tenant, id);
      this.assertNameFree(tenant, f.name, id);
      this.db.run(
        `UPDATE alert_rules SET name = $name, description = $description, sql = $sql, condition_json = $condition,
         for_seconds = $forSeconds, enabled = $enabled, updated_at = $now WHERE id = $id`,
        { id, ...f, now },
      );
      return this.get(tenant, id);
    });
  }

  delete(tenant: string, id: string): void {
    if (this.db.run('DELETE FROM alert_rules WHERE id = $id AND tenant = $tenant', { id, tenant }) === 0) throw new MetaNotFoundError('alert rule');
  }

  private assertNameFree(tenant: string, name: string, exceptId: string | null): void {
    const row = this.db.get<{ id: string }>('SELECT id FROM alert_rules WHERE tenant = $tenant AND name = $name', { tenant, name });
    if (row !== null && row.id !== exceptId) throw new MetaConflictError(`an alert rule named "${name}" already exists`);
  }
}

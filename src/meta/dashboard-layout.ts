/**
 * Validation of a dashboard's `layout_json` (format in FORMAT-dashboards.md). Known fields
 * are checked and defaulted; unknown keys are kept so newer UIs can add settings.
 */
import { MetaValidationError } from './errors.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type PanelType = 'timeseries' | 'bar' | 'stat' | 'table';
export const PANEL_TYPES: readonly PanelType[] = ['timeseries', 'bar', 'stat', 'table'];
export type VariableType = 'query' | 'custom' | 'text';
const VARIABLE_TYPES: readonly VariableType[] = ['query', 'custom', 'text'];

export const GRID_COLUMNS = 12;
const MAX_PANELS = 200;
const MAX_VARIABLES = 50;
const MAX_SQL_CHARS = 100_000;
const MIN_REFRESH_SECONDS = 5;

const RELATIVE_TIME = /^now(-\d+[smhdw])?$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const REFRESH = /^(\d+)([smhd])$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(path: string, message: string): never {
  throw new MetaValidationError(`layout_json${path}: ${message}`);
}

function integerIn(obj: JsonObject, key: string, path: string, min: number, max: number): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isInteger(v)) fail(`${path}.${key}`, 'must be an integer');
  if (v < min || v > max) fail(`${path}.${key}`, `must be between ${min} and ${max}`);
  return v;
}

function optionalString(obj: JsonObject, key: string, path: string, fallback: string, maxChars: number): string {
  const v = obj[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'string') fail(`${path}.${key}`, 'must be a string');
  if (v.length > maxChars) fail(`${path}.${key}`, `is longer than ${maxChars} characters`);
  return v;
}

function checkTime(value: JsonValue | undefined, path: string): string {
  if (typeof value !== 'string' || !(RELATIVE_TIME.test(value) || (RFC3339.test(value) && !Number.isNaN(Date.parse(value))))) {
    fail(path, 'must be "now", "now-<n><s|m|h|d|w>" or an RFC 3339 time');
  }
  return value;
}

function checkRefresh(value: JsonValue | undefined): string | null {
  if (value === undefined || value === null || value === 'off') return null;
  const m = typeof value === 'string' ? REFRESH.exec(value) : null;
  if (m === null) fail('.refresh', 'must be null, "off" or "<n><s|m|h|d>"');
  if (Number(m[1]) * UNIT_SECONDS[m[2]] < MIN_REFRESH_SECONDS) fail('.refresh', `must be at least ${MIN_REFRESH_SECONDS}s`);
  return value as string;
}

function checkPanel(value: JsonValue, index: number, ids: Set<string>): JsonObject {
  const path = `.panels[${index}]`;
  if (!isJsonObject(value)) fail(path, 'must be an object');
  const id = value.id;
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) fail(`${path}.id`, 'must be a string of 1-64 characters');
  if (ids.has(id)) fail(`${path}.id`, `"${id}" is used by another panel`);
  ids.add(id);
  const type = value.type;
  if (typeof type !== 'string' || !PANEL_TYPES.includes(type as PanelType)) fail(`${path}.type`, `must be one of ${PANEL_TYPES.join(', ')}`);
  const sql = value.sql;
  if (typeof sql !== 'string' || sql.trim() === '') fail(`${path}.sql`, 'must be a non-empty string');
  if (sql.length > MAX_SQL_CHARS) fail(`${path}.sql`, `is longer than ${MAX_SQL_CHARS} characters`);
  const x = integerIn(value, 'x', path, 0, GRID_COLUMNS - 1);
  const y = integerIn(value, 'y', path, 0, 100_000);
  const w = integerIn(value, 'w', path, 1, GRID_COLUMNS);
  const h = integerIn(value, 'h', path, 1, 100);
  if (x + w > GRID_COLUMNS) fail(path, `x + w must be at most ${GRID_COLUMNS} (got ${x} + ${w})`);
  const options = value.options ?? {};
  if (!isJsonObject(options)) fail(`${path}.options`, 'must be an object');
  const title = optionalString(value, 'title', path, '', 200);
  return { ...value, id, title, type, sql, x, y, w, h, options };
}

function checkVariable(value: JsonValue, index: number, names: Set<string>): JsonObject {
  const path = `.variables[${index}]`;
  if (!isJsonObject(value)) fail(path, 'must be an object');
  const name = value.name;
  if (typeof name !== 'string' || !VARIABLE_NAME.test(name) || name.startsWith('__') || name.length > 64) {
    fail(`${path}.name`, 'must be an identifier ([A-Za-z_][A-Za-z0-9_]*, at most 64 chars) not starting with "__"');
  }
  if (names.has(name)) fail(`${path}.name`, `"${name}" is defined twice`);
  names.add(name);
  const type = value.type;
  if (typeof type !== 'string' || !VARIABLE_TYPES.includes(type as VariableType)) fail(`${path}.type`, `must be one of ${VARIABLE_TYPES.join(', ')}`);
  if (type === 'query' && (typeof value.sql !== 'string' || value.sql.trim() === '')) fail(`${path}.sql`, 'is required for a query variable');
  if (type === 'custom') {
    const options = value.options;
    if (!Array.isArray(options) || options.some((o) => typeof o !== 'string')) fail(`${path}.options`, 'must be an array of strings for a custom variable');
  }
  if (value.default !== undefined && value.default !== null && typeof value.default !== 'string') fail(`${path}.default`, 'must be a string');
  if (value.multi !== undefined && typeof value.multi !== 'boolean') fail(`${path}.multi`, 'must be a boolean');
  if (value.label !== undefined && typeof value.label !== 'string') fail(`${path}.label`, 'must be a string');
  return { ...value, name, type };
}

/** Validates a layout (object or JSON text) and returns it with defaults filled in. */
export function parseDashboardLayout(input: unknown): JsonObject {
  let value: unknown = input ?? {};
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      fail('', 'is a string but not valid JSON');
    }
  }
  if (!isJsonObject(value)) fail('', 'must be an object');
  const version = value.version ?? 1;
  if (version !== 1) fail('.version', 'must be 1');
  const range = value.time_range ?? { from: 'now-1h', to: 'now' };
  if (!isJsonObject(range)) fail('.time_range', 'must be an object {from, to}');
  const timeRange = { ...range, from: checkTime(range.from, '.time_range.from'), to: checkTime(range.to, '.time_range.to') };
  const variables = value.variables ?? [];
  if (!Array.isArray(variables)) fail('.variables', 'must be an array');
  if (variables.length > MAX_VARIABLES) fail('.variables', `has more than ${MAX_VARIABLES} entries`);
  const names = new Set<string>();
  const panels = value.panels ?? [];
  if (!Array.isArray(panels)) fail('.panels', 'must be an array');
  if (panels.length > MAX_PANELS) fail('.panels', `has more than ${MAX_PANELS} entries`);
  const ids = new Set<string>();
  return {
    ...value,
    version: 1,
    time_range: timeRange,
    refresh: checkRefresh(value.refresh),
    variables: variables.map((v, i) => checkVariable(v, i, names)),
    panels: panels.map((p, i) => checkPanel(p, i, ids)),
  };
}

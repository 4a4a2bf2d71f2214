/**
 * The dashboard document kept in `layout_json`, version 1 of src/meta/FORMAT-dashboards.md
 * (the authority): panels on a 12-column grid (`x`, `y`, `w`, `h` in grid units), each
 * with `id`, `title`, `type` (timeseries | bar | stat | table), `sql` and free-form
 * `options`; variables (query | custom | text); `time_range`; `refresh`. Unknown keys are
 * kept. `normalizeDashboard` also accepts what a person may paste (missing fields,
 * Grafana-style `gridPos`/`targets[].rawSql`/`templating.list`) and returns a complete
 * document plus readable problems.
 */

export type PanelType = 'timeseries' | 'bar' | 'stat' | 'table';
export const PANEL_TYPES: readonly PanelType[] = ['timeseries', 'bar', 'stat', 'table'];

export interface Panel {
  id: string;
  title: string;
  type: PanelType;
  sql: string;
  x: number;
  y: number;
  w: number;
  h: number;
  options: Record<string, unknown>;
  description?: string;
  [extra: string]: unknown;
}

export type VariableType = 'query' | 'custom' | 'text';

export interface Variable {
  name: string;
  type: VariableType;
  label?: string;
  /** `query`: SQL whose first column gives the choices. */
  sql?: string;
  /** `custom`: the choices. */
  options?: string[];
  /** Initial value. */
  default?: string;
  /** Several values at once, substituted as a quoted, comma-separated list for `IN (...)`. */
  multi?: boolean;
  [extra: string]: unknown;
}

export interface DashboardDoc {
  version: 1;
  time_range: { from: string; to: string };
  /** null (off) or a duration like `30s`, `1m`. */
  refresh: string | null;
  variables: Variable[];
  panels: Panel[];
  [extra: string]: unknown;
}

/** Grid width: 12 columns. */
export const GRID_COLUMNS = 12;
/** Pixel height of one grid row unit. */
export const GRID_ROW_PX = 40;

/** A new, empty dashboard document. */
export function emptyDashboard(): DashboardDoc {
  return { version: 1, time_range: { from: 'now-1h', to: 'now' }, refresh: null, variables: [], panels: [] };
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const asString = (v: unknown, dflt = ''): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : dflt);
const asInt = (v: unknown, dflt: number, min: number, max: number): number => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n))) : dflt;
};

/** Parses `layout_json` (text or object) into a complete document; `problems` explains fixes made. */
export function normalizeDashboard(raw: unknown): { doc: DashboardDoc; problems: string[] } {
  const problems: string[] = [];
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = value.trim() === '' ? {} : JSON.parse(value);
    } catch (err) {
      return { doc: emptyDashboard(), problems: [`layout is not valid JSON: ${err instanceof Error ? err.message : String(err)}`] };
    }
  }
  const src = asRecord(value);
  // Accept a whole export ({name, description, layout_json}) and Grafana's {dashboard: …} too.
  const wrapped = src.layout_json ?? src.dashboard;
  const inner = typeof wrapped === 'string' ? asRecord(safeParse(wrapped)) : wrapped && typeof wrapped === 'object' ? asRecord(wrapped) : src;
  const doc: DashboardDoc = { ...inner, ...emptyDashboard() };
  const rawPanels = Array.isArray(inner.panels) ? inner.panels : [];
  if (inner.panels !== undefined && !Array.isArray(inner.panels)) problems.push('"panels" must be an array');
  // Grafana's grid is 24 columns; halve its positions so imported layouts keep their shape.
  const grafanaGrid = rawPanels.some((p) => asRecord(p).gridPos !== undefined);
  const scale = grafanaGrid ? 0.5 : 1;
  const ids = new Set<string>();
  rawPanels.forEach((p, i) => {
    const r = asRecord(p);
    const grid = asRecord(r.gridPos);
    let type = asString(r.type, 'timeseries');
    if (type === 'graph' || type === 'time_series' || type === 'line') type = 'timeseries';
    if (type === 'barchart' || type === 'bargauge') type = 'bar';
    if (!PANEL_TYPES.includes(type as PanelType)) {
      problems.push(`panel ${i + 1}: unknown type "${type}" (use ${PANEL_TYPES.join(', ')}); shown as table`);
      type = 'table';
    }
    let sql = asString(r.sql);
    if (!sql && Array.isArray(r.targets) && r.targets.length > 0) {
      const t = asRecord(r.targets[0]);
      sql = asString(t.rawSql ?? t.sql ?? t.query);
    }
    if (!sql) problems.push(`panel ${i + 1}: no "sql"`);
    let id = asString(r.id, '') || `p${i + 1}`;
    while (ids.has(id)) id = `${id}_${i + 1}`;
    ids.add(id);
    const w = asInt((grid.w ?? r.w) !== undefined ? Number(grid.w ?? r.w) * scale : undefined, 6, 1, GRID_COLUMNS);
    const { gridPos: _gridPos, targets: _targets, ...rest } = r;
    doc.panels.push({
      ...rest,
      id,
      title: asString(r.title, `Panel ${i + 1}`),
      type: type as PanelType,
      sql,
      x: asInt((grid.x ?? r.x) !== undefined ? Number(grid.x ?? r.x) * scale : undefined, 0, 0, GRID_COLUMNS - w),
      y: asInt(grid.y ?? r.y, i * 6, 0, 10_000),
      w,
      h: asInt(grid.h ?? r.h, 6, 1, 100),
      options: asRecord(r.options),
    });
  });
  const templating = asRecord(inner.templating);
  const rawVars = Array.isArray(inner.variables) ? inner.variables : Array.isArray(templating.list) ? templating.list : [];
  for (const [i, v] of rawVars.entries()) {
    const r = asRecord(v);
    const name = asString(r.name).replace(/[^\w]/g, '');
    if (!name) {
      problems.push(`variable ${i + 1}: no "name"`);
      continue;
    }
    const rawType = r.type === 'textbox' || r.type === 'constant' ? 'text' : r.type;
    const type = (['query', 'custom', 'text'] as const).find((t) => t === rawType) ?? (r.sql || r.query ? 'query' : r.options ? 'custom' : 'text');
    const options = Array.isArray(r.options)
      ? r.options.map((o) => (typeof o === 'object' && o !== null ? asString(asRecord(o).value) : asString(o)))
      : typeof r.query === 'string' && type === 'custom'
        ? r.query.split(',').map((s) => s.trim())
        : undefined;
    const { query: _query, current: _current, ...rest } = r;
    const variable: Variable = { ...rest, name, type };
    if (typeof r.label === 'string') variable.label = r.label;
    if (type === 'query') variable.sql = asString(r.sql ?? r.query);
    if (r.multi === true) variable.multi = true;
    if (options) variable.options = options;
    const dflt = r.default ?? asRecord(r.current).value;
    if (dflt !== undefined) variable.default = asString(dflt);
    doc.variables.push(variable);
  }
  const time = asRecord(inner.time_range ?? inner.time);
  if (typeof time.from === 'string' && typeof time.to === 'string') doc.time_range = { from: time.from, to: time.to };
  if (typeof inner.refresh === 'string' && inner.refresh !== 'off' && inner.refresh !== '') doc.refresh = inner.refresh;
  if (doc.refresh !== null && refreshMs(doc.refresh) === 0) {
    problems.push(`refresh "${doc.refresh}" is not like 30s, 1m or 1h; auto-refresh is off`);
    doc.refresh = null;
  }
  delete doc.dashboard;
  delete doc.templating;
  delete doc.time;
  return { doc, problems };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** Milliseconds of a refresh interval like `10s`, `1m`, `1h`, `1d`; 0 when off or invalid. */
export function refreshMs(refresh: string | null): number {
  const m = /^(\d+)(s|m|h|d)$/.exec((refresh ?? '').trim());
  if (!m) return 0;
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
}

/** The lowest free row for a new panel of height `h`. */
export function nextFreeY(doc: DashboardDoc): number {
  return doc.panels.reduce((max, p) => Math.max(max, p.y + p.h), 0);
}

/** A panel id not used by `doc`. */
export function newPanelId(doc: DashboardDoc): string {
  let i = doc.panels.length + 1;
  while (doc.panels.some((p) => p.id === `p${i}`)) i++;
  return `p${i}`;
}

/** Panels ordered for display: by row then column (the grid is laid out with CSS grid). */
export function sortedPanels(doc: DashboardDoc): Panel[] {
  return [...doc.panels].sort((a, b) => a.y - b.y || a.x - b.x);
}

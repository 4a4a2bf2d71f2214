/**
 * One dashboard: variables, global time range, auto-refresh and the panel grid. Admins
 * get an editor (`?edit=1`): the JSON document in CodeMirror beside a live preview, with
 * buttons to add panels and variables; readers see no edit controls at all.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DashboardRecord } from '../api/types.ts';
import { canEdit, useApp } from '../app-context.ts';
import { JsonEditor } from '../components/code-editor.tsx';
import { downloadFile, slugify } from '../components/download-file.ts';
import { TimeRangePicker } from '../components/time-range-picker.tsx';
import { useInterval } from '../components/use-query.ts';
import type { EditorHandle } from '../editor/codemirror-setup.ts';
import { DashboardGrid } from '../dashboards/dashboard-grid.tsx';
import { newPanelId, nextFreeY, normalizeDashboard, refreshMs, type DashboardDoc, type PanelType } from '../dashboards/dashboard-model.ts';
import { useVariableChoices, VariableBar, variablesReady, variableValues } from '../dashboards/variable-bar.tsx';
import { resolveRange, type TimeRange } from '../state/time-range.ts';
import { navigate, onLinkClick, updateParams, useUrl } from '../state/url-state.ts';

const REFRESH_CHOICES = ['', '5s', '10s', '30s', '1m', '5m', '15m', '1h'];

/** Starter SQL per panel type, using the dashboard placeholders. */
export const PANEL_TEMPLATES: Record<PanelType, string> = {
  timeseries: "SELECT date_bin(${__interval}, timestamp, TIMESTAMP '1970-01-01 00:00:00') AS t, service_name, count(*) AS spans\nFROM spans\nWHERE timestamp >= ${__from} AND timestamp < ${__to}\nGROUP BY 1, 2\nORDER BY 1",
  bar: 'SELECT service_name, count(*) AS logs\nFROM logs\nWHERE timestamp >= ${__from} AND timestamp < ${__to}\nGROUP BY 1\nORDER BY 2 DESC\nLIMIT 20',
  stat: "SELECT count(*) AS errors\nFROM spans\nWHERE status_code = 'ERROR' AND timestamp >= ${__from} AND timestamp < ${__to}",
  table: 'SELECT timestamp, service_name, severity_text, body\nFROM logs\nWHERE timestamp >= ${__from} AND timestamp < ${__to}\nORDER BY timestamp DESC\nLIMIT 100',
};

export function DashboardScreen(props: { id: string }): JSX.Element {
  const { api, user, toast } = useApp();
  const url = useUrl();
  const [record, setRecord] = useState<DashboardRecord | null>(null);
  const [error, setError] = useState('');
  const [draft, setDraft] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const jsonEditor = useRef<EditorHandle | null>(null);
  const editing = canEdit(user) && url.params.get('edit') === '1';

  useEffect(() => {
    api.getDashboard(props.id).then(setRecord, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, [api, props.id]);
  const saved = useMemo(() => (record ? normalizeDashboard(record.layout_json) : null), [record]);
  useEffect(() => {
    if (editing && saved && draft === null) setDraft(JSON.stringify(saved.doc, null, 2));
    if (!editing) setDraft(null);
  }, [editing, saved]);
  const preview = useMemo(() => (draft !== null ? normalizeDashboard(draft) : saved), [draft, saved]);
  const doc = preview?.doc ?? null;

  const range: TimeRange = { from: url.params.get('from') ?? doc?.time_range.from ?? 'now-1h', to: url.params.get('to') ?? doc?.time_range.to ?? 'now' };
  const refresh = url.params.get('refresh') ?? doc?.refresh ?? '';
  const resolved = useMemo(() => resolveRange(range, Date.now()), [range.from, range.to, nonce]);
  useInterval(() => setNonce((n) => n + 1), refreshMs(refresh));
  const choices = useVariableChoices(api, doc?.variables ?? [], resolved, nonce);
  const values = useMemo(() => (doc ? variableValues(doc.variables, url.params, choices) : {}), [doc, url.params, choices]);

  if (error) return <div class="content"><div class="error-box">{error}</div></div>;
  if (!record || !doc) return <div class="content muted">Loading dashboard…</div>;

  const setVar = (name: string, value: string | string[]): void => {
    const params = new URLSearchParams(location.search);
    params.delete(`var-${name}`);
    // No values at all is written as one empty value: a missing parameter means the default (all).
    const list = Array.isArray(value) ? value : [value];
    for (const v of list.length === 0 ? [''] : list) params.append(`var-${name}`, v);
    navigate(`${location.pathname}?${params.toString()}`);
  };
  const editDoc = (change: (d: DashboardDoc) => void): void => {
    const d = normalizeDashboard(draft ?? '{}').doc;
    change(d);
    const text = JSON.stringify(d, null, 2);
    setDraft(text);
    jsonEditor.current?.setText(text);
  };
  const save = async (): Promise<void> => {
    const parsed = normalizeDashboard(draft ?? '{}');
    if (draft !== null && parsed.problems.some((p) => p.startsWith('layout is not valid JSON'))) {
      toast('Fix the JSON before saving');
      return;
    }
    try {
      const updated = await api.updateDashboard(record.id, { name: record.name, description: record.description ?? '', layout_json: parsed.doc });
      setRecord(updated && typeof updated === 'object' && 'layout_json' in updated ? updated : { ...record, layout_json: parsed.doc });
      toast('Dashboard saved');
      updateParams({ edit: null });
    } catch (err) {
      toast(`Save failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const exportJson = async (): Promise<void> => {
    try {
      const exported = await api.exportDashboard(record.id);
      downloadFile(`${slugify(record.name)}.json`, JSON.stringify(exported, null, 2));
    } catch (err) {
      toast(`Export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const remove = async (): Promise<void> => {
    if (!confirm(`Delete dashboard "${record.name}"?`)) return;
    try {
      await api.deleteDashboard(record.id);
      navigate('/dashboards');
    } catch (err) {
      toast(`Delete failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const grid = (
    <DashboardGrid api={api} doc={doc} range={resolved} variables={values} nonce={nonce} ready={variablesReady(doc.variables, choices)} onZoom={(f, t) => updateParams({ from: new Date(f).toISOString(), to: new Date(t).toISOString() })} />
  );
  return (
    <>
      <div class="toolbar">
        <a href="/dashboards" onClick={(e) => onLinkClick(e, '/dashboards')}>
          ← Dashboards
        </a>
        <h1 data-testid="dashboard-title">{record.name}</h1>
        <VariableBar variables={doc.variables} values={values} choices={choices} onChange={setVar} />
        <span class="spacer" />
        <TimeRangePicker value={range} onChange={(r) => updateParams({ from: r.from, to: r.to })} />
        <select value={refresh ?? ''} onChange={(e) => updateParams({ refresh: e.currentTarget.value || 'off' })} title="Auto-refresh" data-testid="auto-refresh">
          {REFRESH_CHOICES.map((r) => (
            <option key={r} value={r}>
              {r ? `every ${r}` : 'auto-refresh off'}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => setNonce((n) => n + 1)} title="Refresh now">
          ↻
        </button>
        <button type="button" onClick={exportJson} data-testid="export-dashboard">
          Export
        </button>
        {canEdit(user) && !editing ? (
          <>
            <button type="button" onClick={() => updateParams({ edit: '1' })} data-testid="edit-dashboard">
              Edit
            </button>
            <button type="button" class="danger" onClick={remove} data-testid="delete-dashboard">
              Delete
            </button>
          </>
        ) : null}
      </div>
      {editing ? (
        <div class="content dash-edit" data-testid="dashboard-editor">
          <div style={{ display: 'flex', flexDirection: 'column', gap: '6px', minHeight: 0 }}>
            <div class="row">
              <select id="new-panel-type" aria-label="Panel type" data-testid="new-panel-type">
                <option value="timeseries">Time series</option>
                <option value="bar">Bar</option>
                <option value="stat">Stat</option>
                <option value="table">Table</option>
              </select>
              <button
                type="button"
                data-testid="add-panel"
                onClick={() => {
                  const type = (document.getElementById('new-panel-type') as HTMLSelectElement).value as PanelType;
                  editDoc((d) => {
                    const w = type === 'stat' ? 3 : 6;
                    const last = d.panels[d.panels.length - 1];
                    const fits = last && last.x + last.w + w <= 12;
                    d.panels.push({ id: newPanelId(d), title: `New ${type} panel`, type, sql: PANEL_TEMPLATES[type], x: fits ? last.x + last.w : 0, y: fits ? last.y : nextFreeY(d), w, h: 6, options: {} });
                  });
                }}
              >
                + Panel
              </button>
              <button
                type="button"
                data-testid="add-variable"
                onClick={() =>
                  editDoc((d) => {
                    let i = d.variables.length + 1;
                    while (d.variables.some((v) => v.name === `var${i}`)) i++;
                    d.variables.push({ name: d.variables.some((v) => v.name === 'service') ? `var${i}` : 'service', type: 'query', sql: 'SELECT DISTINCT service_name FROM spans ORDER BY 1' });
                  })
                }
              >
                + Variable
              </button>
              <span class="spacer" />
              <button
                type="button"
                onClick={() => {
                  // Leaving the editor drops the draft: ask first when it differs from what is saved.
                  if (draft !== null && saved && draft !== JSON.stringify(saved.doc, null, 2) && !confirm('Discard your unsaved changes to this dashboard?')) return;
                  updateParams({ edit: null });
                }}
              >
                Cancel
              </button>
              <button type="button" class="primary" onClick={save} data-testid="save-dashboard">
                Save
              </button>
            </div>
            {preview && preview.problems.length > 0 ? (
              <div class="error-box" data-testid="dashboard-problems">
                {preview.problems.join('\n')}
              </div>
            ) : null}
            <div style={{ flex: 1, minHeight: '300px' }}>
              {draft === null ? null : (
              <JsonEditor
                value={draft}
                onChange={setDraft}
                onReady={(h) => {
                  jsonEditor.current = h;
                }}
              />
              )}
            </div>
            <div class="muted" style={{ fontSize: '12px' }}>
              Placeholders: <code>{'${__from}'}</code> <code>{'${__to}'}</code> <code>{'${__interval}'}</code> <code>{'${variable}'}</code>. Grid: 12 columns, <code>x y w h</code> in grid units.
            </div>
          </div>
          <div style={{ overflow: 'auto', minHeight: 0 }} data-testid="dashboard-preview">
            {grid}
          </div>
        </div>
      ) : (
        <div class="content">{grid}</div>
      )}
    </>
  );
}

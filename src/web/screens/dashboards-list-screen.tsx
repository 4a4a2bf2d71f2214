/** Dashboards: the list, and (admins) create and import. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DashboardRecord } from '../api/types.ts';
import { canEdit, useApp } from '../app-context.ts';
import { TimeText } from '../components/time-text.tsx';
import { emptyDashboard, normalizeDashboard } from '../dashboards/dashboard-model.ts';
import { hrefWith, navigate, onLinkClick } from '../state/url-state.ts';

export function DashboardsListScreen(): JSX.Element {
  const { api, user, toast } = useApp();
  const [list, setList] = useState<DashboardRecord[] | null>(null);
  const [error, setError] = useState('');
  const [newName, setNewName] = useState<string | null>(null);
  const editor = canEdit(user);
  const fileInput = useRef<HTMLInputElement>(null);
  const load = (): void => {
    api.listDashboards().then(setList, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  };
  useEffect(load, [api]);

  const create = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!newName) return;
    try {
      const d = await api.createDashboard({ name: newName, description: '', layout_json: emptyDashboard() });
      navigate(hrefWith(`/dashboards/${encodeURIComponent(String(d.id))}`, { edit: '1' }));
    } catch (err) {
      toast(`Create failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const importFile = async (file: File): Promise<void> => {
    try {
      const parsed: unknown = JSON.parse(await file.text());
      const rec = (parsed && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>;
      const { doc, problems } = normalizeDashboard(rec);
      if (problems.length > 0) toast(`Imported with fixes: ${problems.join('; ')}`);
      const name = typeof rec.name === 'string' ? rec.name : typeof rec.title === 'string' ? rec.title : file.name.replace(/\.json$/, '');
      const d = await api.importDashboard({ name, description: typeof rec.description === 'string' ? rec.description : '', layout_json: doc });
      navigate(`/dashboards/${encodeURIComponent(String(d.id))}`);
    } catch (err) {
      toast(`Import failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  return (
    <>
      <div class="toolbar">
        <h1>Dashboards</h1>
        <span class="spacer" />
        {editor ? (
          <>
            {/* A real button (a label around a hidden input could not be reached with the keyboard). */}
            <button type="button" onClick={() => fileInput.current?.click()}>
              Import…
            </button>
            <input
              ref={fileInput}
              type="file"
              accept="application/json,.json"
              style={{ display: 'none' }}
              data-testid="import-dashboard"
              onChange={(e) => {
                const f = e.currentTarget.files?.[0];
                if (f) void importFile(f);
                e.currentTarget.value = '';
              }}
            />
            <button type="button" class="primary" onClick={() => setNewName('')} data-testid="new-dashboard">
              + New dashboard
            </button>
          </>
        ) : null}
      </div>
      <div class="content">
        {newName !== null ? (
          <form class="row" onSubmit={create} style={{ marginBottom: '10px' }}>
            <input placeholder="Dashboard name" value={newName} onInput={(e) => setNewName(e.currentTarget.value)} autofocus required data-testid="new-dashboard-name" />
            <button type="submit" class="primary">
              Create
            </button>
            <button type="button" onClick={() => setNewName(null)}>
              Cancel
            </button>
          </form>
        ) : null}
        {error ? <div class="error-box">{error}</div> : null}
        {!list && !error ? <div class="muted">Loading dashboards…</div> : null}
        {list && list.length === 0 ? <div class="empty">No dashboards yet.{editor ? ' Create one, or import a JSON export.' : ''}</div> : null}
        {list && list.length > 0 ? (
          <table class="plain" data-testid="dashboard-list">
            <thead>
              <tr>
                <th>Name</th>
                <th>Description</th>
                <th>Panels</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {list.map((d) => {
                const href = `/dashboards/${encodeURIComponent(String(d.id))}`;
                return (
                  <tr key={String(d.id)}>
                    <td>
                      <a href={href} onClick={(e) => onLinkClick(e, href)}>
                        {d.name}
                      </a>
                    </td>
                    <td class="muted">{d.description ?? ''}</td>
                    <td>{normalizeDashboard(d.layout_json).doc.panels.length}</td>
                    <td class="muted">
                      <TimeText value={d.updated_at} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
      </div>
    </>
  );
}

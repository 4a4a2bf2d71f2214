/**
 * Explore: a SQL editor with the schema rail, saved queries and the time range. The URL
 * holds the last run query (`sql`), the range and the result tab, so a link re-runs it.
 * Opening the screen runs the URL's query, or the example when the URL has none.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { parseSqlErrorPosition, positionToOffset } from '../api/api-error.ts';
import type { SavedQuery, SchemaTable } from '../api/types.ts';
import { canEdit, useApp } from '../app-context.ts';
import { SqlEditor } from '../components/code-editor.tsx';
import { copyText, curlForQuery } from '../components/copy-text.ts';
import { RESULT_TABS, ResultView, type ResultTab } from '../components/result-view.tsx';
import { TimeRangePicker } from '../components/time-range-picker.tsx';
import { useQuery } from '../components/use-query.ts';
import type { EditorHandle } from '../editor/codemirror-setup.ts';
import { expandMacrosWithMap, usesTimeRange } from '../sql/sql-macros.ts';
import { resolveRange } from '../state/time-range.ts';
import { rangeFromParams, updateParams, useUrl } from '../state/url-state.ts';

/** The query shown to a first-time visitor. */
export const EXAMPLE_SQL = `SELECT date_bin($__interval, timestamp, TIMESTAMP '1970-01-01 00:00:00') AS t,
       service_name, count(*) AS records
FROM logs
WHERE timestamp >= $__timeFrom AND timestamp < $__timeTo
GROUP BY 1, 2
ORDER BY 1`;

export function ExploreScreen(): JSX.Element {
  const { api, user, toast } = useApp();
  const url = useUrl();
  const range = rangeFromParams(url.params);
  const urlSql = url.params.get('sql');
  // What runs: the URL's query, else the example (so a first visit shows a result at once).
  const runSql = urlSql ?? EXAMPLE_SQL;
  const tab = (RESULT_TABS as readonly string[]).includes(url.params.get('tab') ?? '') ? (url.params.get('tab') as ResultTab) : 'table';
  const [text, setText] = useState(urlSql ?? EXAMPLE_SQL);
  const [nonce, setNonce] = useState(0);
  const [schema, setSchema] = useState<SchemaTable[]>([]);
  const [saved, setSaved] = useState<SavedQuery[]>([]);
  const [saveName, setSaveName] = useState<string | null>(null);
  const [curl, setCurl] = useState<string | null>(null);
  const editor = useRef<EditorHandle | null>(null);

  // The SQL this screen last ran: when the URL changes because of that run, the editor
  // already shows it; only other URL changes (back button, saved query) load new text.
  const ranSql = useRef<string | null>(null);
  const loadText = (sql: string): void => {
    setText(sql);
    editor.current?.setText(sql);
  };
  useEffect(() => {
    if (runSql !== ranSql.current) loadText(runSql);
  }, [runSql]);
  useEffect(() => {
    api.schema().then(setSchema, (err: unknown) => toast(`Schema unavailable: ${err instanceof Error ? err.message : String(err)}`));
    refreshSaved();
  }, [api]);
  const refreshSaved = (): void => {
    api.listSavedQueries().then(setSaved, () => setSaved([]));
  };

  // The range is resolved once per run, so "now" does not move while results are read.
  const resolved = useMemo(() => resolveRange(range, Date.now()), [range.from, range.to, nonce]);
  const expanded = useMemo(() => expandMacrosWithMap(runSql, { range: resolved }), [runSql, resolved]);
  const q = useQuery(api, expanded.sql, nonce);
  // A query limited to the picked range is charted over that range, not just its data's extent.
  const xRange = usesTimeRange(runSql) ? ([resolved.fromMs / 1000, resolved.toMs / 1000] as const) : undefined;

  const errorOffset = useMemo(() => {
    if (!q.error) return null;
    const pos = parseSqlErrorPosition(q.error.message);
    if (!pos) return null;
    return expanded.toOriginal(positionToOffset(expanded.sql, pos));
  }, [q.error, expanded]);

  const run = (): void => {
    const sqlNow = editor.current?.view.state.doc.toString() ?? text;
    ranSql.current = sqlNow;
    updateParams({ sql: sqlNow });
    setNonce((n) => n + 1);
  };
  const insert = (s: string): void => {
    const v = editor.current?.view;
    if (!v) return;
    const { from, to } = v.state.selection.main;
    v.dispatch({ changes: { from, to, insert: s }, selection: { anchor: from + s.length } });
    v.focus();
  };
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!saveName) return;
    const existing = saved.find((s) => s.name === saveName);
    try {
      if (existing) await api.updateSavedQuery(existing.id, { name: saveName, sql: text });
      else await api.createSavedQuery({ name: saveName, sql: text });
      toast(`Saved "${saveName}"`);
      setSaveName(null);
      refreshSaved();
    } catch (err) {
      toast(`Save failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const copyCurl = async (): Promise<void> => {
    const cmd = curlForQuery(api.url('/api/v1/query'), expandMacrosWithMap(text, { range: resolveRange(range, Date.now()) }).sql);
    const ok = await copyText(cmd);
    setCurl(cmd);
    toast(ok ? 'curl command copied' : 'Copy the command below');
  };

  return (
    <>
      <div class="toolbar">
        <h1>Explore</h1>
        <span class="spacer" />
        <TimeRangePicker value={range} onChange={(r) => updateParams({ from: r.from, to: r.to })} />
        <button type="button" onClick={copyCurl} title="Copy this query as a curl command">
          Copy as curl
        </button>
        <button type="button" onClick={() => setSaveName(saveName === null ? '' : null)} data-testid="save-query">
          Save…
        </button>
        <button type="button" class="primary" onClick={run} data-testid="run-query" title="Run (Ctrl/Cmd+Enter)">
          ▶ Run <span class="kbd">Ctrl+⏎</span>
        </button>
      </div>
      <div class="split">
        <aside class="rail schema-rail" data-testid="schema-rail">
          <h3>Tables</h3>
          {schema.map((t) => (
            <details key={t.name} open={t.name === 'logs'}>
              <summary onDblClick={() => insert(t.name)}>{t.name}</summary>
              {t.columns.map((c) => (
                <div class="col" key={c.name} title={c.description ?? `${c.name} ${c.type}`} onClick={() => insert(c.name)}>
                  <span>{c.name}</span>
                  <span class="t">{c.type}</span>
                </div>
              ))}
            </details>
          ))}
          <h3>Saved queries</h3>
          {saved.length === 0 ? <div class="muted">None yet.</div> : null}
          {saved.map((s) => (
            <div key={String(s.id)} class="row" style={{ justifyContent: 'space-between' }}>
              <a
                href="#"
                data-testid="saved-query"
                title={s.sql}
                onClick={(e) => {
                  e.preventDefault();
                  loadText(s.sql);
                  ranSql.current = s.sql;
                  updateParams({ sql: s.sql });
                  setNonce((n) => n + 1);
                }}
              >
                {s.name}
              </a>
              <button
                type="button"
                class="link danger"
                title="Delete"
                onClick={() => {
                  if (confirm(`Delete saved query "${s.name}"?`)) void api.deleteSavedQuery(s.id).then(refreshSaved, (err: unknown) => toast(String(err)));
                }}
              >
                ✕
              </button>
            </div>
          ))}
          <h3>Macros</h3>
          <div class="muted" style={{ fontSize: '12px' }}>
            <code>$__timeFrom</code>, <code>$__timeTo</code>: the picked range. <code>$__interval</code>: a bucket width for ~200 points.
          </div>
        </aside>
        <div class="content" style={{ display: 'flex', flexDirection: 'column', gap: '8px' }}>
          {saveName !== null ? (
            <form class="row" onSubmit={save}>
              <input placeholder="Name of the saved query" value={saveName} onInput={(e) => setSaveName(e.currentTarget.value)} autofocus data-testid="save-name" required />
              <button type="submit" class="primary">
                Save
              </button>
              <button type="button" onClick={() => setSaveName(null)}>
                Cancel
              </button>
              {!canEdit(user) ? <span class="muted">Saved queries are private to you.</span> : null}
            </form>
          ) : null}
          <SqlEditor
            value={text}
            onChange={setText}
            onRun={run}
            schema={schema}
            errorOffset={errorOffset}
            onReady={(h) => {
              editor.current = h;
            }}
          />
          {curl ? (
            <div class="row">
              <pre class="grow notice mono" style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="curl">
                {curl}
              </pre>
              <button type="button" onClick={() => setCurl(null)}>
                ✕
              </button>
            </div>
          ) : null}
          {q.error ? (
            <div class="error-box" role="alert" data-testid="query-error">
              {q.error.message}
            </div>
          ) : null}
          {urlSql === null ? (
            <div class="muted" data-testid="explore-hint">
              An example query, run over the picked range. Write SQL over <code>logs</code>, <code>spans</code> (or <code>traces</code>) and <code>metrics</code>, then press <span class="kbd">Ctrl</span>+<span class="kbd">Enter</span>.
            </div>
          ) : null}
          {q.loading ? <div class="muted">Running…</div> : null}
          {q.result ? (
            <ResultView result={q.result} tab={tab} xRange={xRange} onTab={(t) => updateParams({ tab: t === 'table' ? null : t }, true)} onZoom={(f, t) => updateParams({ from: new Date(f).toISOString(), to: new Date(t).toISOString() })} />
          ) : null}
        </div>
      </div>
    </>
  );
}

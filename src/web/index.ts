/**
 * web/: the browser UI (SPEC §9), bundled by Bun from `index.html` and embedded in the
 * binary. It imports nothing from the rest of src/ (DESIGN §3): the HTTP API it speaks
 * is described in api/types.ts and called only through api/api-client.ts.
 *
 * Start reading at main.tsx → app.tsx (shell, routes), then one screen in screens/.
 * Folders: api/ (HTTP client), state/ (URL state, time ranges), sql/ (placeholders and
 * the SQL behind the logs, traces and metrics screens),
 * results/ (query result → chart series), components/ (table, chart, editors, picker),
 * editor/ (CodeMirror, loaded lazily), dashboards/ (document model, grid, panels,
 * variables), trace/ (waterfall layout, critical path), screens/ (one file per screen).
 *
 * The server serves `src/web/index.html` (see README.md, "Serving and embedding").
 */
export type * from './api/types.ts';

/**
 * A screenshot tour of every screen and state over a realistic day of data, for reviewing
 * the UI by eye (not a test: nothing is asserted except that the page logs no errors).
 *
 *   node_modules/.bin/bun tests/ui/screenshot-tour.ts [--only logs,traces] [--themes dark,light]
 *       [--sizes 1440x900,1280x720] [--data-dir DIR]
 *
 * Starts the real server from source on random ports (a kept `--data-dir` skips the
 * ingest on the next run), sends 24 h of telemetry over OTLP/JSON, and writes PNGs to
 * tmp/ui-tour/<screen>-<theme>-<size>.png.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { startServerProcess } from '../support/server-process.ts';
import { launchUiBrowser, submitLogin } from './support/browser.ts';
import { sendRealisticDay, type RealisticWorld } from './support/realistic-telemetry.ts';

const OUT = resolve(import.meta.dir, '../../tmp/ui-tour');
const PASSWORD = 'tour-admin-password';
const { values: args } = parseArgs({ options: { only: { type: 'string' }, themes: { type: 'string' }, sizes: { type: 'string' }, 'data-dir': { type: 'string' } } });
const only = args.only ? new Set(args.only.split(',')) : null;
const themes = (args.themes ?? 'dark,light').split(',');
const sizes = (args.sizes ?? '1440x900,1280x720').split(',').map((s) => s.split('x').map(Number) as [number, number]);

const bucket = "date_bin(${__interval}, timestamp, TIMESTAMP '1970-01-01 00:00:00')";
const inRange = 'timestamp >= ${__from} AND timestamp < ${__to}';
const DASHBOARD = {
  version: 1,
  time_range: { from: 'now-24h', to: 'now' },
  refresh: null,
  variables: [{ name: 'service', type: 'query', sql: 'SELECT DISTINCT service_name FROM logs ORDER BY 1', multi: true }],
  panels: [
    { id: 'p1', title: 'Log volume by severity (stacked bars)', type: 'bar', sql: `SELECT ${bucket} AS t, severity_text, count(*) AS n FROM logs WHERE ${inRange} GROUP BY 1, 2 ORDER BY 1`, x: 0, y: 0, w: 8, h: 6, options: {} },
    { id: 'p2', title: 'Error spans', type: 'stat', sql: `SELECT count(*) AS errors FROM spans WHERE status_code = 'ERROR' AND ${inRange}`, x: 8, y: 0, w: 2, h: 3, options: {} },
    { id: 'p3', title: 'p95 latency', type: 'stat', sql: `SELECT quantile_cont(duration_ns, 0.95) / 1e6 AS ms FROM spans WHERE parent_span_id IS NULL AND ${inRange}`, x: 10, y: 0, w: 2, h: 3, options: { unit: 'ms' } },
    { id: 'p4', title: 'Logs per service', type: 'bar', sql: `SELECT service_name, count(*) AS logs FROM logs WHERE ${inRange} GROUP BY 1 ORDER BY 2 DESC`, x: 8, y: 3, w: 4, h: 3, options: {} },
    { id: 'p5', title: 'Request latency by service (ms)', type: 'timeseries', sql: `SELECT ${bucket} AS t, service_name, avg(duration_ns) / 1e6 AS ms FROM spans WHERE ${inRange} GROUP BY 1, 2 ORDER BY 1`, x: 0, y: 6, w: 6, h: 6, options: {} },
    { id: 'p6', title: 'Memory', type: 'timeseries', sql: `SELECT ${bucket} AS t, service_name, avg(value) AS bytes FROM metrics WHERE name = 'process.memory.usage' AND ${inRange} GROUP BY 1, 2 ORDER BY 1`, x: 6, y: 6, w: 6, h: 6, options: {} },
    { id: 'p7', title: 'Latest errors', type: 'table', sql: `SELECT timestamp, service_name, severity_text, body, trace_id FROM logs WHERE severity_number >= 17 AND service_name IN (\${service}) AND ${inRange} ORDER BY timestamp DESC LIMIT 200`, x: 0, y: 12, w: 12, h: 6, options: {} },
  ],
};

mkdirSync(OUT, { recursive: true });
const dataDir = args['data-dir'];
if (dataDir) mkdirSync(dataDir, { recursive: true });
const worldFile = dataDir ? join(dataDir, 'tour-world.json') : null;
const server = await startServerProcess({ env: { PHARLUX_ADMIN_PASSWORD: PASSWORD, PHARLUX_STORAGE_WAL_SYNC: 'none' }, ...(dataDir ? { dataDir } : {}) });
const otlp = `http://127.0.0.1:${server.otlpHttpPort}`;
let ui: Awaited<ReturnType<typeof launchUiBrowser>> | null = null;
try {
  let world: RealisticWorld & { dashboardId?: string };
  if (worldFile && existsSync(worldFile)) world = JSON.parse(readFileSync(worldFile, 'utf8')) as RealisticWorld;
  else {
    const t0 = performance.now();
    world = await sendRealisticDay(otlp, Date.now());
    console.log(`ingested ${JSON.stringify(world.counts)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const token = ((await (await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) })).json()) as { token: string }).token;
  if (!world.dashboardId) {
    const res = await fetch(`${server.baseUrl}/api/v1/dashboards`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ name: 'Shop overview', description: 'Checkout path health', layout_json: DASHBOARD }) });
    world.dashboardId = String(((await res.json()) as { id: string | number }).id);
  }
  if (worldFile) writeFileSync(worldFile, JSON.stringify(world));

  ui = await launchUiBrowser(server.baseUrl);
  const page = ui.page;
  await page.goto(`${server.baseUrl}/`);
  await submitLogin(page, 'admin', PASSWORD);

  const go = async (path: string): Promise<void> => {
    await page.goto(`${server.baseUrl}${path}`);
    await page.waitForSelector('[data-testid=current-user]');
  };
  const settle = async (): Promise<void> => {
    await page.waitForFunction(() => document.querySelectorAll('[data-state=loading]').length === 0 && !document.body.textContent?.includes('Loading'), undefined, { timeout: 30_000 }).catch(() => {});
    await page.waitForTimeout(400);
  };
  const explore = (sql: string, extra = ''): string => `/explore?from=now-24h&sql=${encodeURIComponent(sql)}${extra}`;
  const logsSql = "SELECT $__interval AS iv, date_bin($__interval, timestamp, TIMESTAMP '1970-01-01 00:00:00') AS t, service_name, count(*) AS records\nFROM logs\nWHERE timestamp >= $__timeFrom AND timestamp < $__timeTo\nGROUP BY 1, 2\nORDER BY 1";
  const shots: [string, (p: Page) => Promise<void>][] = [
    ['home', async () => go('/?from=now-6h')],
    ['explore-table', async () => go(explore(logsSql.replace('$__interval AS iv, ', '')))],
    ['explore-chart', async () => go(explore(logsSql.replace('$__interval AS iv, ', ''), '&tab=chart'))],
    ['explore-json', async () => go(explore(logsSql.replace('$__interval AS iv, ', ''), '&tab=json'))],
    ['explore-error', async () => go(explore('SELECT service_name, count(*)\nFROM logs\nWHERE severity_numbr >= 17\nGROUP BY 1'))],
    ['explore-10k', async () => go(explore('SELECT timestamp, service_name, severity_text, body, attributes FROM logs ORDER BY timestamp DESC LIMIT 10000'))],
    ['logs', async () => go('/logs?from=now-24h')],
    ['logs-filtered', async () => go('/logs?from=now-6h&severity=error,fatal&service=payment')],
    [
      'logs-drawer',
      async (p) => {
        await go('/logs?from=now-24h&q=pool%20exhausted');
        await p.click('[data-testid=result-table] tbody tr[data-row="0"]');
      },
    ],
    [
      'logs-drawer-attrs',
      async (p) => {
        await go('/logs?from=now-24h&q=slow%20query');
        await settle();
        const rows = await p.$$('[data-testid=result-table] tbody tr[data-row]');
        for (const r of rows.slice(0, 40)) {
          await p.keyboard.press('Escape');
          await p.waitForSelector('[data-testid=log-drawer]', { state: 'detached', timeout: 3000 });
          await r.click();
          if ((await p.textContent('[data-testid=log-drawer]'))?.includes('db.statement')) break;
        }
      },
    ],
    ['traces', async () => go('/traces?from=now-24h')],
    ['traces-errors', async () => go('/traces?from=now-24h&status=ERROR&roots=1')],
    ['trace', async () => go(`/traces/${world.bigTraceId}`)],
    [
      'trace-span',
      async (p) => {
        await go(`/traces/${world.bigTraceId}`);
        await settle();
        const rows = p.locator('[data-testid=waterfall-row]:has(.status-error)');
        await rows.nth((await rows.count()) - 1).click();
        await p.waitForTimeout(200);
        await p.locator('[data-testid=span-detail]').scrollIntoViewIfNeeded();
      },
    ],
    ['metrics-gauge', async () => go('/metrics-explorer?from=now-24h&metric=process.cpu.utilization&group_by=cpu.state')],
    ['metrics-memory', async () => go('/metrics-explorer?from=now-24h&metric=process.memory.usage&group_by=service_name')],
    ['metrics-counter', async () => go('/metrics-explorer?from=now-24h&metric=http.server.requests&group_by=service_name')],
    ['metrics-histogram', async () => go('/metrics-explorer?from=now-24h&metric=http.server.duration')],
    ['dashboards', async () => go('/dashboards')],
    ['dashboard', async () => go(`/dashboards/${world.dashboardId}`)],
    ['dashboard-edit', async () => go(`/dashboards/${world.dashboardId}?edit=1`)],
    ['alerts', async () => go('/alerts')],
    ['settings', async () => go('/settings')],
  ];
  for (const theme of themes) {
    await page.evaluate((t) => localStorage.setItem('pharlux.theme', t), theme);
    for (const [w, h] of sizes) {
      await page.setViewportSize({ width: w, height: h });
      for (const [name, setUp] of shots) {
        if (only && !only.has(name)) continue;
        await setUp(page);
        await settle();
        const file = join(OUT, `${name}-${theme}-${w}x${h}.png`);
        await page.screenshot({ path: file });
        console.log(file);
      }
    }
  }
  console.log(`console errors: ${JSON.stringify(ui.consoleErrors)}\nforeign requests: ${JSON.stringify(ui.foreignRequests)}`);
} finally {
  await ui?.close();
  await server.stop({ keepDataDir: Boolean(dataDir) });
}

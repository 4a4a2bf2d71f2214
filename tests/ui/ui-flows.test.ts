/**
 * The UI acceptance flows in headless Chromium against a running server fed through real
 * OTLP/HTTP requests: log in (first-run guide while empty); run SQL and see table and
 * chart, save/load the query, copy it as curl, an error marked at its position; logs
 * filtered by severity → record → trace waterfall, live tail; a counter rate by service; a dashboard
 * with two panels and a variable that survives a reload, exported and imported; a reader sees no edit controls; an API key shown once;
 * log out. Throughout: no console errors and no request to any other host; the pages
 * are served under the production CSP.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Page } from 'playwright-core';
import { submitLogin, type UiBrowser } from './support/browser.ts';
import { buildTestTelemetry, sendOtlp, type TestWorld } from './support/telemetry.ts';
import { startUiSession, type UiBackend } from './support/ui-backend.ts';

const T = 60_000;
let backend: UiBackend;
let ui: UiBrowser;
let world: TestWorld;
let page: Page;
let dashboardUrl = '';

async function login(username: string, password: string): Promise<void> {
  await page.goto(`${backend.baseUrl}/`);
  await submitLogin(page, username, password);
}

async function typeSql(sql: string): Promise<void> {
  await page.waitForSelector('[data-testid=sql-editor] .cm-content');
  await page.click('[data-testid=sql-editor] .cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // insertText avoids auto-closed brackets and completion popups changing what was typed.
  await page.keyboard.insertText(sql);
  await page.keyboard.press('Control+Enter');
}

beforeAll(async () => {
  ({ backend, ui, page } = await startUiSession());
}, T);

afterAll(async () => {
  await ui?.close();
  await backend?.stop();
});

describe(`web UI in headless Chromium`, () => {
  test('log in; an empty install shows how to send data, then the data arrives over OTLP', async () => {
    await ui.step('login', async () => {
      await login(backend.adminUser, backend.adminPassword);
      expect(await page.textContent('[data-testid=current-user]')).toContain(backend.adminUser);
      const guide = await page.waitForSelector('[data-testid=first-run]');
      expect(await guide.textContent()).toContain('OTEL_EXPORTER_OTLP_ENDPOINT');
      await page.waitForSelector('[data-testid=dash-panel]');
      const telemetry = buildTestTelemetry(Date.now());
      world = telemetry.world;
      await sendOtlp(backend.otlpUrl, 'traces', telemetry.traces);
      await sendOtlp(backend.otlpUrl, 'logs', telemetry.logs);
      await sendOtlp(backend.otlpUrl, 'metrics', telemetry.metrics);
      await page.reload();
      await page.waitForSelector('[data-testid=dash-panel][data-state=ready]');
      expect(await page.locator('[data-testid=first-run]').count()).toBe(0);
    });
  }, T);

  test('run a SQL query and see the table and the chart', async () => {
    await ui.step('explore-query', async () => {
      await page.click('nav a[href="/explore"]');
      await typeSql("SELECT date_bin(INTERVAL '60 seconds', timestamp, TIMESTAMP '1970-01-01 00:00:00') AS t, service_name, count(*) AS n\nFROM logs\nWHERE timestamp >= $__timeFrom\nGROUP BY 1, 2\nORDER BY 1");
      // Explore ran its example on open; wait for this query's result (its column n).
      await page.waitForSelector('[data-testid=result-table] th[title^="n "]');
      const table = await page.waitForSelector('[data-testid=result-table][data-rows]:not([data-rows="0"])');
      expect(Number(await table.getAttribute('data-rows'))).toBeGreaterThan(3);
      expect(await page.textContent('[data-testid=result-table] thead')).toContain('service_name');
      expect(page.url()).toContain('sql=');
      await page.click('[data-testid=tab-chart]');
      await page.waitForSelector('[data-testid=time-chart] canvas');
      expect(Number(await page.getAttribute('[data-testid=time-chart]', 'data-points'))).toBeGreaterThan(3);
      // The URL reproduces the view: reloading re-runs the query on the chart tab.
      await page.reload();
      await page.waitForSelector('[data-testid=time-chart] canvas');
    });
  }, T);

  test('save a query, load it back, copy it as curl', async () => {
    await ui.step('saved-query', async () => {
      await page.click('[data-testid=tab-table]');
      await typeSql('SELECT service_name, count(*) AS n FROM spans GROUP BY 1');
      await page.waitForSelector('[data-testid=result-table][data-rows="3"]');
      await page.click('[data-testid=save-query]');
      await page.fill('[data-testid=save-name]', 'spans per service');
      await page.press('[data-testid=save-name]', 'Enter');
      await page.waitForSelector('[data-testid=saved-query]:has-text("spans per service")');
      await typeSql('SELECT 1 AS one');
      await page.waitForSelector('[data-testid=result-table][data-rows="1"]');
      await page.click('[data-testid=saved-query]:has-text("spans per service")');
      await page.waitForSelector('[data-testid=result-table][data-rows="3"]');
      expect(await page.textContent('[data-testid=sql-editor] .cm-content')).toContain('FROM spans');
      await page.click('text=Copy as curl');
      const curl = await page.textContent('[data-testid=curl]');
      expect(curl).toContain(`${backend.baseUrl}/api/v1/query`);
      expect(curl).toContain('Authorization: Bearer $PHARLUX_TOKEN');
    });
  }, T);

  test('autocomplete offers the columns of the tables in the query', async () => {
    await ui.step('autocomplete', async () => {
      await page.click('[data-testid=sql-editor] .cm-content');
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText('SELECT  FROM logs');
      await page.keyboard.press('Home');
      for (let i = 0; i < 'SELECT '.length; i++) await page.keyboard.press('ArrowRight');
      await page.keyboard.type('sev');
      const item = await page.waitForSelector('.cm-tooltip-autocomplete li:has-text("severity_number")');
      expect(await item.textContent()).toContain('logs');
      // Only Pharlux's own words: no other dialect's keywords fuzzily matching "sev".
      const labels = await page.locator('.cm-tooltip-autocomplete li .cm-completionLabel').allTextContents();
      expect(labels).toContain('severity_text');
      for (const foreign of ['SERVER', 'SELECTIVE', 'SENSITIVE', 'SERIALIZABLE', 'DLURLSERVER']) expect(labels).not.toContain(foreign);
      await page.keyboard.press('Escape');
    });
  }, T);

  test('a query error is shown at its position', async () => {
    await ui.step('explore-error', async () => {
      await typeSql('SELECT nme FROM logs');
      const err = await page.waitForSelector('[data-testid=query-error]');
      expect(await err.textContent()).toMatch(/line 1, column 8/);
      expect(await page.textContent('.cm-error-mark')).toBe('nme');
      // The browser logs the expected 400 of the failed query as a console error; only that one is tolerated.
      const expected = ui.consoleErrors.filter((e) => e.includes('status of 400') && e.includes('/api/v1/query'));
      expect(expected.length).toBeGreaterThan(0);
      ui.consoleErrors.splice(0, ui.consoleErrors.length, ...ui.consoleErrors.filter((e) => !expected.includes(e)));
    });
  }, T);

  test('logs: filter by severity, open a record, follow its trace link to the waterfall', async () => {
    await ui.step('logs', async () => {
      await page.click('nav a[href="/logs"]');
      await page.waitForSelector('[data-testid=log-histogram] canvas');
      await page.check('[data-testid=sev-error]');
      await page.waitForFunction(() => location.search.includes('severity=error'));
      await page.waitForFunction(() => {
        const rows = [...document.querySelectorAll('[data-testid=result-table] tbody tr[data-row]')];
        return rows.length > 0 && rows.every((r) => r.textContent?.includes('ERROR'));
      });
      await page.click('[data-testid=result-table] tbody tr[data-row="0"]');
      const drawer = await page.waitForSelector('[data-testid=log-drawer]');
      expect(await drawer.textContent()).toContain(world.errorLogBody);
      expect(await page.textContent('[data-testid=log-attributes]')).toContain('customer.tier');
      await page.click('[data-testid=trace-link]');
      await page.waitForSelector('[data-testid=waterfall]');
      expect(page.url()).toContain(`/traces/${world.errorTraceId}`);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=waterfall-row]').length === 5);
      expect(await page.locator('[data-testid=waterfall-row][data-critical="1"]').count()).toBeGreaterThan(1);
      // The log's span is selected and its details are shown.
      expect(await page.textContent('[data-testid=span-detail]')).toContain('Charge');
      expect(await page.textContent('[data-testid=trace-logs]')).toContain(world.errorLogBody);
      // Keyboard: up from the selected span selects its predecessor in the waterfall.
      await page.focus('[data-testid=waterfall-row][aria-selected=true]');
      await page.keyboard.press('ArrowUp');
      await page.waitForFunction(() => document.querySelector('[data-testid=span-detail] h2')?.textContent?.includes('SELECT orders'));
    });
  }, T);

  test('logs: live tail shows a new record without a reload', async () => {
    await ui.step('live-tail', async () => {
      await page.click('nav a[href="/logs"]');
      await page.check('[data-testid=live-tail]');
      await page.waitForFunction(() => location.search.includes('live=1'));
      await page.waitForSelector('[data-testid=result-table] tbody tr[data-row]');
      const body = `tail test ${Date.now()}`;
      await sendOtlp(backend.otlpUrl, 'logs', {
        resourceLogs: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'tailer' } }] }, scopeLogs: [{ logRecords: [{ timeUnixNano: `${Date.now()}000000`, severityNumber: 9, severityText: 'INFO', body: { stringValue: body } }] }] }],
      });
      await page.waitForSelector(`[data-testid=result-table] tbody tr[data-row="0"]:has-text("${body}")`, { timeout: 15_000 });
      await page.uncheck('[data-testid=live-tail]');
    });
  }, T);

  test('metrics: a counter charted as a rate, grouped by service, from a deep link', async () => {
    await ui.step('metrics', async () => {
      await page.click('nav a[href="/metrics-explorer"]');
      await page.click('[data-testid=metric-item]:has-text("http.server.requests")');
      await page.selectOption('[data-testid=metric-group-by]', 'service_name');
      await page.waitForSelector('[data-testid=time-chart] canvas');
      expect(await page.isChecked('[data-testid=metric-rate]')).toBe(true);
      expect(page.url()).toContain('group_by=service_name');
      await page.reload();
      await page.waitForSelector('[data-testid=time-chart] canvas');
      expect(await page.textContent('.u-legend')).toContain('checkout');
      expect(await page.textContent('.u-legend')).toContain('frontend');
    });
  }, T);

  test('create a dashboard with two panels and a variable; it survives a reload', async () => {
    await ui.step('dashboard', async () => {
      await page.click('nav a[href="/dashboards"]');
      await page.click('[data-testid=new-dashboard]');
      await page.fill('[data-testid=new-dashboard-name]', 'UI test dashboard');
      await page.press('[data-testid=new-dashboard-name]', 'Enter');
      await page.waitForSelector('[data-testid=dashboard-editor]');
      await page.waitForSelector('[data-testid=json-editor] .cm-content');
      await page.click('[data-testid=add-variable]');
      await page.selectOption('[data-testid=new-panel-type]', 'timeseries');
      await page.click('[data-testid=add-panel]');
      await page.selectOption('[data-testid=new-panel-type]', 'stat');
      await page.click('[data-testid=add-panel]');
      // Live preview of the unsaved document.
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=dashboard-preview] [data-testid=dash-panel]').length === 2);
      await page.click('[data-testid=save-dashboard]');
      await page.waitForFunction(() => !location.search.includes('edit=1'));
      dashboardUrl = page.url();
      await page.reload();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=dash-panel][data-state=ready]').length === 2);
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=var-service] option')].some((o) => o.textContent === 'frontend'));
      expect(await page.textContent('[data-testid=dashboard-title]')).toBe('UI test dashboard');
      await page.waitForSelector('[data-testid=dash-panel] [data-testid=time-chart] canvas');
      expect(Number((await page.textContent('[data-testid=stat-value]'))?.replace(/\D/g, ''))).toBeGreaterThanOrEqual(0);
    });
  }, T);

  test('export a dashboard and import it back', async () => {
    await ui.step('export-import', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-dashboard]')]);
      const exported = JSON.parse(await Bun.file((await download.path()) as string).text()) as { name: string; layout_json: { panels: unknown[] } };
      expect(exported.layout_json.panels).toHaveLength(2);
      exported.name = 'UI test dashboard (imported)';
      await page.click('nav a[href="/dashboards"]');
      await page.setInputFiles('[data-testid=import-dashboard]', { name: 'dash.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
      await page.waitForFunction(() => document.querySelector('[data-testid=dashboard-title]')?.textContent === 'UI test dashboard (imported)');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=dash-panel][data-state=ready]').length === 2);
    });
  }, T);

  test('a reader cannot see the edit controls', async () => {
    await ui.step('reader', async () => {
      const token = ((await (await fetch(`${backend.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: backend.adminUser, password: backend.adminPassword }) })).json()) as { token: string }).token;
      const created = await fetch(`${backend.baseUrl}/api/v1/admin/users`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ username: 'ui-reader', password: 'ui-reader-password', role: 'reader' }) });
      expect(created.status).toBe(201);
      await page.click('[data-testid=logout]');
      await page.waitForSelector('[data-testid=login-form]');
      await login('ui-reader', 'ui-reader-password');
      await page.goto(dashboardUrl + (dashboardUrl.includes('?') ? '&' : '?') + 'edit=1');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=dash-panel]').length === 2);
      for (const sel of ['edit-dashboard', 'delete-dashboard', 'dashboard-editor', 'save-dashboard']) expect(await page.locator(`[data-testid=${sel}]`).count()).toBe(0);
      await page.click('nav a[href="/dashboards"]');
      await page.waitForSelector('[data-testid=dashboard-list]');
      expect(await page.locator('[data-testid=new-dashboard]').count()).toBe(0);
      expect(await page.locator('[data-testid=import-dashboard]').count()).toBe(0);
      await page.click('nav a[href="/settings"]');
      expect(await page.locator('[data-testid=users-section]').count()).toBe(0);
    });
  }, T);

  test('an API key is shown once', async () => {
    await ui.step('api-key', async () => {
      await page.click('[data-testid=logout]');
      await login(backend.adminUser, backend.adminPassword);
      await page.click('nav a[href="/settings"]');
      await page.fill('[data-testid=new-key-name]', 'collector');
      await page.click('[data-testid=add-key]');
      const key = (await (await page.waitForSelector('[data-testid=new-api-key] .once-key')).textContent()) ?? '';
      expect(key.length).toBeGreaterThan(16);
      await page.reload();
      await page.waitForSelector('[data-testid=api-keys-section] td:has-text("collector")');
      expect(await page.locator('[data-testid=new-api-key]').count()).toBe(0);
      expect(await page.textContent('body')).not.toContain(key);
    });
  }, T);

  test('log out', async () => {
    await ui.step('logout', async () => {
      await page.click('[data-testid=logout]');
      await page.waitForSelector('[data-testid=login-form]');
      await page.goto(`${backend.baseUrl}/explore`);
      await page.waitForSelector('[data-testid=login-form]');
    });
  }, T);

  test('no console errors and no request to another host', () => {
    expect(ui.consoleErrors).toEqual([]);
    expect(ui.foreignRequests).toEqual([]);
  });
});

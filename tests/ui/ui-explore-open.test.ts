/**
 * Explore on open: a first visit (no query in the URL) runs the example query at once,
 * so the result area is not empty; a shared link with a query runs that query.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Page } from 'playwright-core';
import { submitLogin, type UiBrowser } from './support/browser.ts';
import { sendOtlp } from './support/telemetry.ts';
import { startUiSession, type UiBackend } from './support/ui-backend.ts';

const T = 60_000;
let backend: UiBackend;
let ui: UiBrowser;
let page: Page;

beforeAll(async () => {
  ({ backend, ui, page } = await startUiSession());
  const now = Date.now() - 30_000;
  const logRecords = [0, 1, 2].map((i) => ({ timeUnixNano: `${BigInt(now - i * 60_000) * 1_000_000n}`, severityNumber: 9, body: { stringValue: `hello ${i}` } }));
  await sendOtlp(backend.otlpUrl, 'logs', { resourceLogs: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'opener' } }] }, scopeLogs: [{ scope: { name: 't' }, logRecords }] }] });
  await page.goto(`${backend.baseUrl}/`);
  await submitLogin(page, backend.adminUser, backend.adminPassword);
}, T);

afterAll(async () => {
  await ui?.close();
  await backend?.stop();
});

test('a first visit to Explore runs the example query; a link with a query runs that one', async () => {
  await ui.step('explore-open', async () => {
    await page.click('nav a[href="/explore"]');
    // The example counts log records per service and bucket: no click on Run needed.
    await page.waitForSelector('[data-testid=result-table] th[title^="records "]');
    await page.waitForSelector('[data-testid=result-table][data-rows]:not([data-rows="0"])');
    expect(await page.textContent('[data-testid=result-table] tbody')).toContain('opener');
    expect(await page.textContent('[data-testid=result-summary]')).toMatch(/\d+ rows?/);
    expect(await page.isVisible('[data-testid=explore-hint]')).toBe(true);

    await page.goto(`${backend.baseUrl}/explore?sql=${encodeURIComponent("SELECT 'shared' AS link")}`);
    await page.waitForSelector('[data-testid=result-table] th[title^="link "]');
    expect(await page.textContent('[data-testid=result-table] tbody')).toContain('shared');
    expect(await page.isVisible('[data-testid=explore-hint]')).toBe(false);
    expect(ui.consoleErrors).toEqual([]);
  });
}, T);

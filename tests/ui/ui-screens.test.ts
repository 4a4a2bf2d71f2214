/**
 * What the on-call review of the screens fixed, in headless Chromium (local zone
 * Asia/Kolkata, UTC+05:30, so local and UTC differ) against the real server fed over
 * OTLP: times say their zone and follow the UTC/local setting.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Page } from 'playwright-core';
import { launchUiBrowser, type UiBrowser } from './support/browser.ts';
import { sendOtlp } from './support/telemetry.ts';
import { startUiBackend, type UiBackend } from './support/ui-backend.ts';

const T = 60_000;
let backend: UiBackend;
let ui: UiBrowser;
let page: Page;
// A record at a known instant: 20 minutes ago, on a whole second.
const t0 = Math.floor((Date.now() - 20 * 60_000) / 1000) * 1000;
const pad = (n: number): string => String(n).padStart(2, '0');
const hms = (d: Date, utc: boolean): string => (utc ? [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()] : [d.getHours(), d.getMinutes(), d.getSeconds()]).map(pad).join(':');

beforeAll(async () => {
  backend = await startUiBackend();
  try {
    ui = await launchUiBrowser(backend.baseUrl, { timezoneId: 'Asia/Kolkata' });
  } catch (err) {
    await backend.stop();
    throw err;
  }
  page = ui.page;
  await sendOtlp(backend.otlpUrl, 'logs', {
    resourceLogs: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'clock' } }] }, scopeLogs: [{ logRecords: [{ timeUnixNano: `${t0}000000`, severityNumber: 9, severityText: 'INFO', body: { stringValue: 'tick' } }] }] }],
  });
  await page.goto(`${backend.baseUrl}/`);
  await page.fill('input[name=username]', backend.adminUser);
  await page.fill('input[name=password]', backend.adminPassword);
  await page.click('[data-testid=login-form] button[type=submit]');
  await page.waitForSelector('[data-testid=current-user]');
}, T);

afterAll(async () => {
  await ui?.close();
  await backend?.stop();
});

describe('screens in headless Chromium', () => {
  test('times follow the local/UTC setting, say which zone they are in, and the setting survives a reload without touching the URL', async () => {
    await ui.step('time-zone', async () => {
      const kolkata = new Date(t0 + 330 * 60_000);
      await page.goto(`${backend.baseUrl}/logs?service=clock`);
      const cell = '[data-testid=result-table] tbody tr[data-row="0"] td:first-child';
      await page.waitForSelector(cell);
      // The test browser's local zone is UTC+05:30.
      expect(await page.textContent(cell)).toContain(hms(kolkata, true));
      expect(await page.textContent('[data-testid=result-table] th:first-child')).toContain('UTC+05:30');
      const url = page.url();
      await page.click('[data-testid=zone-toggle]');
      await page.waitForFunction((t) => document.querySelector('[data-testid=result-table] tbody tr[data-row="0"] td:first-child')?.textContent?.includes(t), hms(new Date(t0), true));
      expect(await page.textContent('[data-testid=result-table] th:first-child')).toContain('UTC');
      expect(await page.textContent('[data-testid=result-table] th:first-child')).not.toContain('+05:30');
      expect(page.url()).toBe(url);
      await page.reload();
      await page.waitForSelector(cell);
      expect(await page.textContent(cell)).toContain(hms(new Date(t0), true));
      expect(await page.textContent('[data-testid=zone-toggle]')).toContain('UTC');
      // Chart ticks and the custom range follow the same setting.
      await page.click('[data-testid=time-range]');
      expect(await page.textContent('.picker .popover')).toContain('UTC');
      await page.keyboard.press('Escape');
      await page.click('nav a[href="/settings"]');
      expect(await page.isChecked('[data-testid=zone-utc]')).toBe(true);
      await page.check('[data-testid=zone-local]');
      expect(await page.textContent('[data-testid=zone-toggle]')).toContain('UTC+05:30');
    });
  }, T);

  test('no console errors and no request to another host', () => {
    expect(ui.consoleErrors).toEqual([]);
    expect(ui.foreignRequests).toEqual([]);
  });
});

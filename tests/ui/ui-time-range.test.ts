/**
 * The custom time range in headless Chromium with an en-US locale (whose native time
 * inputs show AM/PM): the fields are 24-hour text like the rest of the UI, a typed range
 * lands in the URL as the right instants, and an impossible time is refused with a message.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Page } from 'playwright-core';
import { submitLogin, type UiBrowser } from './support/browser.ts';
import { startUiSession, type UiBackend } from './support/ui-backend.ts';

const T = 60_000;
let backend: UiBackend;
let ui: UiBrowser;
let page: Page;

beforeAll(async () => {
  ({ backend, ui, page } = await startUiSession({ timezoneId: 'UTC' }));
}, T);

afterAll(async () => {
  await ui?.close();
  await backend?.stop();
});

test('custom range: 24-hour text fields, applied to the URL, impossible times refused', async () => {
  await ui.step('custom-range-24h', async () => {
    await page.goto(`${backend.baseUrl}/explore?from=2026-01-02T13:05:00.000Z&to=2026-01-02T17:30:00.000Z`);
    await submitLogin(page, backend.adminUser, backend.adminPassword);
    await page.click('[data-testid=time-range]');
    expect(await page.getAttribute('[data-testid=range-from]', 'type')).toBe('text');
    // The zone toggle defaults to local time, which this browser has as UTC.
    expect(await page.inputValue('[data-testid=range-from]')).toBe('2026-01-02 13:05:00');
    expect(await page.inputValue('[data-testid=range-to]')).toBe('2026-01-02 17:30:00');

    await page.fill('[data-testid=range-from]', '2026-01-02 25:00');
    await page.click('.popover button[type=submit]');
    expect(await page.textContent('.popover .error-text')).toContain('24-hour');

    await page.fill('[data-testid=range-from]', '2026-01-02 14:15');
    await page.fill('[data-testid=range-to]', '2026-01-02 16:45:30');
    await page.click('.popover button[type=submit]');
    await page.waitForURL((u) => u.searchParams.get('to') === '2026-01-02T16:45:30.000Z');
    expect(new URL(page.url()).searchParams.get('from')).toBe('2026-01-02T14:15:00.000Z');
  });
  expect(ui.consoleErrors).toEqual([]);
}, T);

/**
 * "Load older" under the Logs and Traces lists: with more rows than one page (500 log
 * records, 200 traces or spans), the button fetches the older rows with the same filters
 * and appends them, rows sharing a timestamp at the page boundary are neither lost nor
 * repeated, and the list then says nothing older is left. Also: the log drawer's header
 * keeps its timestamp and zone on one line.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Page } from 'playwright-core';
import { submitLogin, type UiBrowser } from './support/browser.ts';
import { sendOtlp } from './support/telemetry.ts';
import { startUiSession, type UiBackend } from './support/ui-backend.ts';

const T = 90_000;
const LOGS = 700;
const TRACES = 260;
let backend: UiBackend;
let ui: UiBrowser;
let page: Page;

const nsOf = (ms: number): string => `${BigInt(Math.round(ms)) * 1_000_000n}`;
const hex = (n: number, len: number): string => n.toString(16).padStart(len, '0');
const resource = { attributes: [{ key: 'service.name', value: { stringValue: 'pager' } }] };

beforeAll(async () => {
  ({ backend, ui, page } = await startUiSession());
  const now = Date.now() - 60_000;
  // One record a second, newest first; records 497..503 share one instant across the 500-row page boundary.
  const at = (i: number): number => now - (i >= 497 && i <= 503 ? 497 : i) * 1000;
  const logRecords = Array.from({ length: LOGS }, (_, i) => ({ timeUnixNano: nsOf(at(i)), severityNumber: 9, severityText: 'INFO', body: { stringValue: `record ${i}` } }));
  await sendOtlp(backend.otlpUrl, 'logs', { resourceLogs: [{ resource, scopeLogs: [{ scope: { name: 't' }, logRecords }] }] });
  const spans = Array.from({ length: TRACES }, (_, i) => ({
    traceId: hex(i + 1, 32),
    spanId: hex(i + 1, 16),
    name: `job ${i}`,
    kind: 2,
    startTimeUnixNano: nsOf(now - i * 2000),
    endTimeUnixNano: nsOf(now - i * 2000 + 5),
    status: { code: 1 },
  }));
  await sendOtlp(backend.otlpUrl, 'traces', { resourceSpans: [{ resource, scopeSpans: [{ scope: { name: 't' }, spans }] }] });
  await page.goto(`${backend.baseUrl}/`);
  await submitLogin(page, backend.adminUser, backend.adminPassword);
}, T);

afterAll(async () => {
  await ui?.close();
  await backend?.stop();
});

const tableRows = (): Promise<number> => page.$eval('[data-testid=result-table]', (el) => Number((el as HTMLElement).dataset.rows));

async function loadAll(expected: number, firstPage: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelector('[data-testid=result-table]')?.getAttribute('data-rows') === String(n), firstPage);
  expect(await page.isVisible('[data-testid=older-end]')).toBe(false);
  await page.click('[data-testid=load-older]');
  await page.waitForSelector('[data-testid=older-end]');
  expect(await tableRows()).toBe(expected);
  expect(await page.textContent('[data-testid=older-end]')).toContain('Nothing older');
  expect(await page.isVisible('[data-testid=load-older]')).toBe(false);
}

test('logs: Load older appends the records before the oldest shown, ties at the boundary included once', async () => {
  await ui.step('logs-load-older', async () => {
    await page.goto(`${backend.baseUrl}/logs?from=now-1h&service=pager`);
    await loadAll(LOGS, 500);
    expect(await page.textContent('[data-testid=log-count]')).toBe('700 records');
    // The oldest record is the last row of the list.
    await page.$eval('[data-testid=result-table]', (el) => el.scrollTo(0, el.scrollHeight));
    await page.waitForSelector('text=record 699');
    expect(ui.consoleErrors).toEqual([]);
  });
}, T);

test('the log drawer header keeps the timestamp and its zone together', async () => {
  await ui.step('log-drawer-time', async () => {
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.goto(`${backend.baseUrl}/logs?from=now-1h&service=pager`);
    await page.click('[data-testid=result-table] tbody tr[data-row="0"]');
    const time = await page.waitForSelector('[data-testid=log-drawer] header time');
    // Distinct line tops of the element's text: 1 when the time and the zone share a line.
    const shape = await time.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      return { whiteSpace: getComputedStyle(el).whiteSpace, lines: tops.size, text: el.textContent ?? '' };
    });
    expect(shape.text).toContain('UTC');
    expect(shape.whiteSpace).toBe('nowrap');
    expect(shape.lines).toBe(1);
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1440, height: 900 });
  });
}, T);

test('traces and spans: Load older appends the next page; a list that fits one page says nothing is older', async () => {
  await ui.step('traces-load-older', async () => {
    await page.goto(`${backend.baseUrl}/traces?from=now-1h&service=pager`);
    await loadAll(TRACES, 200);
    await page.goto(`${backend.baseUrl}/traces?from=now-1h&service=pager&view=spans`);
    await loadAll(TRACES, 200);
    await page.goto(`${backend.baseUrl}/traces?from=now-1h&service=pager&min_ms=1000`);
    await page.waitForSelector('text=No traces match');
    await page.goto(`${backend.baseUrl}/traces?from=now-1h&service=pager&operation=job 25`);
    // job 25 and job 250..259: one page, nothing older.
    await page.waitForSelector('[data-testid=older-end]');
    expect(await tableRows()).toBe(11);
    expect(ui.consoleErrors).toEqual([]);
  });
}, T);

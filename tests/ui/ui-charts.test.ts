/**
 * Charts that are read by their size: the Logs volume histogram and dashboard bar panels
 * start at zero and stack their series (checked on the canvas pixels, not only on the
 * scale), in headless Chromium against the real server fed over OTLP.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Page } from 'playwright-core';
import { submitLogin, type UiBrowser } from './support/browser.ts';
import { sendOtlp } from './support/telemetry.ts';
import { startUiSession, type UiBackend } from './support/ui-backend.ts';

const T = 60_000;
let backend: UiBackend;
let ui: UiBrowser;
let page: Page;
// Two records in one histogram bin, three hours ago, away from anything else.
const t0 = Math.floor((Date.now() - 3 * 3_600_000) / 60_000) * 60_000 + 30_000;
const INFO_RGB = [0x5a, 0xa9, 0xe6];
const ERROR_RGB = [0xf0, 0x61, 0x6d];

/** Per canvas column, how many pixels have each colour; returns the counts of the column with the most, then its x. */
async function tallestColumn(selector: string, colors: number[][]): Promise<number[]> {
  return page.$eval(
    selector,
    (canvas, cols) => {
      const c = canvas as HTMLCanvasElement;
      const data = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height).data;
      let best: number[] = cols.map(() => 0);
      let bestX = -1;
      for (let x = 0; x < c.width; x++) {
        const counts = cols.map(() => 0);
        for (let y = 0; y < c.height; y++) {
          const o = (y * c.width + x) * 4;
          cols.forEach((rgb, k) => {
            if (Math.abs(data[o] - rgb[0]) < 6 && Math.abs(data[o + 1] - rgb[1]) < 6 && Math.abs(data[o + 2] - rgb[2]) < 6) counts[k]++;
          });
        }
        if (counts.reduce((a, b) => a + b, 0) > best.reduce((a, b) => a + b, 0)) {
          best = counts;
          bestX = x / devicePixelRatio;
        }
      }
      return [...best, bestX];
    },
    colors,
  );
}

beforeAll(async () => {
  ({ backend, ui, page } = await startUiSession());
  const ns = (ms: number): string => `${ms}000000`;
  const rec = (ms: number, sev: number, text: string): unknown => ({ timeUnixNano: ns(ms), severityNumber: sev, severityText: text, body: { stringValue: `${text} baseline` } });
  await sendOtlp(backend.otlpUrl, 'logs', {
    resourceLogs: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'baseline' } }] }, scopeLogs: [{ logRecords: [rec(t0, 9, 'INFO'), rec(t0 + 1000, 17, 'ERROR')] }] }],
  });
  await page.goto(`${backend.baseUrl}/`);
  await submitLogin(page, backend.adminUser, backend.adminPassword);
}, T);

afterAll(async () => {
  await ui?.close();
  await backend?.stop();
});

describe('bar charts in headless Chromium', () => {
  test('the Logs histogram starts at zero: one INFO and one ERROR in a bin are two equal stacked bars', async () => {
    await ui.step('histogram-baseline', async () => {
      const from = new Date(t0 - 30 * 60_000).toISOString();
      const to = new Date(t0 + 30 * 60_000).toISOString();
      await page.goto(`${backend.baseUrl}/logs?service=baseline&from=${from}&to=${to}`);
      await page.waitForSelector('[data-testid=log-histogram] canvas');
      await page.waitForTimeout(100);
      const [info, error, x] = await tallestColumn('[data-testid=log-histogram] canvas', [INFO_RGB, ERROR_RGB]);
      expect(info).toBeGreaterThan(10);
      // Equal counts, equal heights (±2 px for anti-aliasing at the edges).
      expect(Math.abs(info - error)).toBeLessThanOrEqual(2);
      // Hovering a bin reads out its counts (the histogram has no legend).
      const canvas = await (await page.$('[data-testid=log-histogram] canvas'))?.boundingBox();
      const over = await (await page.$('[data-testid=log-histogram] .u-over'))?.boundingBox();
      if (!canvas || !over) throw new Error('no histogram');
      await page.mouse.move(canvas.x + x, over.y + over.height - 3);
      const readout = await page.waitForSelector('[data-testid=histogram-readout]');
      expect((await readout.textContent())?.replace(/\s+/g, ' ')).toMatch(/: 2 ERROR 1 INFO 1$/);
      const chart = await page.waitForSelector('[data-testid=log-histogram] [data-testid=time-chart][data-y-min]');
      expect(Number(await chart.getAttribute('data-y-min'))).toBe(0);
      expect(Number(await chart.getAttribute('data-y-max'))).toBeGreaterThanOrEqual(2);
    });
  }, T);

  test('a stacked bar panel on a dashboard starts at zero too, and its legend shows each series, not the running sum', async () => {
    await ui.step('dashboard-bars', async () => {
      const from = new Date(t0 - 30 * 60_000).toISOString();
      const to = new Date(t0 + 30 * 60_000).toISOString();
      const doc = {
        version: 1,
        time_range: { from, to },
        refresh: null,
        variables: [],
        panels: [{ id: 'b', title: 'Stacked', type: 'bar', sql: "SELECT date_bin(INTERVAL '10 minutes', timestamp, TIMESTAMP '1970-01-01 00:00:00') AS t, severity_text, count(*) AS n FROM logs WHERE service_name = 'baseline' AND timestamp >= ${__from} AND timestamp < ${__to} GROUP BY 1, 2 ORDER BY 1", x: 0, y: 0, w: 12, h: 8, options: {} }],
      };
      const created = await page.evaluate(async (layout) => {
        const res = await fetch('/api/v1/dashboards', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bars', description: '', layout_json: layout }) });
        return (await res.json()) as { id: string | number };
      }, doc);
      await page.goto(`${backend.baseUrl}/dashboards/${created.id}`);
      const chart = await page.waitForSelector('[data-testid=dash-panel] [data-testid=time-chart][data-y-min]');
      expect(Number(await chart.getAttribute('data-y-min'))).toBe(0);
      // Hover the bar: both series report 1 (a running sum would say 2 for the upper one).
      // Series named like levels take the level colours; equal counts stack as equal heights.
      const [info, error, x] = await tallestColumn('[data-testid=dash-panel] canvas', [INFO_RGB, ERROR_RGB]);
      expect(info).toBeGreaterThan(10);
      expect(Math.abs(info - error)).toBeLessThanOrEqual(2);
      const box = await (await page.$('[data-testid=dash-panel] canvas'))?.boundingBox();
      const over = await (await page.$('[data-testid=dash-panel] .u-over'))?.boundingBox();
      if (!box || !over) throw new Error('no chart');
      await page.mouse.move(box.x + x, over.y + over.height - 5);
      await page.waitForFunction(() => {
        const values = [...document.querySelectorAll('[data-testid=dash-panel] .u-legend .u-series:not(:first-child) .u-value')].map((e) => e.textContent);
        return values.length === 2 && values.every((v) => v === '1');
      });
    });
  }, T);

  test('a multi-value variable: all choices by default, picked from a compact popover, kept in the URL', async () => {
    await ui.step('multi-variable', async () => {
      const doc = {
        version: 1,
        time_range: { from: 'now-24h', to: 'now' },
        refresh: null,
        variables: [{ name: 'level', type: 'custom', options: ['INFO', 'WARN', 'ERROR'], multi: true }],
        panels: [{ id: 's', title: 'Count', type: 'stat', sql: "SELECT count(*) AS n FROM logs WHERE service_name = 'baseline' AND severity_text IN (${level}) AND timestamp >= ${__from} AND timestamp < ${__to}", x: 0, y: 0, w: 3, h: 4, options: {} }],
      };
      const created = await page.evaluate(async (layout) => {
        const res = await fetch('/api/v1/dashboards', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'multi', description: '', layout_json: layout }) });
        return (await res.json()) as { id: string | number };
      }, doc);
      await page.goto(`${backend.baseUrl}/dashboards/${created.id}`);
      await page.waitForFunction(() => document.querySelector('[data-testid=var-level]')?.textContent?.includes('All (3)'));
      await page.waitForFunction(() => document.querySelector('[data-testid=stat-value]')?.textContent === '2');
      // The control is one line high, not a tall list box.
      expect((await (await page.$('[data-testid=var-level]'))?.boundingBox())?.height ?? 99).toBeLessThan(30);
      await page.click('[data-testid=var-level]');
      await page.uncheck('.multi-choice label:has-text("ERROR") input');
      await page.waitForFunction(() => document.querySelector('[data-testid=stat-value]')?.textContent === '1');
      expect(new URL(page.url()).searchParams.getAll('var-level')).toEqual(['INFO', 'WARN']);
      await page.click('.multi-choice button:has-text("None")');
      await page.waitForFunction(() => document.querySelector('[data-testid=stat-value]')?.textContent === '0');
      await page.keyboard.press('Escape');
      expect(await page.textContent('[data-testid=var-level]')).toContain('none');
      await page.reload();
      await page.waitForFunction(() => document.querySelector('[data-testid=stat-value]')?.textContent === '0');
    });
  }, T);

  test('no console errors and no request to another host', () => {
    expect(ui.consoleErrors).toEqual([]);
    expect(ui.foreignRequests).toEqual([]);
  });
});

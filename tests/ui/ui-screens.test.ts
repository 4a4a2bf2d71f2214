/**
 * What the on-call review of the screens fixed, in headless Chromium (local zone
 * Asia/Kolkata, UTC+05:30, so local and UTC differ) against the real server fed over
 * OTLP: times say their zone and follow the UTC/local setting; drawers cope with long
 * values.
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
// A record at a known instant: 20 minutes ago, on a whole second.
const t0 = Math.floor((Date.now() - 20 * 60_000) / 1000) * 1000;
const TRACE_ID = 'd0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0';
const pad = (n: number): string => String(n).padStart(2, '0');
const hms = (d: Date, utc: boolean): string => (utc ? [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()] : [d.getHours(), d.getMinutes(), d.getSeconds()]).map(pad).join(':');

beforeAll(async () => {
  ({ backend, ui, page } = await startUiSession({ timezoneId: 'Asia/Kolkata' }));
  await sendOtlp(backend.otlpUrl, 'logs', {
    resourceLogs: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'clock' } }] }, scopeLogs: [{ logRecords: [{ timeUnixNano: `${t0}000000`, severityNumber: 9, severityText: 'INFO', body: { stringValue: 'tick' } }] }] }],
  });
  const longSql = `SELECT ${Array.from({ length: 200 }, (_, i) => `column_${i}`).join(', ')} FROM wide_table`;
  const attr = (key: string, v: string): unknown => ({ key, value: { stringValue: v } });
  await sendOtlp(backend.otlpUrl, 'logs', {
    resourceLogs: [
      {
        resource: { attributes: [attr('service.name', 'verbose')] },
        scopeLogs: [
          {
            logRecords: [
              { timeUnixNano: `${t0 - 2000}000000`, severityNumber: 9, severityText: 'INFO', body: { stringValue: 'the older one' } },
              { timeUnixNano: `${t0}000000`, severityNumber: 17, severityText: 'ERROR', body: { stringValue: `boom\n\tat a.b.C(${'x'.repeat(400)}.java:1)\n\tat d.e.F(F.java:2)` }, attributes: [attr('db.statement', longSql), attr('short', 'ok')] },
            ],
          },
        ],
      },
    ],
  });
  // A failing trace whose spans last from nanoseconds to seconds.
  const span = (id: string, parent: string, name: string, startMs: number, durNs: bigint, error = false): unknown => ({
    traceId: TRACE_ID,
    spanId: id,
    parentSpanId: parent,
    name,
    kind: 2,
    startTimeUnixNano: String(BigInt(t0 + startMs) * 1_000_000n),
    endTimeUnixNano: String(BigInt(t0 + startMs) * 1_000_000n + durNs),
    status: error ? { code: 2, message: 'upstream said no' } : { code: 1 },
    events: error ? [{ timeUnixNano: String(BigInt(t0 + startMs) * 1_000_000n + 1000n), name: 'exception', attributes: [attr('exception.message', 'upstream said no')] }] : [],
  });
  await sendOtlp(backend.otlpUrl, 'traces', {
    resourceSpans: [
      { resource: { attributes: [attr('service.name', 'edge')] }, scopeSpans: [{ spans: [span('a000000000000001', '', 'GET /slow', 0, 2_500_000_000n, true)] }] },
      {
        resource: { attributes: [attr('service.name', 'db')] },
        scopeSpans: [{ spans: [span('a000000000000002', 'a000000000000001', 'query', 5, 12_300_000n, true), span('a000000000000003', 'a000000000000002', 'parse', 6, 174_000n), span('a000000000000004', 'a000000000000002', 'hash', 7, 850n)] }],
      },
    ],
  });
  // A counter growing 1/s and a latency histogram averaging 25 ms, a point a minute for
  // two hours up to a few seconds ago (so a 10-minute bucket at the end is partial).
  const counterPoints: unknown[] = [];
  const histPoints: unknown[] = [];
  const startNs = String(BigInt(t0 - 3 * 3_600_000) * 1_000_000n);
  for (let i = 120; i >= 0; i--) {
    const tMs = Date.now() - 5000 - i * 60_000;
    const elapsedS = (tMs - (t0 - 3 * 3_600_000)) / 1000;
    counterPoints.push({ startTimeUnixNano: startNs, timeUnixNano: String(BigInt(Math.round(tMs)) * 1_000_000n), asDouble: elapsedS });
    histPoints.push({ startTimeUnixNano: startNs, timeUnixNano: String(BigInt(Math.round(tMs)) * 1_000_000n), count: String(Math.round(elapsedS)), sum: Math.round(elapsedS) * 25, explicitBounds: [10, 50], bucketCounts: ['0', String(Math.round(elapsedS)), '0'] });
  }
  await sendOtlp(backend.otlpUrl, 'metrics', {
    resourceMetrics: [
      {
        resource: { attributes: [attr('service.name', 'meter')] },
        scopeMetrics: [
          {
            metrics: [
              { name: 'ui.test.requests', unit: '{request}', sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: counterPoints } },
              { name: 'ui.test.latency', unit: 'ms', histogram: { aggregationTemporality: 2, dataPoints: histPoints } },
            ],
          },
        ],
      },
    ],
  });
  await page.goto(`${backend.baseUrl}/`);
  await submitLogin(page, backend.adminUser, backend.adminPassword);
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

  test('the log drawer: long values clamped with a toggle, nothing overflows sideways, ↓ opens the next record', async () => {
    await ui.step('log-drawer', async () => {
      await page.goto(`${backend.baseUrl}/logs?service=verbose`);
      await page.click('[data-testid=result-table] tbody tr[data-row="0"]');
      await page.waitForSelector('[data-testid=log-drawer]');
      // A 400-character token in the body wraps inside the drawer instead of widening it.
      const overflow = await page.$eval('[data-testid=log-drawer] .body', (b) => b.scrollWidth - b.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await page.textContent('[data-testid=log-body]')).toContain('\tat d.e.F');
      const statement = page.locator('[data-testid=log-attributes] tr:has-text("db.statement") .long-text > div');
      expect(await statement.getAttribute('data-clamped')).toBe('1');
      const clampedHeight = (await statement.boundingBox())?.height ?? 0;
      expect(clampedHeight).toBeLessThan(100);
      await page.click('[data-testid=log-attributes] tr:has-text("db.statement") button.more');
      expect(await statement.getAttribute('data-clamped')).toBe('0');
      expect((await statement.boundingBox())?.height ?? 0).toBeGreaterThan(clampedHeight * 2);
      expect(await page.locator('[data-testid=log-attributes] tr:has-text("short") button.more').count()).toBe(0);
      expect(await page.locator('[data-testid=log-attributes] button.copy').count()).toBe(2);
      // The header names the zone of its timestamp; null fields are not listed.
      expect(await page.textContent('[data-testid=log-drawer] header')).toMatch(/UTC/);
      expect(await page.textContent('[data-testid=log-drawer] .body')).not.toContain('event_name');
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction(() => document.querySelector('[data-testid=log-body]')?.textContent === 'the older one');
      expect(await page.getAttribute('[data-testid=result-table] tbody tr[data-row="1"]', 'class')).toContain('selected');
      await page.keyboard.press('Escape');
      expect(await page.locator('[data-testid=log-drawer]').count()).toBe(0);
    });
  }, T);

  test('traces: one row per trace; the waterfall shows ns/µs/ms/s and opens on where the trace failed, details beside it', async () => {
    await ui.step('traces', async () => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.goto(`${backend.baseUrl}/traces?service=db`);
      await page.waitForFunction(() => document.querySelector('[data-testid=result-table]')?.getAttribute('data-rows') === '1');
      const cells = await page.$$eval('[data-testid=result-table] tbody tr[data-row="0"] td', (tds) => tds.map((td) => td.textContent?.trim()));
      // Root operation, the whole trace's duration, 4 spans over 2 services, 2 errors.
      expect(cells.slice(1, 6)).toEqual(['edge GET /slow', '2.50s', '4', '2', '2']);
      await page.click('[data-testid=view-spans]');
      await page.waitForFunction(() => document.querySelector('[data-testid=result-table]')?.getAttribute('data-rows') === '3');
      await page.goto(`${backend.baseUrl}/traces/${TRACE_ID}`);
      await page.waitForSelector('[data-testid=span-detail]');
      expect(await page.$$eval('[data-testid=waterfall-row] .wf-dur', (els) => els.map((e) => e.textContent))).toEqual(['2.50s', '12.3ms', '174µs', '850ns']);
      const detail = await page.textContent('[data-testid=span-detail]');
      expect(detail).toContain('db · query');
      expect(detail).toContain('where this trace failed');
      expect(detail).toContain('upstream said no');
      const wf = await (await page.$('[data-testid=waterfall]'))?.boundingBox();
      const side = await (await page.$('[data-testid=span-detail]'))?.boundingBox();
      if (!wf || !side) throw new Error('missing waterfall or detail');
      expect(side.x).toBeGreaterThanOrEqual(wf.x + wf.width);
      expect(side.y).toBeLessThan(wf.y + wf.height);
      await page.setViewportSize({ width: 1440, height: 900 });
    });
  }, T);

  test('metrics: a counter rate does not drop in the partial last bucket; a latency histogram opens on its mean, in ms', async () => {
    await ui.step('metrics', async () => {
      /** Hovers the right end of the chart and returns the legend's value there. */
      const lastValue = async (): Promise<string> => {
        const over = await (await page.waitForSelector('[data-testid=time-chart] .u-over'))?.boundingBox();
        if (!over) throw new Error('no chart');
        await page.mouse.move(over.x + over.width - 1, over.y + over.height / 2);
        await page.waitForFunction(() => document.querySelector('[data-testid=time-chart] .u-legend .u-series:nth-child(2) .u-value')?.textContent !== '--');
        return (await page.textContent('[data-testid=time-chart] .u-legend .u-series:nth-child(2) .u-value')) ?? '';
      };
      await page.goto(`${backend.baseUrl}/metrics-explorer?from=now-24h&metric=ui.test.requests`);
      expect(await page.isChecked('[data-testid=metric-rate]')).toBe(true);
      expect(await lastValue()).toBe('1/s');
      await page.goto(`${backend.baseUrl}/metrics-explorer?from=now-24h&metric=ui.test.latency`);
      expect(await page.isChecked('[data-testid=metric-rate]')).toBe(false);
      expect(await lastValue()).toBe('25.0ms');
    });
  }, T);

  test('Explore: a 100k-point chart and a 100k-row table stay usable; a row opens whole in a drawer', async () => {
    await ui.step('explore-big', async () => {
      const N = 100_000;
      const start = Date.now() - 86_400_000;
      const rows = Array.from({ length: N }, (_, i) => ({ t: new Date(start + i * 864).toISOString(), v: Math.sin(i / 500) * 100, note: i === 0 ? 'x'.repeat(3000) : 'ok' }));
      const columns = [{ name: 't', type: 'timestamp' }, { name: 'v', type: 'float64' }, { name: 'note', type: 'string' }];
      const tableBody = JSON.stringify({ columns, rows, row_count: N, truncated: false, elapsed_ms: 1 });
      const chartBody = JSON.stringify({ columns: columns.slice(0, 2), rows: rows.map(({ t, v }) => ({ t, v })), row_count: N, truncated: false, elapsed_ms: 1 });
      // The server is not what is measured here: the query answers with a synthetic result.
      await page.route('**/api/v1/query', (route) => {
        const sql = (route.request().postDataJSON() as { sql: string }).sql;
        return sql.includes('hundred_k') ? route.fulfill({ status: 200, contentType: 'application/json', body: sql.includes('table') ? tableBody : chartBody }) : route.continue();
      });
      try {
        await page.goto(`${backend.baseUrl}/explore?tab=chart&sql=${encodeURIComponent('SELECT 1 AS hundred_k')}`);
        await page.waitForSelector('[data-testid=time-chart][data-points="100000"] canvas');
        const over = await (await page.$('[data-testid=time-chart] .u-over'))?.boundingBox();
        if (!over) throw new Error('no chart');
        await page.mouse.move(over.x + over.width / 2, over.y + over.height / 2);
        await page.waitForFunction(() => document.querySelector('[data-testid=time-chart] .u-legend .u-series:nth-child(2) .u-value')?.textContent !== '--');
        // The legend fits: the plot leaves room for it however many lines it takes.
        const chart = await (await page.$('[data-testid=time-chart]'))?.boundingBox();
        const legend = await (await page.$('[data-testid=time-chart] .u-legend'))?.boundingBox();
        if (!chart || !legend) throw new Error('no legend');
        expect(legend.y + legend.height).toBeLessThanOrEqual(chart.y + chart.height + 1);

        await page.goto(`${backend.baseUrl}/explore?sql=${encodeURIComponent('SELECT 1 AS hundred_k_table')}`);
        await page.waitForSelector('[data-testid=result-table][data-rows="100000"] tbody tr[data-row]');
        expect(await page.locator('[data-testid=result-table] tbody tr[data-row]').count()).toBeLessThan(150);
        await page.$eval('[data-testid=result-table]', (el) => {
          el.scrollTop = el.scrollHeight;
        });
        await page.waitForSelector('[data-testid=result-table] tbody tr[data-row="99999"]');
        await page.$eval('[data-testid=result-table]', (el) => {
          el.scrollTop = 0;
        });
        await page.click('[data-testid=result-table] tbody tr[data-row="0"]');
        await page.waitForSelector('[data-testid=row-drawer]');
        expect(await page.textContent('[data-testid=row-drawer] header')).toContain('Row 1 of 100,000');
        expect(await page.locator('[data-testid=row-drawer] tr:has-text("note") [data-clamped="1"]').count()).toBe(1);
        await page.keyboard.press('j');
        await page.waitForFunction(() => document.querySelector('[data-testid=row-drawer] header')?.textContent?.includes('Row 2 of'));
        await page.keyboard.press('Escape');
      } finally {
        await page.unroute('**/api/v1/query');
      }
    });
  }, T);

  test('keyboard: the log table takes focus, ↓ opens the next record, Enter on a trace row opens the trace', async () => {
    await ui.step('keyboard', async () => {
      await page.goto(`${backend.baseUrl}/logs?service=verbose`);
      await page.waitForSelector('[data-testid=result-table] tbody tr[data-row="1"]');
      await page.focus('[data-testid=result-table]');
      await page.keyboard.press('ArrowDown');
      await page.waitForSelector('[data-testid=log-drawer]');
      expect(await page.getAttribute('[data-testid=result-table] tbody tr[data-row="0"]', 'class')).toContain('selected');
      await page.keyboard.press('Escape');
      await page.goto(`${backend.baseUrl}/traces?service=db`);
      await page.waitForSelector('[data-testid=result-table] tbody tr[data-row="0"]');
      await page.focus('[data-testid=result-table]');
      await page.keyboard.press('ArrowDown');
      expect(page.url()).toContain('/traces?');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=waterfall]');
      expect(page.url()).toContain(`/traces/${TRACE_ID}`);
    });
  }, T);

  test('text keeps AA contrast (4.5:1) in both themes: levels, muted text, links, primary buttons, selected rows', async () => {
    await ui.step('contrast', async () => {
      for (const theme of ['light', 'dark']) {
        await page.evaluate((t) => localStorage.setItem('pharlux.theme', t), theme);
        await page.goto(`${backend.baseUrl}/logs?service=verbose`);
        await page.click('[data-testid=result-table] tbody tr[data-row="1"]');
        await page.waitForSelector('[data-testid=log-drawer]');
        await page.keyboard.press('Escape');
        const worst = await page.evaluate(() => {
          const rgb = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).map(Number);
          const lum = (c: number[]): number => {
            const f = (v: number): number => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
            return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
          };
          const background = (el: Element | null): number[] => {
            for (let e = el; e; e = e.parentElement) {
              const c = rgb(getComputedStyle(e).backgroundColor);
              if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
            }
            return [255, 255, 255];
          };
          const out: { sel: string; ratio: number }[] = [];
          for (const sel of ['.sev-info', '.sev-error', '.sev-warn', '.sev-debug', '.muted', 'nav a', 'button.primary', 'tr.selected td']) {
            for (const el of [...document.querySelectorAll(sel)].slice(0, 20)) {
              if (!el.textContent?.trim()) continue;
              const a = lum(rgb(getComputedStyle(el).color));
              const b = lum(background(el));
              out.push({ sel, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) });
            }
          }
          return out.sort((x, y) => x.ratio - y.ratio).slice(0, 3);
        });
        expect(worst.length).toBeGreaterThan(0);
        for (const w of worst) expect(`${theme} ${w.sel} ${w.ratio.toFixed(2)}`).toBe(`${theme} ${w.sel} ${Math.max(w.ratio, 4.5).toFixed(2)}`);
      }
    });
  }, T);

  test('no console errors and no request to another host', () => {
    expect(ui.consoleErrors).toEqual([]);
    expect(ui.foreignRequests).toEqual([]);
  });
});

/**
 * Headless Chromium for the UI tests: Debian's /usr/bin/chromium driven by playwright-core,
 * with a fresh profile per launch. Records console errors, page errors and every request
 * to a host other than the app's own, so tests can assert the UI is clean and offline.
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.PHARLUX_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** Screenshots of failed steps land here (gitignored). */
export const SCREENSHOT_DIR = resolve(import.meta.dir, '../../../tmp/ui-screenshots');

export interface UiBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught page errors seen so far. */
  readonly consoleErrors: string[];
  /** Requests to any origin other than the app's. */
  readonly foreignRequests: string[];
  /** Runs `fn`; on failure saves a screenshot named after the step and rethrows. */
  step<T>(name: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Launches Chromium with a fresh profile, one page, watching `appOrigin`; `timezoneId` sets the browser's local zone. */
export async function launchUiBrowser(appOrigin: string, options: { timezoneId?: string } = {}): Promise<UiBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'pharlux-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: { width: 1440, height: 900 },
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  const watch = (p: Page): void => {
    p.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${m.text()} @ ${m.location().url}`);
    });
    p.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message} ${e.stack ?? ''}`));
  };
  watch(page);
  context.on('page', watch);
  context.on('request', (r) => {
    const u = r.url();
    if (u.startsWith('data:') || u.startsWith('blob:')) return;
    if (new URL(u).origin !== appOrigin) foreignRequests.push(u);
  });
  return {
    context,
    page,
    consoleErrors,
    foreignRequests,
    async step<T>(name: string, fn: () => Promise<T>): Promise<T> {
      try {
        return await fn();
      } catch (err) {
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        const file = join(SCREENSHOT_DIR, `${name.replace(/[^\w-]+/g, '_')}.png`);
        await page.screenshot({ path: file, fullPage: true }).catch(() => {});
        throw new Error(`UI step "${name}" failed (screenshot: ${file}): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Fills and submits the login form the page shows, then waits for the signed-in shell
 * (or, with `outcome: 'error'`, for the form's error).
 */
export async function submitLogin(page: Page, username: string, password: string, outcome: 'signed-in' | 'error' = 'signed-in'): Promise<void> {
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('[data-testid=login-form] button[type=submit]');
  await page.waitForSelector(outcome === 'signed-in' ? '[data-testid=current-user]' : '[data-testid=login-error]');
}

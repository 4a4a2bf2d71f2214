/**
 * Review finding 16 in headless Chromium: after login the session lives only in the
 * HttpOnly cookie; no web storage entry and no script-visible cookie holds the token, a
 * reload stays signed in through the cookie alone, and logout clears the cookie and
 * revokes the token on the server.
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
  ({ backend, ui, page } = await startUiSession());
}, T);

afterAll(async () => {
  await ui?.close();
  await backend?.stop();
});

/** Every web storage entry and the script-visible cookies, as one string to search. */
function scriptVisibleState(p: Page): Promise<string> {
  return p.evaluate(() => {
    const dump = (s: Storage): string[] => Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i) ?? '')}`);
    return JSON.stringify({ session: dump(sessionStorage), local: dump(localStorage), cookie: document.cookie });
  });
}

async function sessionCookie(): Promise<string | undefined> {
  return (await ui.context.cookies(backend.baseUrl)).find((c) => c.name === 'pharlux_session')?.value;
}

test('the token is only in the HttpOnly cookie; reload keeps the session; logout ends it server-side', async () => {
  await ui.step('session-cookie-only', async () => {
    await page.goto(`${backend.baseUrl}/`);
    await submitLogin(page, backend.adminUser, backend.adminPassword);

    const token = await sessionCookie();
    expect(token).toMatch(/^eyJ/);
    const visible = await scriptVisibleState(page);
    expect(visible).not.toContain(token ?? 'no-token');
    expect(visible).not.toContain('eyJ'); // nothing JWT-shaped at all
    expect(visible).not.toContain('token');

    // Every API call after login authenticates with the cookie, never a bearer header.
    const sent: (string | undefined)[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/')) sent.push(r.headers().authorization);
    });
    await page.reload();
    await page.waitForSelector('[data-testid=current-user]');
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((h) => h !== undefined)).toEqual([]);

    await page.click('[data-testid=logout]');
    await page.waitForSelector('[data-testid=login-form]');
    expect(await sessionCookie()).toBeUndefined();
    const me = await fetch(`${backend.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(401);
    await page.reload();
    await page.waitForSelector('[data-testid=login-form]');
    expect(ui.consoleErrors).toEqual([]);
  });
}, T);

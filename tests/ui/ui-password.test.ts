/**
 * Changing passwords in headless Chromium against the real server (first run, so the
 * admin password comes from `<data_dir>/initial-admin-password`): the admin changes
 * their own password under Settings › Account (the file goes away), logs out and back in
 * with the new one; resets a reader's password under Settings › Users; the reader signs
 * in with it and changes their own. A wrong current password is an error on the form,
 * not a trip back to the login screen.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { launchUiBrowser, submitLogin, type UiBrowser } from './support/browser.ts';

const T = 60_000;
let server: ServerProcess;
let ui: UiBrowser;
let page: Page;

beforeAll(async () => {
  server = await startServerProcess({ env: { PHARLUX_STORAGE_WAL_SYNC: 'none' } });
  try {
    ui = await launchUiBrowser(server.baseUrl);
  } catch (err) {
    await server.stop();
    throw err;
  }
  page = ui.page;
}, T);

afterAll(async () => {
  await ui?.close();
  await server?.stop();
});

async function login(username: string, password: string): Promise<void> {
  await page.goto(`${server.baseUrl}/`);
  await submitLogin(page, username, password);
}

async function logout(): Promise<void> {
  await page.click('[data-testid=logout]');
  await page.waitForSelector('[data-testid=login-form]');
}

/** Fills Settings › Account › Change password and submits it. */
async function changePassword(current: string, next: string, confirm = next): Promise<void> {
  await page.fill('[data-testid=current-password]', current);
  await page.fill('[data-testid=new-password]', next);
  await page.fill('[data-testid=confirm-password]', confirm);
  await page.click('[data-testid=change-password]');
}

async function loginFails(username: string, password: string): Promise<void> {
  await page.goto(`${server.baseUrl}/`);
  await submitLogin(page, username, password, 'error');
}

test('admin changes their own password, logs out and in with the new one; the first-run file is gone', async () => {
  const file = join(server.dataDir, 'initial-admin-password');
  const first = readFileSync(file, 'utf8').trim();
  await ui.step('admin-change-password', async () => {
    await login('admin', first);
    await page.click('nav a[href="/settings"]');
    await page.waitForSelector('[data-testid=change-password-form]');

    // Checked in the browser first: nothing is sent.
    await changePassword(first, 'admin-new-password', 'admin-new-passwort');
    expect(await page.textContent('[data-testid=change-password-error]')).toContain('differ');
    await changePassword(first, 'short');
    expect(await page.textContent('[data-testid=change-password-error]')).toContain('at least 8');

    // A wrong current password is the server's 403: an error on the form, still signed in.
    await changePassword('not-the-password', 'admin-new-password');
    await page.waitForSelector('[data-testid=change-password-error]:has-text("current password is wrong")');
    expect(await page.locator('[data-testid=current-user]').count()).toBe(1);

    await changePassword(first, 'admin-new-password');
    await page.waitForSelector('[data-testid=change-password-done]');
    expect(await page.locator('[data-testid=change-password-error]').count()).toBe(0);
    expect(await page.inputValue('[data-testid=current-password]')).toBe('');
    expect(existsSync(file)).toBe(false);

    // Still signed in after the change (the answer's cookie replaced the ended session).
    await page.reload();
    await page.waitForSelector('[data-testid=change-password-form]');
    await logout();
    await loginFails('admin', first);
    await login('admin', 'admin-new-password');
  });
}, T);

test('admin resets a reader’s password; the reader signs in with it and changes their own', async () => {
  await ui.step('reset-and-reader-change', async () => {
    await page.click('nav a[href="/settings"]');
    await page.fill('[data-testid=new-user-name]', 'rita');
    await page.fill('[data-testid=new-user-password]', 'rita-first-password');
    await page.click('[data-testid=add-user]');
    await page.click('[data-testid=reset-password-rita]');
    await page.fill('[data-testid=reset-password-new]', 'rita-reset-password');
    await page.fill('[data-testid=reset-password-confirm]', 'rita-reset-passwort');
    await page.click('[data-testid=reset-password-save]');
    expect(await page.textContent('[data-testid=reset-password-error]')).toContain('differ');
    await page.fill('[data-testid=reset-password-confirm]', 'rita-reset-password');
    await page.click('[data-testid=reset-password-save]');
    expect(await page.textContent('[data-testid=reset-password-done]')).toContain('rita');
    expect(await page.locator('[data-testid=reset-password-form]').count()).toBe(0);
    // No reset button for oneself (it would end this session): Account has the form.
    expect(await page.locator('[data-testid=reset-password-admin]').count()).toBe(0);
    await logout();

    await loginFails('rita', 'rita-first-password');
    await login('rita', 'rita-reset-password');
    await page.click('nav a[href="/settings"]');
    expect(await page.locator('[data-testid=users-section]').count()).toBe(0);
    await changePassword('rita-reset-password', 'rita-own-password');
    await page.waitForSelector('[data-testid=change-password-done]');
    await logout();
    await loginFails('rita', 'rita-reset-password');
    await login('rita', 'rita-own-password');
    await logout();
  });
  // The only console errors allowed are Chromium's lines for the deliberate 403 (wrong
  // current password) and 401s (the failed logins).
  const unexpected = ui.consoleErrors.filter((e) => !/status of (403|401)/.test(e) || !/\/api\/v1\/auth\/(password|login)/.test(e));
  expect(unexpected).toEqual([]);
  expect(ui.foreignRequests).toEqual([]);
}, T);

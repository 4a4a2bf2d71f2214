/**
 * The Home page's first-run guide in headless Chromium against the real server on random
 * ports: it shows the OTLP ports the server actually bound (not the 4318/4317 defaults),
 * data sent to the endpoint it shows arrives, "Copy OTLP endpoint" copies that same
 * endpoint, and a user of another tenant is told that keyless OTLP data goes to `default`.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { launchUiBrowser, submitLogin, type UiBrowser } from './support/browser.ts';
import { buildTestTelemetry, sendOtlp } from './support/telemetry.ts';

const T = 60_000;
const ROOT = resolve(import.meta.dir, '../..');
const ADMIN_PASSWORD = 'first-run-admin-password';
let server: ServerProcess;
let ui: UiBrowser;
let page: Page;

beforeAll(async () => {
  server = await startServerProcess({ env: { PHARLUX_ADMIN_PASSWORD: ADMIN_PASSWORD, PHARLUX_STORAGE_WAL_SYNC: 'none' } });
  try {
    ui = await launchUiBrowser(server.baseUrl);
    await ui.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
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

test('the first-run guide shows the bound OTLP ports; the copied endpoint is the same one', async () => {
  // Random ports, so a page still hardcoding the defaults cannot pass.
  expect(server.otlpHttpPort).not.toBe(4318);
  const http = `http://127.0.0.1:${server.otlpHttpPort}`;
  const grpc = `http://127.0.0.1:${server.otlpGrpcPort}`;
  await ui.step('first-run-ports', async () => {
    await login('admin', ADMIN_PASSWORD);
    const guide = await page.waitForSelector('[data-testid=first-run]');
    await page.waitForSelector(`[data-testid=otlp-http-endpoint]:text-is("${http}")`);
    expect(await page.textContent('[data-testid=otlp-grpc-endpoint]')).toBe(grpc);
    const text = (await guide.textContent()) ?? '';
    expect(text).toContain(`OTEL_EXPORTER_OTLP_ENDPOINT=${http}`);
    expect(text).toContain(`endpoint: ${http}`);
    expect(text).toContain(`curl -sS ${http}/v1/logs`);
    expect(text).not.toContain(':4318');
    // Tenant default, keys not required: no tenant warning, no key header in the snippets.
    expect(await page.locator('[data-testid=tenant-notice]').count()).toBe(0);
    expect(text).not.toContain('Bearer <api key>');
  });
  await ui.step('copy-otlp-endpoint', async () => {
    // The endpoint the page shows is the one that works.
    const telemetry = buildTestTelemetry(Date.now());
    await sendOtlp(http, 'logs', telemetry.logs);
    await page.reload();
    await page.click('[data-testid=copy-otlp-endpoint]');
    await page.waitForSelector('.toast:has-text("OTLP endpoint copied")');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(http);
    expect(await page.locator('[data-testid=first-run]').count()).toBe(0);
  });
  expect(ui.consoleErrors).toEqual([]);
}, T);

test('GET /api/v1/auth/me reports the bound OTLP ports and the API key switch', async () => {
  const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
  const { token } = (await login.json()) as { token: string };
  const me = (await (await fetch(`${server.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as Record<string, unknown>;
  expect(me.server).toEqual({ otlp_http_port: server.otlpHttpPort, otlp_grpc_port: server.otlpGrpcPort, require_api_key: false });
}, T);

test('a user of another tenant is told that keyless OTLP data goes to tenant default', async () => {
  const add = Bun.spawnSync([process.execPath, resolve(ROOT, 'main.ts'), 'user', 'add', '--data-dir', server.dataDir, '--username', 'acme-admin', '--password', 'acme-admin-password', '--admin', '--tenant', 'acme'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' },
  });
  expect(add.exitCode).toBe(0);
  await ui.step('tenant-notice', async () => {
    await page.click('[data-testid=logout]');
    await page.waitForSelector('[data-testid=login-form]');
    await login('acme-admin', 'acme-admin-password');
    await page.waitForSelector('[data-testid=first-run]');
    const notice = (await (await page.waitForSelector('[data-testid=tenant-notice]')).textContent()) ?? '';
    expect(notice).toContain('tenant "default"');
    expect(notice).toContain('"acme"');
    expect(notice).toContain('ingest.require_api_key');
    expect(await page.textContent('[data-testid=otlp-http-endpoint]')).toBe(`http://127.0.0.1:${server.otlpHttpPort}`);
  });
  expect(ui.consoleErrors).toEqual([]);
}, T);

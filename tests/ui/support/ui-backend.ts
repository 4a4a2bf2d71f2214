/**
 * The server the UI tests talk to: always the real one (`bun main.ts serve`, or the
 * compiled binary with `PHARLUX_UI_BINARY=dist/pharlux`), on random loopback ports with
 * a temporary data directory. Data arrives over real OTLP requests.
 */
import type { Page } from 'playwright-core';
import { startServerProcess } from '../../support/server-process.ts';
import { launchUiBrowser, type UiBrowser } from './browser.ts';

export interface UiBackend {
  readonly baseUrl: string;
  readonly otlpUrl: string;
  readonly adminUser: string;
  readonly adminPassword: string;
  stop(): Promise<void>;
}

const ADMIN_PASSWORD = 'ui-test-admin-password';

/** Starts the real server for the browser flows. */
export async function startUiBackend(): Promise<UiBackend> {
  const binary = process.env.PHARLUX_UI_BINARY;
  const server = await startServerProcess({ env: { PHARLUX_ADMIN_PASSWORD: ADMIN_PASSWORD, PHARLUX_STORAGE_WAL_SYNC: 'none' }, ...(binary ? { binary } : {}) });
  return {
    baseUrl: server.baseUrl,
    otlpUrl: `http://127.0.0.1:${server.otlpHttpPort}`,
    adminUser: 'admin',
    adminPassword: ADMIN_PASSWORD,
    stop: async () => {
      await server.stop();
    },
  };
}

/** The real server and a browser on it, as every browser test file starts them. */
export interface UiSession {
  readonly backend: UiBackend;
  readonly ui: UiBrowser;
  readonly page: Page;
}

/** Starts the server, then the browser; stops the server again when the browser cannot start. */
export async function startUiSession(options: { timezoneId?: string } = {}): Promise<UiSession> {
  const backend = await startUiBackend();
  try {
    const ui = await launchUiBrowser(backend.baseUrl, options);
    return { backend, ui, page: ui.page };
  } catch (err) {
    await backend.stop();
    throw err;
  }
}

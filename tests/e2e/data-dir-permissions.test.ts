/**
 * Review finding 14: meta.sqlite (password and key hashes), the WAL and Parquet parts must
 * not be readable by other users, whatever umask the server was started with. A fresh data
 * dir gets 0750 and files nothing for "other"; an existing too-open dir gets one warning
 * naming the chmod to run.
 */
import { afterAll, expect, test } from 'bun:test';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../support/server-process.ts';

const scratch = mkdtempSync(join(tmpdir(), 'pharlux-perms-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every path under `dir` (itself included) with its permission bits, as octal strings. */
function modesUnder(dir: string): Record<string, string> {
  const modes: Record<string, string> = { '.': (statSync(dir).mode & 0o777).toString(8) };
  for (const rel of readdirSync(dir, { recursive: true }) as string[]) modes[rel] = (statSync(join(dir, rel)).mode & 0o777).toString(8);
  return modes;
}

test('files a server creates on a fresh data dir are not readable by other users', async () => {
  const dataDir = join(scratch, 'fresh');
  const server = await startServerProcess({ dataDir, env: { PHARLUX_TELEMETRY_SELF_SCRAPE_SECONDS: '0' } });
  try {
    const nowNs = BigInt(Date.now()) * 1_000_000n;
    const body = { resourceLogs: [{ scopeLogs: [{ logRecords: [{ timeUnixNano: String(nowNs), body: { stringValue: 'x' } }] }] }] };
    const ack = await fetch(`http://127.0.0.1:${server.otlpHttpPort}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(ack.status).toBe(200);
  } finally {
    expect(await server.stop({ keepDataDir: true })).toBe(0);
  }
  const modes = modesUnder(dataDir);
  const names = Object.keys(modes);
  expect(names).toContain('meta.sqlite');
  expect(names.some((n) => n.endsWith('.parquet'))).toBe(true);
  expect(names.some((n) => n.startsWith('wal'))).toBe(true);
  expect(modes['.']).toBe('750');
  const worldAccessible = Object.entries(modes).filter(([, m]) => (Number.parseInt(m, 8) & 0o007) !== 0);
  expect(worldAccessible).toEqual([]);
  expect(server.logs()).not.toContain('data directory is accessible');
}, 30_000);

test('an existing data dir open to other users gets one warning with the chmod to run', async () => {
  const dataDir = join(scratch, 'open');
  mkdirSync(dataDir);
  chmodSync(dataDir, 0o755);
  const server = await startServerProcess({ dataDir, env: { PHARLUX_TELEMETRY_SELF_SCRAPE_SECONDS: '0' } });
  expect(await server.stop({ keepDataDir: true })).toBe(0);
  const warnings = server
    .logs()
    .split('\n')
    .filter((l) => l.includes('data directory is accessible'));
  expect(warnings).toHaveLength(1);
  expect(JSON.parse(warnings[0])).toMatchObject({ level: 'warn', mode: '755', fix: `chmod 750 ${dataDir}` });
}, 30_000);

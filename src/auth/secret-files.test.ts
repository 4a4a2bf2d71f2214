import { afterEach, describe, expect, test } from 'bun:test';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, silentLogger } from '../common/index.ts';
import { loadJwtSecret, writePrivateFile } from './secret-files.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'pharlux-auth-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('loadJwtSecret', () => {
  test('creates a 64-byte secret with mode 0600 and reads the same one back', () => {
    const path = join(tempDir(), 'sub', 'jwt.secret');
    const a = loadJwtSecret(path, silentLogger());
    expect(a.length).toBe(64);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(Buffer.from(loadJwtSecret(path, silentLogger())).equals(Buffer.from(a))).toBe(true);
  });

  test('refuses a world-readable secret and names the chmod to run', () => {
    const path = join(tempDir(), 'jwt.secret');
    writeFileSync(path, 'x'.repeat(64));
    chmodSync(path, 0o644);
    expect(() => loadJwtSecret(path, silentLogger())).toThrow(`chmod 600 ${path}`);
    chmodSync(path, 0o640);
    expect(loadJwtSecret(path, silentLogger()).length).toBe(64);
  });

  test('refuses a secret shorter than 32 bytes', () => {
    const path = join(tempDir(), 'jwt.secret');
    writeFileSync(path, 'short', { mode: 0o600 });
    expect(() => loadJwtSecret(path, silentLogger())).toThrow(ConfigError);
  });
});

describe('writePrivateFile', () => {
  test('writes 0600 even over a wider existing file', () => {
    const path = join(tempDir(), 'initial-admin-password');
    writeFileSync(path, 'old', { mode: 0o644 });
    writePrivateFile(path, 'new\n');
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});

import { afterEach, describe, expect, test } from 'bun:test';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

  test('a secret this user may not use names the way out (auth.jwt_secret_file)', async () => {
    const dir = tempDir();
    const locked = join(dir, 'locked');
    mkdirSync(locked, { mode: 0o700 });
    const path = join(locked, 'etc', 'jwt.secret');
    let message: string;
    if (process.getuid?.() === 0) {
      // Root ignores modes: try it as nobody in a child process.
      chmodSync(dir, 0o755);
      const script = `const m = await import(${JSON.stringify(join(import.meta.dir, 'secret-files.ts'))}); const c = await import(${JSON.stringify(join(import.meta.dir, '../common/index.ts'))}); try { m.loadJwtSecret(${JSON.stringify(path)}, c.silentLogger()); } catch (e) { console.log(e.message); }`;
      const child = Bun.spawn(['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', script], { stdout: 'pipe', stderr: 'pipe' });
      message = (await new Response(child.stdout).text()).trim();
      await child.exited;
    } else {
      chmodSync(locked, 0o000);
      message = (() => {
        try {
          loadJwtSecret(path, silentLogger());
          return '';
        } catch (err) {
          return (err as Error).message;
        }
      })();
      chmodSync(locked, 0o700);
    }
    expect(message).toContain(`JWT secret ${path}: EACCES`);
    expect(message).toContain('set auth.jwt_secret_file, or PHARLUX_AUTH_JWT_SECRET_FILE');
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

import { afterAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from './command.ts';
import { installCommand, installUnder, renderUnit } from './install.ts';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
function freshRoot(): string {
  const r = mkdtempSync(join(tmpdir(), 'pharlux-install-'));
  roots.push(r);
  return r;
}

function captureIo(): CliIo & { out: string[] } {
  const out: string[] = [];
  return {
    out,
    stdout: (t) => out.push(t),
    stderr: (t) => out.push(t),
    stdoutBytes: () => {},
    readStdin: async () => '',
    env: {},
  };
}

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('pharlux install', () => {
  test('the unit carries every hardening directive the issue names', () => {
    const unit = renderUnit('/usr/local/bin/pharlux');
    const directives = unit.split('\n').filter((l) => /^[A-Z]\w*=/.test(l));
    for (const expected of [
      'ExecStart=/usr/local/bin/pharlux serve --config /etc/pharlux/pharlux.toml --data-dir /var/lib/pharlux',
      'Restart=always',
      'MemoryMax=1G',
      'LimitNOFILE=65536',
      'DynamicUser=yes',
      'StateDirectory=pharlux',
      'ConfigurationDirectory=pharlux',
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'ProtectHome=yes',
      'PrivateTmp=yes',
      'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6',
      'CapabilityBoundingSet=',
      'WantedBy=multi-user.target',
    ]) {
      expect(directives).toContain(expected);
    }
    expect(unit).not.toContain('{{');
  });

  test('writes the unit, /etc/pharlux (0755), an empty toml and a 64-byte 0640 secret', async () => {
    const root = freshRoot();
    const io = captureIo();
    expect(await installCommand.run(['--root', root, '--binary', '/opt/pharlux/pharlux'], io)).toBe(0);
    const unitPath = join(root, 'etc/systemd/system/pharlux.service');
    expect(readFileSync(unitPath, 'utf8')).toBe(renderUnit('/opt/pharlux/pharlux'));
    expect(mode(unitPath)).toBe(0o644);
    expect(mode(join(root, 'etc/pharlux'))).toBe(0o755);
    expect(statSync(join(root, 'etc/pharlux/pharlux.toml')).size).toBe(0);
    const secret = join(root, 'etc/pharlux/jwt.secret');
    expect(statSync(secret).size).toBe(64);
    expect(mode(secret)).toBe(0o640);
    const text = io.out.join('');
    expect(text).toContain('systemctl daemon-reload');
    expect(text).toContain('systemctl enable --now pharlux');
    expect(text).not.toContain('nothing to do');
  });

  test('is idempotent: a second run changes nothing and says so', async () => {
    const root = freshRoot();
    await installCommand.run(['--root', root, '--binary', '/b'], captureIo());
    const secretBefore = readFileSync(join(root, 'etc/pharlux/jwt.secret'));
    writeFileSync(join(root, 'etc/pharlux/pharlux.toml'), '[server]\nhttp_port = 3200\n');
    const io = captureIo();
    expect(await installCommand.run(['--root', root, '--binary', '/b'], io)).toBe(0);
    expect(io.out.join('')).toContain('nothing to do: Pharlux is already installed.');
    expect(readFileSync(join(root, 'etc/pharlux/jwt.secret'))).toEqual(secretBefore);
    expect(readFileSync(join(root, 'etc/pharlux/pharlux.toml'), 'utf8')).toBe('[server]\nhttp_port = 3200\n');
  });

  test('a new binary path updates the unit but keeps config and secret', () => {
    const root = freshRoot();
    installUnder(root, '/old/pharlux');
    const steps = installUnder(root, '/new/pharlux');
    expect(steps.map((s) => s.outcome)).toEqual(['updated', 'unchanged', 'kept', 'kept']);
    expect(readFileSync(join(root, 'etc/systemd/system/pharlux.service'), 'utf8')).toContain('ExecStart=/new/pharlux serve');
  });

  test('rejects stray arguments with exit 2', async () => {
    expect(await installCommand.run(['now'], captureIo())).toBe(2);
  });
});

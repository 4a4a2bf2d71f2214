// `pharlux user` against a data directory (also while the server runs) and `pharlux
// query` against a server: the commands as a user runs them.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli, type CliIo } from '../../src/cli/index.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { startApiHarness, type ApiHarness } from './support/api-harness.ts';

const ROOT = resolve(import.meta.dir, '../..');

/** Runs `pharlux <args>` as a child process; resolves with exit code and output. */
async function pharlux(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const proc = Bun.spawn([process.execPath, join(ROOT, 'main.ts'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' },
    stdin: new TextEncoder().encode(stdin),
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, stdout, stderr };
}

/** An in-memory CliIo capturing output. */
function captureIo(env: Record<string, string> = {}): CliIo & { out(): string; err(): string } {
  let out = '';
  let err = '';
  const decoder = new TextDecoder();
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    stdoutBytes: (b) => void (out += decoder.decode(b, { stream: true })),
    readStdin: async () => '',
    env,
    out: () => out,
    err: () => err,
  };
}

describe('pharlux user', () => {
  let dataDir: string;
  let server: ServerProcess | null = null;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'pharlux-cli-'));
  });
  afterAll(async () => {
    await server?.stop({ keepDataDir: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('user add, then login through the API; reset-password and add work while the server runs', async () => {
    const added = await pharlux(['user', 'add', '--username', 'alice', '--password-stdin', '--admin', '--data-dir', dataDir], 'alice-secret-1\n');
    expect(added).toMatchObject({ code: 0, stdout: 'created user alice (role admin, tenant default)\n' });

    server = await startServerProcess({ dataDir });
    // A user existed, so no first-run admin was created.
    expect(server.logs()).not.toContain('initial-admin-password');
    const login = (username: string, password: string) =>
      fetch(`${server?.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    const ok = await login('alice', 'alice-secret-1');
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { user: { role: string } }).user.role).toBe('admin');

    const reset = await pharlux(['user', 'reset-password', '--username', 'alice', '--password', 'alice-secret-2', '--data-dir', dataDir]);
    expect(reset.code).toBe(0);
    expect((await login('alice', 'alice-secret-1')).status).toBe(401);
    expect((await login('alice', 'alice-secret-2')).status).toBe(200);

    const bob = await pharlux(['user', 'add', '--username', 'bob', '--password', 'bob-secret-1', '--tenant', 'acme', '--data-dir', dataDir]);
    expect(bob.code).toBe(0);
    const bobLogin = await login('bob', 'bob-secret-1');
    expect(((await bobLogin.json()) as { user: { tenant: string; role: string } }).user).toMatchObject({ tenant: 'acme', role: 'reader' });

    const list = await pharlux(['user', 'list', '--data-dir', dataDir]);
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')[0]).toMatch(/^USERNAME\s+TENANT\s+ROLE\s+CREATED$/);
    expect(list.stdout).toMatch(/bob\s+acme\s+reader/);
    expect(list.stdout).toContain('(2 users)');
  }, 60_000);

  test('mistakes are one line with the right exit code', async () => {
    const dup = await pharlux(['user', 'add', '--username', 'alice', '--password', 'whatever-1', '--data-dir', dataDir]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toBe('pharlux user add: username "alice" is already taken\n');
    const short = await pharlux(['user', 'add', '--username', 'carol', '--password', 'short', '--data-dir', dataDir]);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('at least 8 characters');
    const last = await pharlux(['user', 'delete', '--username', 'alice', '--data-dir', dataDir]);
    expect(last.code).toBe(1);
    expect(last.stderr).toContain('last admin');
    const missing = await pharlux(['user', 'delete', '--username', 'nobody', '--data-dir', dataDir]);
    expect([missing.code, missing.stderr]).toEqual([1, 'pharlux user delete: user "nobody" not found\n']);
    const noPassword = await pharlux(['user', 'add', '--username', 'dave', '--data-dir', dataDir]);
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain('not a terminal');
    const deleted = await pharlux(['user', 'delete', '--username', 'bob', '--data-dir', dataDir]);
    expect(deleted).toMatchObject({ code: 0, stdout: 'deleted user bob (tenant acme)\n' });
    // A mistyped data dir is an error, not "(0 users)" / "0 rows", and nothing is created there.
    const typo = join(dataDir, 'no-such-dir');
    const list = await pharlux(['user', 'list', '--data-dir', typo]);
    expect(list.code).toBe(1);
    expect(list.stderr).toBe(`pharlux user list: no Pharlux data in ${typo} (no meta.sqlite there): pass the server's --data-dir or --config\n`);
    const query = await pharlux(['query', 'SELECT count(*) FROM logs', '--data-dir', typo]);
    expect(query.code).toBe(1);
    expect(query.stderr).toContain(`no Pharlux data in ${typo}`);
    expect(existsSync(typo)).toBe(false);
  }, 30_000);
});

describe('pharlux query against a server', () => {
  let h: ApiHarness;
  let token: string;
  beforeAll(async () => {
    h = await startApiHarness();
    await h.createUser('default', 'alice', 'reader');
    token = await h.login('alice', 'alice-password');
  });
  afterAll(async () => {
    await h.stop();
  });

  test('table output: aligned columns, NULL, cut wide cells, row count and time', async () => {
    const io = captureIo({ PHARLUX_TOKEN: token });
    expect(await runCli(['query', 'GENERATE 3', '--url', h.baseUrl], io)).toBe(0);
    const lines = io.out().split('\n');
    expect(lines[0]).toBe('n | label | value | ok    | at                             | attrs');
    expect(lines[1]).toBe('--+-------+-------+-------+--------------------------------+-----------');
    expect(lines[2]).toBe('0 | NULL  |  NULL | NULL  | 2025-11-30T12:00:00.000000000Z | NULL');
    expect(lines[3]).toBe('1 | row 1 |  0.25 | false | 2025-11-30T12:00:00.001000001Z | {"k":"v1"}');
    expect(lines[5]).toMatch(/^\(3 rows, [\d.]+ ms\)$/);
  });

  test('csv and ndjson are the server’s bytes; --limit is passed on', async () => {
    const csv = captureIo({ PHARLUX_TOKEN: token });
    expect(await runCli(['query', 'GENERATE 2', '--url', h.baseUrl, '--format', 'csv'], csv)).toBe(0);
    expect(csv.out()).toBe('n,label,value,ok,at,attrs\r\n0,,,,2025-11-30T12:00:00.000000000Z,\r\n1,row 1,0.25,false,2025-11-30T12:00:00.001000001Z,"{""k"":""v1""}"\r\n');
    const nd = captureIo();
    expect(await runCli(['query', 'GENERATE 10', '--url', h.baseUrl, '--format', 'ndjson', '--token', token, '--limit', '4'], nd)).toBe(0);
    expect(nd.out().trimEnd().split('\n')).toHaveLength(4);
    // CSV and NDJSON carry no "truncated" flag: a result of exactly the limit gets a note on stderr.
    expect(nd.err()).toContain('note: 4 rows, the row limit: the result may be truncated');
    const noScheme = captureIo({ PHARLUX_TOKEN: token });
    expect(await runCli(['query', 'GENERATE 1', '--url', h.baseUrl.replace('http://', ''), '--format', 'csv'], noScheme)).toBe(0);
    expect(noScheme.out().split('\r\n')).toHaveLength(3);
    const csvCut = captureIo({ PHARLUX_TOKEN: token });
    expect(await runCli(['query', 'GENERATE 10', '--url', h.baseUrl, '--format', 'csv', '--limit', '3'], csvCut)).toBe(0);
    expect(csvCut.out().trimEnd().split('\r\n')).toHaveLength(4);
    expect(csvCut.err()).toContain('note: 3 rows, the row limit');
    expect(csv.err()).toBe('');
  });

  test('errors: SQL error, bad token, unreachable server, no token, bad flags', async () => {
    const sqlError = captureIo({ PHARLUX_TOKEN: token });
    expect(await runCli(['query', 'SELEC 1', '--url', h.baseUrl], sqlError)).toBe(1);
    expect(sqlError.err()).toBe('pharlux query: syntax error at or near "SELEC" at line 1, column 1\n');
    const badToken = captureIo({ PHARLUX_TOKEN: 'nope' });
    expect(await runCli(['query', 'GENERATE 1', '--url', h.baseUrl], badToken)).toBe(1);
    expect(badToken.err()).toContain('PHARLUX_TOKEN');
    const down = captureIo({ PHARLUX_TOKEN: token });
    expect(await runCli(['query', 'GENERATE 1', '--url', 'http://127.0.0.1:9'], down)).toBe(1);
    expect(down.err()).toContain('cannot reach the server at http://127.0.0.1:9');
    const noToken = captureIo();
    expect(await runCli(['query', 'GENERATE 1', '--url', h.baseUrl], noToken)).toBe(2);
    expect(noToken.err()).toContain('set PHARLUX_TOKEN');
    expect(await runCli(['query', 'GENERATE 1', '--url', h.baseUrl, '--format', 'xml'], captureIo({ PHARLUX_TOKEN: token }))).toBe(2);
    expect(await runCli(['query', '--url', h.baseUrl], captureIo({ PHARLUX_TOKEN: token }))).toBe(2);
    expect(await runCli(['query', 'GENERATE 1', '--data-dir', '/tmp/x', '--url', h.baseUrl], captureIo())).toBe(2);
  });
});

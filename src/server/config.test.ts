import { afterAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../common/index.ts';
import { CONFIG_KEYS } from './config-keys.ts';
import { loadConfig, type LoadConfigOptions } from './config.ts';

const dir = mkdtempSync(join(tmpdir(), 'pharlux-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(text: string): string {
  const path = join(dir, `c${n++}.toml`);
  writeFileSync(path, text);
  return path;
}

function load(options: Partial<LoadConfigOptions> = {}) {
  return loadConfig({ env: {}, fromSource: false, defaultConfigPath: join(dir, 'absent.toml'), cwd: dir, ...options });
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('defaults', () => {
  test('every SPEC §3 default when there is no file', () => {
    const c = load();
    expect(c.sourceFile).toBeNull();
    expect(c.server).toEqual({ bindAddress: '0.0.0.0', httpPort: 3100, otlpGrpcPort: 4317, otlpHttpPort: 4318, corsAllowedOrigins: [] });
    expect(c.storage.dataDir).toBe('/var/lib/pharlux');
    expect(c.storage.retentionDays).toEqual({ metrics: 30, logs: 30, spans: 30 });
    expect(c.storage.maxDiskBytes).toBe(0);
    expect(c.storage.minFreeDiskBytes).toBe(1024 ** 3);
    expect(c.storage.walSync).toBe('group');
    expect(c.storage.walSegmentBytes).toBe(64 * 1024 ** 2);
    expect(c.storage.walMaxBytes).toBe(512 * 1024 ** 2);
    expect(c.storage.headMaxBytes).toBe(64 * 1024 ** 2);
    expect(c.storage.flushIntervalSeconds).toBe(600);
    expect(c.storage.parquetCompression).toBe('zstd');
    expect(c.storage.parquetZstdLevel).toBe(3);
    expect(c.storage.compactionIntervalSeconds).toBe(300);
    expect(c.ingest).toEqual({
      queueBatches: 1000,
      queueBytes: 256 * 1024 ** 2,
      sendTimeoutMs: 100,
      maxRequestBytes: 16 * 1024 ** 2,
      maxDecompressedBytes: 64 * 1024 ** 2,
      lateArrivalSeconds: 86400,
      futureSeconds: 3600,
      requireApiKey: false,
    });
    expect(c.query).toEqual({ memoryMb: 256, timeoutSeconds: 30, maxResultRows: 100000, maxConcurrent: 16 });
    expect(c.auth).toEqual({ jwtSecretFile: '/etc/pharlux/jwt.secret', tokenTtlSeconds: 3600 });
    expect(c.alerts.evaluationIntervalSeconds).toBe(60);
    expect(c.telemetry).toEqual({ selfScrapeSeconds: 15, logLevel: 'info', logFormat: 'text' });
  });

  test('from source: ./data and <data_dir>/jwt.secret', () => {
    const c = load({ fromSource: true });
    expect(c.storage.dataDir).toBe(join(dir, 'data'));
    expect(c.auth.jwtSecretFile).toBe(join(dir, 'data', 'jwt.secret'));
  });

  test('under systemd: json logs and the secret from the credentials directory', () => {
    const c = load({ env: { INVOCATION_ID: 'abc', CREDENTIALS_DIRECTORY: '/run/credentials/pharlux.service' } });
    expect(c.telemetry.logFormat).toBe('json');
    expect(c.auth.jwtSecretFile).toBe('/run/credentials/pharlux.service/jwt.secret');
  });

  test('a zero-length file is valid and means defaults', () => {
    const path = file('');
    const c = load({ configPath: path });
    expect(c.sourceFile).toBe(path);
    expect(c.server.httpPort).toBe(3100);
  });

  test('the file sets keys; retention.<table>_days overrides storage.retention_days', () => {
    const c = load({
      configPath: file(
        '# comment\n[server]\nhttp_port = 3200\ncors_allowed_origins = ["https://a.example"]\n\n[storage]\nretention_days = 7\nwal_sync = "interval"\n[retention]\nlogs_days = 3\n',
      ),
    });
    expect(c.server.httpPort).toBe(3200);
    expect(c.server.corsAllowedOrigins).toEqual(['https://a.example']);
    expect(c.storage.retentionDays).toEqual({ metrics: 7, logs: 3, spans: 7 });
    expect(c.storage.walSync).toBe('interval');
  });

  test('every declared key is accepted in a file', () => {
    const sections = new Map<string, string[]>();
    for (const k of CONFIG_KEYS) {
      const v = k.defaultValue ?? 5;
      const lines = sections.get(k.section) ?? [];
      lines.push(`${k.key} = ${JSON.stringify(v)}`);
      sections.set(k.section, lines);
    }
    const text = [...sections].map(([s, lines]) => `[${s}]\n${lines.join('\n')}`).join('\n');
    expect(() => load({ configPath: file(text) })).not.toThrow();
  });
});

describe('precedence: defaults < file < environment < flags', () => {
  test('environment beats the file', () => {
    const c = load({ configPath: file('[server]\nhttp_port = 3200\n'), env: { PHARLUX_SERVER_HTTP_PORT: '3300' } });
    expect(c.server.httpPort).toBe(3300);
  });
  test('--data-dir beats environment and file', () => {
    const c = load({
      configPath: file('[storage]\ndata_dir = "/from/file"\n'),
      env: { PHARLUX_STORAGE_DATA_DIR: '/from/env' },
      dataDir: '/from/flag',
    });
    expect(c.storage.dataDir).toBe('/from/flag');
  });
  test('environment value types: booleans, lists, enums', () => {
    const c = load({
      env: {
        PHARLUX_INGEST_REQUIRE_API_KEY: 'true',
        PHARLUX_SERVER_CORS_ALLOWED_ORIGINS: 'https://a, https://b',
        PHARLUX_TELEMETRY_LOG_LEVEL: 'debug',
        PHARLUX_TOKEN: 'not a config key',
      },
    });
    expect(c.ingest.requireApiKey).toBe(true);
    expect(c.server.corsAllowedOrigins).toEqual(['https://a', 'https://b']);
    expect(c.telemetry.logLevel).toBe('debug');
  });
  test('relative data_dir from the file resolves against the working directory', () => {
    expect(load({ configPath: file('[storage]\ndata_dir = "rel"\n') }).storage.dataDir).toBe(join(dir, 'rel'));
  });
});

describe('errors name the key, the line and the expected type', () => {
  test('unknown key, with a suggestion', () => {
    const path = file('[server]\n\nhtp_port = 1\n');
    expect(errorOf(() => load({ configPath: path }))).toBe(`${path}: line 3: unknown key server.htp_port; did you mean server.http_port?`);
  });
  test('unknown section', () => {
    const path = file('[srever]\nx = 1\n');
    expect(errorOf(() => load({ configPath: path }))).toBe(`${path}: line 1: unknown section [srever]; did you mean [server]?`);
  });
  test('wrong type', () => {
    const path = file('[server]\nhttp_port = "3100"\n');
    expect(errorOf(() => load({ configPath: path }))).toBe(`${path}: line 2: server.http_port: expected integer between 0 and 65535, got string "3100"`);
  });
  test('out of range', () => {
    const path = file('[server]\nhttp_port = 70000\n');
    expect(errorOf(() => load({ configPath: path }))).toContain('line 2: server.http_port: expected integer between 0 and 65535, got integer 70000');
  });
  test('bad enum value', () => {
    const path = file('[storage]\nwal_sync = "always"\n');
    expect(errorOf(() => load({ configPath: path }))).toContain('storage.wal_sync: expected one of "group", "interval", "none", got string "always"');
  });
  test('dotted keys are located too', () => {
    const path = file('server.http_port = true\n');
    expect(errorOf(() => load({ configPath: path }))).toBe(`${path}: line 1: server.http_port: expected integer between 0 and 65535, got boolean true`);
  });
  test('a section that is not a table', () => {
    const path = file('server = 5\n');
    expect(errorOf(() => load({ configPath: path }))).toContain('"server" must be a table');
  });
  test('invalid TOML syntax gives line and column', () => {
    const path = file('[server]\nhttp_port = = 3\n');
    expect(errorOf(() => load({ configPath: path }))).toMatch(new RegExp(`^${path}: line 2, column \\d+: invalid TOML`));
  });
  test('missing --config file', () => {
    expect(errorOf(() => load({ configPath: join(dir, 'nope.toml') }))).toContain('cannot read config file');
  });
  test('bad environment value', () => {
    expect(errorOf(() => load({ env: { PHARLUX_QUERY_MEMORY_MB: 'lots' } }))).toBe(
      'environment variable PHARLUX_QUERY_MEMORY_MB: expected integer between 16 and 1048576, got "lots"',
    );
    // A key that only has a lower bound names it, also when it is 0.
    expect(errorOf(() => load({ env: { PHARLUX_STORAGE_MAX_DISK_BYTES: '-1' } }))).toBe(
      'environment variable PHARLUX_STORAGE_MAX_DISK_BYTES: expected integer >= 0, got "-1"',
    );
  });
  test('unknown environment key in a known section', () => {
    expect(errorOf(() => load({ env: { PHARLUX_SERVER_HTTP_PROT: '1' } }))).toBe(
      'environment variable PHARLUX_SERVER_HTTP_PROT: unknown key server.http_prot; did you mean PHARLUX_SERVER_HTTP_PORT?',
    );
  });
  test('empty data_dir', () => {
    expect(errorOf(() => load({ configPath: file('[storage]\ndata_dir = ""\n') }))).toContain('storage.data_dir: must not be empty');
  });
});

/**
 * Loads the configuration: defaults < TOML file < `PHARLUX_<SECTION>_<KEY>` environment
 * variables < command-line flags. Every key is declared once in config-keys.ts. Errors
 * are one line naming the key, where it came from (file line or variable) and the
 * expected type; the CLI turns them into exit code 2.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { closestName, ConfigError } from '../common/index.ts';
import type { TableName } from '../columnar/index.ts';
import { CONFIG_KEY_INDEX, CONFIG_KEYS, CONFIG_SECTIONS, describeKind, type ConfigKeySpec, type ConfigValue } from './config-keys.ts';


export interface PharluxConfig {
  readonly server: {
    readonly bindAddress: string;
    readonly httpPort: number;
    readonly otlpGrpcPort: number;
    readonly otlpHttpPort: number;
    readonly corsAllowedOrigins: readonly string[];
  };
  readonly storage: {
    readonly dataDir: string;
    readonly retentionDays: Readonly<Record<TableName, number>>;
    readonly maxDiskBytes: number;
    readonly minFreeDiskBytes: number;
    readonly walSync: 'group' | 'interval' | 'none';
    readonly walSyncIntervalMs: number;
    readonly walSegmentBytes: number;
    readonly walMaxBytes: number;
    readonly headMaxBytes: number;
    readonly flushIntervalSeconds: number;
    readonly parquetCompression: 'zstd' | 'snappy' | 'none';
    readonly parquetZstdLevel: number;
    readonly compactionIntervalSeconds: number;
  };
  readonly ingest: {
    readonly queueBatches: number;
    readonly queueBytes: number;
    readonly sendTimeoutMs: number;
    readonly maxRequestBytes: number;
    readonly maxDecompressedBytes: number;
    readonly lateArrivalSeconds: number;
    readonly futureSeconds: number;
    readonly requireApiKey: boolean;
  };
  readonly query: {
    readonly memoryMb: number;
    readonly timeoutSeconds: number;
    readonly maxResultRows: number;
    readonly maxConcurrent: number;
  };
  readonly auth: { readonly jwtSecretFile: string; readonly tokenTtlSeconds: number };
  readonly alerts: { readonly evaluationIntervalSeconds: number };
  readonly telemetry: {
    readonly selfScrapeSeconds: number;
    readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
    readonly logFormat: 'text' | 'json';
  };
  /** The file that was read, or null when running on defaults. */
  readonly sourceFile: string | null;
}

export interface LoadConfigOptions {
  /** `--config F`: must exist. */
  readonly configPath?: string;
  /** `--data-dir D`: beats file and environment. */
  readonly dataDir?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Running from a source checkout (not the compiled binary): changes two defaults (SPEC §3). */
  readonly fromSource: boolean;
  /** Where a compiled binary looks when no --config is given. */
  readonly defaultConfigPath?: string;
  /** Base for relative paths (data_dir from the file or env). */
  readonly cwd?: string;
}

export const DEFAULT_CONFIG_PATH = '/etc/pharlux/pharlux.toml';

/** Non-configuration variables that share the PHARLUX_ prefix. */
const OTHER_ENV = new Set(['PHARLUX_TOKEN', 'PHARLUX_ADMIN_PASSWORD', 'PHARLUX_URL', 'PHARLUX_CONFIG', 'PHARLUX_DATA_DIR']);

/** Loads and validates the configuration; throws ConfigError with a one-line message. */
export function loadConfig(options: LoadConfigOptions): PharluxConfig {
  const values = new Map<string, ConfigValue>();
  for (const spec of CONFIG_KEYS) values.set(`${spec.section}.${spec.key}`, spec.defaultValue);
  if (options.env.JOURNAL_STREAM || options.env.INVOCATION_ID) values.set('telemetry.log_format', 'json');

  const path = options.configPath ?? options.env.PHARLUX_CONFIG ?? (options.fromSource ? undefined : (options.defaultConfigPath ?? DEFAULT_CONFIG_PATH));
  const explicit = options.configPath !== undefined || options.env.PHARLUX_CONFIG !== undefined;
  let sourceFile: string | null = null;
  if (path !== undefined && (explicit || existsSync(path))) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw new ConfigError(`cannot read config file ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(err)}`);
    }
    applyFile(values, text, path);
    sourceFile = path;
  }
  applyEnv(values, options.env);

  const cwd = options.cwd ?? process.cwd();
  let dataDir = options.dataDir ?? options.env.PHARLUX_DATA_DIR;
  if (dataDir === undefined) {
    const fromFileOrEnv = values.get('storage.data_dir') as string;
    const isDefault = fromFileOrEnv === CONFIG_KEY_INDEX.get('storage.data_dir')?.defaultValue;
    dataDir = options.fromSource && isDefault ? './data' : fromFileOrEnv;
  }
  if (dataDir === '') throw new ConfigError('storage.data_dir: must not be empty');
  dataDir = isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir);

  const secretIsDefault = values.get('auth.jwt_secret_file') === CONFIG_KEY_INDEX.get('auth.jwt_secret_file')?.defaultValue;
  let jwtSecretFile = values.get('auth.jwt_secret_file') as string;
  if (secretIsDefault && options.env.CREDENTIALS_DIRECTORY) jwtSecretFile = join(options.env.CREDENTIALS_DIRECTORY, 'jwt.secret');
  else if (secretIsDefault && options.fromSource) jwtSecretFile = join(dataDir, 'jwt.secret');

  return buildConfig(values, dataDir, jwtSecretFile, sourceFile);
}

function applyFile(values: Map<string, ConfigValue>, text: string, path: string): void {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof TomlError) {
      const reason = err.message.split('\n')[0].replace(/^Invalid TOML document: /, '');
      throw new ConfigError(`${path}: line ${err.line}, column ${err.column}: invalid TOML: ${reason}`);
    }
    throw new ConfigError(`${path}: invalid TOML: ${String(err)}`);
  }
  const lineOf = keyLineFinder(text);
  for (const [section, body] of Object.entries(doc)) {
    if (!CONFIG_SECTIONS.includes(section)) {
      const hint = closestName(section, CONFIG_SECTIONS);
      throw new ConfigError(`${path}: line ${lineOf(section, null)}: unknown section [${section}]${hint ? `; did you mean [${hint}]?` : ''}`);
    }
    if (!isPlainObject(body)) {
      throw new ConfigError(`${path}: line ${lineOf(section, null)}: "${section}" must be a table ([${section}])`);
    }
    for (const [key, raw] of Object.entries(body)) {
      const name = `${section}.${key}`;
      const spec = CONFIG_KEY_INDEX.get(name);
      const line = lineOf(section, key);
      if (spec === undefined) {
        const hint = closestName(name, [...CONFIG_KEY_INDEX.keys()]);
        throw new ConfigError(`${path}: line ${line}: unknown key ${name}${hint ? `; did you mean ${hint}?` : ''}`);
      }
      values.set(name, checkFileValue(spec, raw, `${path}: line ${line}: ${name}`));
    }
  }
}

function checkFileValue(spec: ConfigKeySpec, raw: unknown, where: string): ConfigValue {
  const kind = spec.kind;
  const fail = (): never => {
    throw new ConfigError(`${where}: expected ${describeKind(kind)}, got ${describeTomlValue(raw)}`);
  };
  switch (kind.type) {
    case 'integer': {
      const n = typeof raw === 'bigint' ? Number(raw) : raw;
      if (typeof n !== 'number' || !Number.isInteger(n)) return fail();
      if ((kind.min !== undefined && n < kind.min) || (kind.max !== undefined && n > kind.max)) return fail();
      return n;
    }
    case 'boolean':
      return typeof raw === 'boolean' ? raw : fail();
    case 'string':
      return typeof raw === 'string' ? raw : fail();
    case 'enum':
      return typeof raw === 'string' && kind.values.includes(raw) ? raw : fail();
    case 'string_list':
      return Array.isArray(raw) && raw.every((x) => typeof x === 'string') ? (raw as string[]) : fail();
  }
}

function applyEnv(values: Map<string, ConfigValue>, env: Readonly<Record<string, string | undefined>>): void {
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith('PHARLUX_') || raw === undefined || OTHER_ENV.has(name)) continue;
    const rest = name.slice('PHARLUX_'.length).toLowerCase();
    const section = CONFIG_SECTIONS.find((s) => rest.startsWith(`${s}_`));
    if (section === undefined) continue; // not a configuration variable
    const key = `${section}.${rest.slice(section.length + 1)}`;
    const spec = CONFIG_KEY_INDEX.get(key);
    if (spec === undefined) {
      const hint = closestName(key, [...CONFIG_KEY_INDEX.keys()]);
      const hintVar = hint ? `PHARLUX_${hint.replace('.', '_').toUpperCase()}` : undefined;
      throw new ConfigError(`environment variable ${name}: unknown key ${key}${hintVar ? `; did you mean ${hintVar}?` : ''}`);
    }
    values.set(key, parseEnvValue(spec, raw, `environment variable ${name}`));
  }
}

function parseEnvValue(spec: ConfigKeySpec, raw: string, where: string): ConfigValue {
  const kind = spec.kind;
  const fail = (): never => {
    throw new ConfigError(`${where}: expected ${describeKind(kind)}, got "${raw}"`);
  };
  const text = raw.trim();
  switch (kind.type) {
    case 'integer': {
      if (!/^-?\d+$/.test(text)) return fail();
      const n = Number(text);
      if ((kind.min !== undefined && n < kind.min) || (kind.max !== undefined && n > kind.max) || !Number.isSafeInteger(n)) return fail();
      return n;
    }
    case 'boolean':
      if (['true', '1', 'yes', 'on'].includes(text.toLowerCase())) return true;
      if (['false', '0', 'no', 'off'].includes(text.toLowerCase())) return false;
      return fail();
    case 'string':
      return raw;
    case 'enum':
      return kind.values.includes(text) ? text : fail();
    case 'string_list':
      if (text === '') return [];
      if (text.startsWith('[')) {
        try {
          const parsed: unknown = JSON.parse(text);
          if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed as string[];
        } catch {
          // fall through to the error below
        }
        return fail();
      }
      return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  }
}

function buildConfig(values: Map<string, ConfigValue>, dataDir: string, jwtSecretFile: string, sourceFile: string | null): PharluxConfig {
  const num = (key: string): number => values.get(key) as number;
  const str = (key: string): string => values.get(key) as string;
  const retentionDays = num('storage.retention_days');
  const tableRetention = (table: TableName): number => (values.get(`retention.${table}_days`) as number | null) ?? retentionDays;
  return {
    server: {
      bindAddress: str('server.bind_address'),
      httpPort: num('server.http_port'),
      otlpGrpcPort: num('server.otlp_grpc_port'),
      otlpHttpPort: num('server.otlp_http_port'),
      corsAllowedOrigins: values.get('server.cors_allowed_origins') as readonly string[],
    },
    storage: {
      dataDir,
      retentionDays: { metrics: tableRetention('metrics'), logs: tableRetention('logs'), spans: tableRetention('spans') },
      maxDiskBytes: num('storage.max_disk_bytes'),
      minFreeDiskBytes: num('storage.min_free_disk_bytes'),
      walSync: str('storage.wal_sync') as PharluxConfig['storage']['walSync'],
      walSyncIntervalMs: num('storage.wal_sync_interval_ms'),
      walSegmentBytes: num('storage.wal_segment_bytes'),
      walMaxBytes: num('storage.wal_max_bytes'),
      headMaxBytes: num('storage.head_max_bytes'),
      flushIntervalSeconds: num('storage.flush_interval_seconds'),
      parquetCompression: str('storage.parquet_compression') as PharluxConfig['storage']['parquetCompression'],
      parquetZstdLevel: num('storage.parquet_zstd_level'),
      compactionIntervalSeconds: num('storage.compaction_interval_seconds'),
    },
    ingest: {
      queueBatches: num('ingest.queue_batches'),
      queueBytes: num('ingest.queue_bytes'),
      sendTimeoutMs: num('ingest.send_timeout_ms'),
      maxRequestBytes: num('ingest.max_request_bytes'),
      maxDecompressedBytes: num('ingest.max_decompressed_bytes'),
      lateArrivalSeconds: num('ingest.late_arrival_seconds'),
      futureSeconds: num('ingest.future_seconds'),
      requireApiKey: values.get('ingest.require_api_key') as boolean,
    },
    query: {
      memoryMb: num('query.memory_mb'),
      timeoutSeconds: num('query.timeout_seconds'),
      maxResultRows: num('query.max_result_rows'),
      maxConcurrent: num('query.max_concurrent'),
    },
    auth: { jwtSecretFile, tokenTtlSeconds: num('auth.token_ttl_seconds') },
    alerts: { evaluationIntervalSeconds: num('alerts.evaluation_interval_seconds') },
    telemetry: {
      selfScrapeSeconds: num('telemetry.self_scrape_seconds'),
      logLevel: str('telemetry.log_level') as PharluxConfig['telemetry']['logLevel'],
      logFormat: str('telemetry.log_format') as PharluxConfig['telemetry']['logFormat'],
    },
    sourceFile,
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function describeTomlValue(v: unknown): string {
  if (typeof v === 'string') return `string "${v}"`;
  if (typeof v === 'number' || typeof v === 'bigint') return Number.isInteger(Number(v)) ? `integer ${v}` : `float ${v}`;
  if (typeof v === 'boolean') return `boolean ${v}`;
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date-time';
  return 'table';
}

/**
 * Finds the 1-based line where `section.key` (or the `[section]` header when key is
 * null) is written, for error messages. Handles `[section]` + `key = ...`, dotted keys
 * and quoted keys; falls back to line 1.
 */
function keyLineFinder(text: string): (section: string, key: string | null) => number {
  const lines = text.split(/\r?\n/);
  const bare = (s: string): string => s.trim().replace(/^["']|["']$/g, '');
  return (section, key) => {
    let current = '';
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].replace(/#.*$/, '').trim();
      const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
      if (header) {
        current = bare(header[1]);
        if (key === null && current === section) return i + 1;
        continue;
      }
      const eq = line.indexOf('=');
      if (eq < 0) continue;
      const parts = line.slice(0, eq).split('.').map(bare);
      const full = current === '' ? parts : [current, ...parts];
      if (full[0] === section && (key === null || full[1] === key)) return i + 1;
    }
    return 1;
  };
}

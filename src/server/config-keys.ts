/**
 * Every configuration key of SPEC §3: section, key, type, default and meaning. The
 * loader (config.ts) validates files and environment overrides against this table and
 * `pharlux serve --help` prints it, so it is the one place a key is declared.
 */
export type ConfigKind =
  | { readonly type: 'integer'; readonly min?: number; readonly max?: number }
  | { readonly type: 'boolean' }
  | { readonly type: 'string' }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'string_list' };

export type ConfigValue = number | boolean | string | readonly string[] | null;

export interface ConfigKeySpec {
  readonly section: string;
  readonly key: string;
  readonly kind: ConfigKind;
  /** `null` = derived at load time (see config.ts), e.g. retention.<table>_days. */
  readonly defaultValue: ConfigValue;
  readonly help: string;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const int = (min = 0, max = Number.MAX_SAFE_INTEGER): ConfigKind => ({ type: 'integer', min, max });
const port: ConfigKind = { type: 'integer', min: 0, max: 65535 };
const k = (section: string, key: string, kind: ConfigKind, defaultValue: ConfigValue, help: string): ConfigKeySpec => ({
  section,
  key,
  kind,
  defaultValue,
  help,
});

export const CONFIG_KEYS: readonly ConfigKeySpec[] = [
  k('server', 'bind_address', { type: 'string' }, '0.0.0.0', 'address of all listeners'),
  k('server', 'http_port', port, 3100, 'API and web UI'),
  k('server', 'otlp_grpc_port', port, 4317, 'OTLP/gRPC'),
  k('server', 'otlp_http_port', port, 4318, 'OTLP/HTTP'),
  k('server', 'cors_allowed_origins', { type: 'string_list' }, [], 'origins allowed to call the API from a browser'),
  k('storage', 'data_dir', { type: 'string' }, '/var/lib/pharlux', 'all state (./data when run from source)'),
  k('storage', 'retention_days', int(1, 36500), 30, 'age after which hour partitions are dropped'),
  k('storage', 'max_disk_bytes', int(), 0, 'size-based retention: drop oldest partitions above this (0 = off)'),
  k('storage', 'min_free_disk_bytes', int(), GiB, 'below this free space, ingest answers 503 (retryable)'),
  k('storage', 'wal_sync', { type: 'enum', values: ['group', 'interval', 'none'] }, 'group', 'when an acknowledged write is fsynced'),
  k('storage', 'wal_sync_interval_ms', int(1, 60_000), 100, 'fsync cadence when wal_sync = interval'),
  k('storage', 'wal_segment_bytes', int(MiB), 64 * MiB, 'WAL segment rotation size'),
  k('storage', 'wal_max_bytes', int(MiB), 512 * MiB, 'total WAL cap; ingest back-pressures above it'),
  k('storage', 'head_max_bytes', int(MiB), 64 * MiB, 'flush the in-memory head when it reaches this'),
  k('storage', 'flush_interval_seconds', int(1), 600, 'flush the head at least this often'),
  k('storage', 'parquet_compression', { type: 'enum', values: ['zstd', 'snappy', 'none'] }, 'zstd', 'Parquet page compression'),
  k('storage', 'parquet_zstd_level', int(1, 22), 3, 'zstd level for Parquet pages'),
  k('storage', 'compaction_interval_seconds', int(1), 300, 'background compaction cadence'),
  k('retention', 'metrics_days', int(1, 36500), null, 'overrides storage.retention_days for metrics'),
  k('retention', 'logs_days', int(1, 36500), null, 'overrides storage.retention_days for logs'),
  k('retention', 'spans_days', int(1, 36500), null, 'overrides storage.retention_days for spans'),
  k('ingest', 'queue_batches', int(1), 1000, 'bounded ingest queue, in requests'),
  k('ingest', 'queue_bytes', int(MiB), 256 * MiB, 'bounded ingest queue, in bytes'),
  k('ingest', 'send_timeout_ms', int(0, 60_000), 100, 'how long a request may wait for queue space before 429'),
  k('ingest', 'max_request_bytes', int(1024), 16 * MiB, 'largest accepted request body (compressed)'),
  k('ingest', 'max_decompressed_bytes', int(1024), 64 * MiB, 'largest accepted request body after decompression'),
  k('ingest', 'late_arrival_seconds', int(0), 86_400, 'oldest accepted timestamp, relative to now'),
  k('ingest', 'future_seconds', int(0), 3600, 'newest accepted timestamp, relative to now'),
  k('ingest', 'require_api_key', { type: 'boolean' }, false, 'OTLP requests need an API key, which selects the tenant'),
  k('query', 'memory_mb', int(16, 1 << 20), 256, 'per-query memory budget'),
  k('query', 'timeout_seconds', int(1, 86_400), 30, 'per-query timeout'),
  k('query', 'max_result_rows', int(1), 100_000, 'larger results are truncated and marked so'),
  k('query', 'max_concurrent', int(1, 1024), 16, 'queries running at once; more wait in a queue'),
  k('auth', 'jwt_secret_file', { type: 'string' }, '/etc/pharlux/jwt.secret', 'HS256 secret (<data_dir>/jwt.secret when run from source)'),
  k('auth', 'token_ttl_seconds', int(60, 31_536_000), 3600, 'lifetime of API tokens and sessions'),
  k('alerts', 'evaluation_interval_seconds', int(1), 60, 'alert rule evaluation cadence'),
  k('telemetry', 'self_scrape_seconds', int(0), 15, "record Pharlux's own metrics this often (0 = off)"),
  k('telemetry', 'log_level', { type: 'enum', values: ['debug', 'info', 'warn', 'error'] }, 'info', 'log verbosity'),
  k('telemetry', 'log_format', { type: 'enum', values: ['text', 'json'] }, 'text', 'text for terminals, json under systemd'),
];

/** `section.key` → spec. */
export const CONFIG_KEY_INDEX: ReadonlyMap<string, ConfigKeySpec> = new Map(CONFIG_KEYS.map((s) => [`${s.section}.${s.key}`, s]));

export const CONFIG_SECTIONS: readonly string[] = [...new Set(CONFIG_KEYS.map((s) => s.section))];

/** Human name of a kind, for error messages. */
export function describeKind(kind: ConfigKind): string {
  switch (kind.type) {
    case 'integer':
      return kind.min !== undefined && kind.max !== undefined && kind.max < Number.MAX_SAFE_INTEGER
        ? `integer between ${kind.min} and ${kind.max}`
        : kind.min !== undefined
          ? `integer >= ${kind.min}`
          : 'integer';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    case 'enum':
      return `one of ${kind.values.map((v) => `"${v}"`).join(', ')}`;
    case 'string_list':
      return 'array of strings';
  }
}

/**
 * Structured logging. Every module logs through a `Logger` it was given (never
 * console.log). Two formats: `text` for terminals (aligned, human) and `json` for
 * systemd/journald and log shippers (one object per line).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'text' | 'json';
export type LogFields = Record<string, unknown>;

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Where finished log lines go; stderr by default, an array in tests. */
export type LogSink = (line: string) => void;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` (e.g. `{component: 'wal'}`) to every line. */
  child(fields: LogFields): Logger;
  /** Whether a level would be written; lets hot paths skip building fields. */
  enabled(level: LogLevel): boolean;
}

export interface LoggerOptions {
  level: LogLevel;
  format: LogFormat;
  sink?: LogSink;
  now?: () => Date;
}

const stderrSink: LogSink = (line) => {
  process.stderr.write(line + '\n');
};

/** Creates a root logger. */
export function createLogger(options: LoggerOptions): Logger {
  return new StructuredLogger(options, {});
}

/** A logger that writes nothing; for tests and library use. */
export function silentLogger(): Logger {
  return createLogger({ level: 'error', format: 'text', sink: () => {} });
}

class StructuredLogger implements Logger {
  constructor(
    private readonly options: LoggerOptions,
    private readonly bound: LogFields,
  ) {}

  enabled(level: LogLevel): boolean {
    return LEVEL_RANK[level] >= LEVEL_RANK[this.options.level];
  }

  debug(msg: string, fields?: LogFields): void {
    this.write('debug', msg, fields);
  }
  info(msg: string, fields?: LogFields): void {
    this.write('info', msg, fields);
  }
  warn(msg: string, fields?: LogFields): void {
    this.write('warn', msg, fields);
  }
  error(msg: string, fields?: LogFields): void {
    this.write('error', msg, fields);
  }

  child(fields: LogFields): Logger {
    return new StructuredLogger(this.options, { ...this.bound, ...fields });
  }

  private write(level: LogLevel, msg: string, fields?: LogFields): void {
    if (!this.enabled(level)) return;
    const time = (this.options.now?.() ?? new Date()).toISOString();
    const all = fields ? { ...this.bound, ...fields } : this.bound;
    const sink = this.options.sink ?? stderrSink;
    sink(this.options.format === 'json' ? formatJson(time, level, msg, all) : formatText(time, level, msg, all));
  }
}

function formatJson(time: string, level: LogLevel, msg: string, fields: LogFields): string {
  return JSON.stringify({ time, level, msg, ...normaliseFields(fields) });
}

function formatText(time: string, level: LogLevel, msg: string, fields: LogFields): string {
  let line = `${time} ${level.toUpperCase().padEnd(5)} ${msg}`;
  for (const [key, value] of Object.entries(normaliseFields(fields))) {
    line += ` ${key}=${formatTextValue(value)}`;
  }
  return line;
}

function normaliseFields(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? value.message : typeof value === 'bigint' ? value.toString() : value;
  }
  return out;
}

function formatTextValue(value: unknown): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) || value === '' ? JSON.stringify(value) : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return JSON.stringify(value);
}

/**
 * The error vocabulary shared by every module. Each phase has its own subclass so that
 * `server/http/error-response.ts` can map errors to HTTP/gRPC status in one place.
 * `code` is a stable machine-readable string that appears in API error envelopes.
 */
export class AppError extends Error {
  /** Stable machine-readable code, e.g. `config_invalid`, `sql_syntax`. */
  readonly code: string;
  /** True when a client may retry the same request later and expect success. */
  readonly retryable: boolean;

  constructor(code: string, message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options?.retryable ?? false;
  }
}

/** Bad configuration file, environment override or command-line flag (exit code 2). */
export class ConfigError extends AppError {
  constructor(message: string) {
    super('config_invalid', message);
  }
}

/** Wrong command-line usage (exit code 2). */
export class UsageError extends AppError {
  constructor(message: string) {
    super('usage', message);
  }
}

/** A broken invariant: a bug in Pharlux, never the user's fault. */
export class InternalError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('internal', message, options);
  }
}

/** Returns a one-line description of any thrown value, for logs and CLI output. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Exhaustiveness check for tagged-union switches. */
export function assertNever(value: never, what = 'value'): never {
  throw new InternalError(`unexpected ${what}: ${JSON.stringify(value)}`);
}

/**
 * The one place that maps error classes to HTTP status codes. Anything that is not an
 * AppError is an internal error: logged with its stack, answered with a generic
 * message. Every error goes out in the envelope `{"error": {"code", "message"}}`.
 */
import { AuthError, ForbiddenError, LoginRateLimitedError, PasswordPolicyError, UsernameProbeLimitedError } from '../../auth/index.ts';
import { AppError, ConfigError, InternalError, UsageError, type Logger } from '../../common/index.ts';
import { MetaConflictError, MetaNotFoundError, MetaStorageError, MetaValidationError } from '../../meta/index.ts';
import { StorageFullError, StorageUnavailableError } from '../../storage/index.ts';
import { errorEnvelope } from './json-response.ts';

/** An HTTP-level problem raised by a handler: not found, bad request, ... */
export class HttpError extends AppError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
  ) {
    super(code, message);
  }
}

/**
 * SQL engine errors by their stable code (query/ errors.ts). Matched by code rather than
 * class because the engine is reached only through the QueryService interface.
 */
const QUERY_ERROR_STATUS: Readonly<Record<string, number>> = {
  sql_syntax: 400,
  sql_unknown_column: 400,
  sql_unknown_table: 400,
  sql_unknown_function: 400,
  sql_type: 400,
  sql_unsupported: 400,
  sql_read_only: 400,
  division_by_zero: 400,
  numeric_out_of_range: 400,
  invalid_input: 400,
  invalid_argument: 400,
  query_memory_exceeded: 422,
  query_timeout: 504,
  query_cancelled: 499,
  query_queue_full: 429,
};

/** HTTP status for an error; 500 when unknown. */
export function httpStatusOf(err: unknown): number {
  if (err instanceof HttpError) return err.status;
  if (err instanceof AuthError) return 401;
  if (err instanceof ForbiddenError) return 403;
  if (err instanceof MetaNotFoundError) return 404;
  if (err instanceof MetaConflictError) return 409;
  if (err instanceof LoginRateLimitedError || err instanceof UsernameProbeLimitedError) return 429;
  if (err instanceof MetaValidationError || err instanceof PasswordPolicyError) return 400;
  if (err instanceof MetaStorageError) return 500;
  if (err instanceof StorageFullError) return 507;
  if (err instanceof StorageUnavailableError) return 503;
  if (err instanceof UsageError || err instanceof ConfigError) return 400;
  if (err instanceof InternalError) return 500;
  if (err instanceof AppError) return QUERY_ERROR_STATUS[err.code] ?? (err.retryable ? 503 : 400);
  return 500;
}

function retryAfterSeconds(err: AppError): number {
  if (err instanceof LoginRateLimitedError) return err.retryAfterSeconds;
  const declared = (err as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof declared === 'number' && declared > 0 ? Math.ceil(declared) : 1;
}

/** Turns any thrown value into a JSON error response, logging server-side failures. */
export function errorResponse(err: unknown, logger: Logger): Response {
  const status = httpStatusOf(err);
  if (status >= 500 && status !== 504 && !(err instanceof AppError && err.retryable)) {
    logger.error('request failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
  if (err instanceof AppError && !(err instanceof InternalError) && !(err instanceof MetaStorageError)) {
    const retry = err.retryable || status === 429 ? { 'retry-after': String(retryAfterSeconds(err)) } : undefined;
    return errorEnvelope(status, err.code, err.message, retry);
  }
  return errorEnvelope(500, 'internal', 'internal server error (details are in the server log)');
}

/**
 * The one place that maps error classes to HTTP status codes (and, for OTLP/gRPC, to
 * gRPC status codes). Anything that is not an AppError is an internal error: logged
 * with its stack, answered with a generic message.
 */
import { AppError, ConfigError, InternalError, UsageError, type Logger } from '../../common/index.ts';
import { StorageFullError, StorageUnavailableError } from '../../storage/contract.ts';
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

/** HTTP status for an error; 500 when unknown. */
export function httpStatusOf(err: unknown): number {
  if (err instanceof HttpError) return err.status;
  if (err instanceof StorageFullError) return 507;
  if (err instanceof StorageUnavailableError) return 503;
  if (err instanceof UsageError || err instanceof ConfigError) return 400;
  if (err instanceof InternalError) return 500;
  if (err instanceof AppError) return err.retryable ? 503 : 400;
  return 500;
}

/** Turns any thrown value into a JSON error response, logging server-side failures. */
export function errorResponse(err: unknown, logger: Logger): Response {
  const status = httpStatusOf(err);
  if (status >= 500 && !(err instanceof AppError && err.retryable)) {
    logger.error('request failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
  if (err instanceof AppError && !(err instanceof InternalError)) {
    return errorEnvelope(status, err.code, err.message, err.retryable ? { 'retry-after': '1' } : undefined);
  }
  return errorEnvelope(500, 'internal', 'internal server error (details are in the server log)');
}

/**
 * The OTLP status contract (SPEC §4) in one place: which HTTP status and gRPC code each
 * ingest outcome gets, and whether the client should retry (with Retry-After / RetryInfo).
 *   malformed                        400 INVALID_ARGUMENT     not retried
 *   unknown / missing API key        401 UNAUTHENTICATED      not retried
 *   body too large                   413 RESOURCE_EXHAUSTED   not retried (no RetryInfo)
 *   unsupported content type/coding  415 INVALID_ARGUMENT     not retried
 *   queue full past send_timeout     429 RESOURCE_EXHAUSTED   retried (Retry-After, RetryInfo)
 *   storage full (disk guard, WAL)   503 RESOURCE_EXHAUSTED   retried (Retry-After, RetryInfo); not 507,
 *                                    which OTel SDKs and the Collector do not retry (data would be dropped)
 *   storage starting/stopping        503 UNAVAILABLE          retried (Retry-After)
 *   anything else (a bug)            500 INTERNAL             logged with its stack
 */
import { AppError } from '../../common/index.ts';
import {
  IngestRejectedError,
  IngestStoppedError,
  IngestTooLargeError,
  IngestUnauthenticatedError,
  QueueFullError,
} from '../../ingest/index.ts';
import { StorageFullError, StorageUnavailableError } from '../../storage/index.ts';

/** gRPC status codes used here (values from the gRPC spec). */
export const GRPC_CODE = {
  OK: 0,
  INVALID_ARGUMENT: 3,
  RESOURCE_EXHAUSTED: 8,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

const GRPC_CODE_NAMES: Readonly<Record<number, string>> = Object.fromEntries(Object.entries(GRPC_CODE).map(([k, v]) => [v, k]));

/** Name of a gRPC status code, for metrics labels. */
export function grpcCodeName(code: number): string {
  return GRPC_CODE_NAMES[code] ?? String(code);
}

/** An HTTP-level refusal raised by the receiver itself (405, 415). */
export class OtlpHttpError extends AppError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super('otlp_http', message);
  }
}

export interface OtlpFailure {
  readonly httpStatus: number;
  readonly grpcCode: number;
  /** Seconds for Retry-After / RetryInfo; null when the client must not retry. */
  readonly retryAfterSeconds: number | null;
  readonly message: string;
  /** True for failures that are Pharlux's fault and deserve an error log with the stack. */
  readonly internal: boolean;
}

/** Retry-After for storage refusals: long enough for a flush or compaction to free room. */
const STORAGE_RETRY_AFTER_S = 5;

/** Maps any error thrown while handling an OTLP request. */
export function otlpFailureOf(err: unknown): OtlpFailure {
  const message = err instanceof Error ? err.message : String(err);
  const f = (httpStatus: number, grpcCode: number, retryAfterSeconds: number | null, internal = false): OtlpFailure => ({
    httpStatus,
    grpcCode,
    retryAfterSeconds,
    message,
    internal,
  });
  if (err instanceof IngestRejectedError) return f(400, GRPC_CODE.INVALID_ARGUMENT, null);
  if (err instanceof IngestUnauthenticatedError) return f(401, GRPC_CODE.UNAUTHENTICATED, null);
  if (err instanceof IngestTooLargeError) return f(413, GRPC_CODE.RESOURCE_EXHAUSTED, null);
  if (err instanceof OtlpHttpError) return f(err.status, GRPC_CODE.INVALID_ARGUMENT, null);
  if (err instanceof QueueFullError) return f(429, GRPC_CODE.RESOURCE_EXHAUSTED, err.retryAfterSeconds);
  if (err instanceof StorageFullError) return f(503, GRPC_CODE.RESOURCE_EXHAUSTED, STORAGE_RETRY_AFTER_S);
  if (err instanceof StorageUnavailableError || err instanceof IngestStoppedError) return f(503, GRPC_CODE.UNAVAILABLE, STORAGE_RETRY_AFTER_S);
  if (err instanceof AppError && err.retryable) return f(503, GRPC_CODE.UNAVAILABLE, STORAGE_RETRY_AFTER_S);
  return { httpStatus: 500, grpcCode: GRPC_CODE.INTERNAL, retryAfterSeconds: null, message: 'internal error (details are in the server log)', internal: true };
}

/**
 * Errors of the ingest phase. The OTLP receivers map them to HTTP/gRPC status
 * (src/server/otlp/otlp-status.ts); storage's own errors (StorageFullError,
 * StorageUnavailableError) pass through the pipeline unchanged.
 */
import { AppError } from '../common/index.ts';

/** The request is malformed (bad protobuf/JSON, bad compression): 400 / INVALID_ARGUMENT, never retried. */
export class IngestRejectedError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ingest_rejected', message, options);
  }
}

/** The request body is larger than `max_request_bytes` or `max_decompressed_bytes`: 413. */
export class IngestTooLargeError extends AppError {
  constructor(message: string) {
    super('ingest_too_large', message);
  }
}

/** The bounded ingest queue stayed full for `send_timeout_ms`: 429 / RESOURCE_EXHAUSTED, retryable. */
export class QueueFullError extends AppError {
  constructor(
    message: string,
    /** Suggested client back-off, for `Retry-After`. */
    readonly retryAfterSeconds: number,
  ) {
    super('ingest_queue_full', message, { retryable: true });
  }
}

/** No API key, or one that resolves to no tenant, while `ingest.require_api_key` is on: 401 / UNAUTHENTICATED. */
export class IngestUnauthenticatedError extends AppError {
  constructor(message: string) {
    super('ingest_unauthenticated', message);
  }
}

/** The pipeline is shutting down and takes no new requests: 503 / UNAVAILABLE, retryable. */
export class IngestStoppedError extends AppError {
  constructor() {
    super('ingest_stopped', 'ingest is shutting down', { retryable: true });
  }
}

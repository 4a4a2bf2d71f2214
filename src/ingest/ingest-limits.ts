/**
 * The `ingest.*` settings of SPEC §3 as the ingest code sees them. The field names match
 * `PharluxConfig['ingest']` so the server can pass its config section straight in.
 */
export interface IngestLimits {
  /** Most requests admitted to the append queue at once. */
  readonly queueBatches: number;
  /** Most bytes (decompressed bodies + decoded columns) admitted at once. */
  readonly queueBytes: number;
  /** How long a request may wait for queue room before QueueFullError (429). */
  readonly sendTimeoutMs: number;
  /** Largest body on the wire (before decompression). */
  readonly maxRequestBytes: number;
  /** Largest body after decompression. */
  readonly maxDecompressedBytes: number;
  /** Oldest accepted timestamp, relative to the receive time. */
  readonly lateArrivalSeconds: number;
  /** Newest accepted timestamp, relative to the receive time. */
  readonly futureSeconds: number;
  /** When true, requests need an API key that selects the tenant. */
  readonly requireApiKey: boolean;
}

const MiB = 1024 * 1024;

/** SPEC §3 defaults. */
export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  queueBatches: 1000,
  queueBytes: 256 * MiB,
  sendTimeoutMs: 100,
  maxRequestBytes: 16 * MiB,
  maxDecompressedBytes: 64 * MiB,
  lateArrivalSeconds: 86_400,
  futureSeconds: 3600,
  requireApiKey: false,
};

/** The validation part of the limits: all that decoding depends on (and so all that WAL replay needs). */
export type ValidationLimits = Pick<IngestLimits, 'lateArrivalSeconds' | 'futureSeconds'>;

/** Fixed caps of SPEC §4 (not configurable). */
export const MAX_ATTRIBUTES = 128;
/** Per attribute: UTF-8 bytes of the key plus of the value's canonical JSON. */
export const MAX_ATTRIBUTE_BYTES = 4096;
/** Log bodies longer than this (UTF-8 bytes) are truncated and marked. */
export const MAX_LOG_BODY_BYTES = 64 * 1024;
/** The attribute added to a log record whose body was truncated; its value is the original size in bytes. */
export const BODY_TRUNCATED_ATTRIBUTE = 'pharlux.body_truncated_bytes';

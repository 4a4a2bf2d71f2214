/**
 * What the write path hands to storage. The ingest pipeline decodes an OTLP request into
 * a `Batch`, and storage makes the request durable (WAL) before the rows become visible
 * (head) and the append promise resolves. The WAL keeps the request bytes as the client
 * sent them (decompressed), so replay re-decodes them with the same code: storage cannot
 * import ingest, so the server injects that decoder as a `WalDecoder`.
 */
import { AppError } from '../common/index.ts';
import type { Batch, TableName } from '../columnar/index.ts';

export type WalEncoding = 'protobuf' | 'json';

/** One acknowledged request, as stored in one WAL record. */
export interface WalEntry {
  readonly table: TableName;
  readonly tenant: string;
  /** Wall-clock time the request was received; validation windows are relative to it. */
  readonly receiveTimeMs: number;
  readonly encoding: WalEncoding;
  /** Decompressed OTLP request body. */
  readonly body: Uint8Array;
  /**
   * Smallest and largest `timestamp` (whole ms) of the rows the append accepted. Storage
   * fills it on replay (it records it with the entry) so the decoder can re-apply exactly
   * the timestamp window the request passed, whatever the config is now (finding 9).
   */
  readonly acceptedTimeMs?: { readonly min: number; readonly max: number };
}

/**
 * Re-creates the rows of a WAL entry on replay; must yield exactly the rows the original
 * append stored (decode + validate are deterministic given `receiveTimeMs`).
 */
export type WalDecoder = (entry: WalEntry) => Batch;

/** The append side of storage, as the ingest pipeline sees it. */
export interface AppendTarget {
  /**
   * Makes `batch` (the rows decoded from `entry`, full table schema) durable and
   * visible. Resolves only when the entry is durable per `storage.wal_sync`; rejects
   * with a retryable `StorageFullError` / `StorageUnavailableError` when it cannot be.
   * The caller may reuse the batch's memory once the promise settles, so an implementation
   * that keeps rows beyond that must copy them (the head does).
   */
  append(entry: WalEntry, batch: Batch): Promise<void>;
}

/** The disk guard or the WAL size cap refused the write; retry later (HTTP 503, gRPC RESOURCE_EXHAUSTED). */
export class StorageFullError extends AppError {
  constructor(message: string) {
    super('storage_full', message, { retryable: true });
  }
}

/** Storage is starting or stopping; retry later (503, UNAVAILABLE). */
export class StorageUnavailableError extends AppError {
  constructor(message: string) {
    super('storage_unavailable', message, { retryable: true });
  }
}

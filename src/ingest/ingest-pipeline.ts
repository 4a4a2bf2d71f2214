/**
 * The write path between the receivers and storage:
 *   decode + validate (synchronous, on the event-loop thread)
 *   → bounded queue (AppendQueue)
 *   → AppendTarget.append (durable per storage.wal_sync; many in flight so group commit batches them)
 *   → IngestResult (accepted, rejected, first reason) or a typed error:
 *     IngestRejectedError → 400, QueueFullError → 429, StorageFullError → 503,
 *     StorageUnavailableError / IngestStoppedError → 503.
 * A malformed request is rejected before anything reaches storage; a request whose
 * every row was rejected is answered without an append. Once an append settles the
 * decoded batch's column memory goes back to the decoder (AppendTarget implementations
 * copy the rows they keep; see MemoryAppendTarget).
 */
import { systemClock, type Clock, type Logger } from '../common/index.ts';
import type { Batch, TableName } from '../columnar/index.ts';
import type { AppendTarget, WalEncoding, WalEntry } from '../storage/index.ts';
import { AppendQueue } from './append-queue.ts';
import { IngestStoppedError } from './errors.ts';
import type { IngestLimits } from './ingest-limits.ts';
import { IngestMetrics } from './ingest-metrics.ts';
import { createOtlpDecoders, makeDecodeContext, type OtlpDecoders } from './otlp/index.ts';

export interface IngestRequest {
  readonly table: TableName;
  readonly tenant: string;
  readonly encoding: WalEncoding;
  /** Decompressed OTLP request body. */
  readonly body: Uint8Array;
}

export interface IngestResult {
  /** Rows now durable. */
  readonly accepted: number;
  /** Rows refused by validation (reported as partial success). */
  readonly rejected: number;
  /** Why the first rejected row was refused, or null. */
  readonly firstRejection: string | null;
}

export interface IngestPipelineOptions {
  readonly target: AppendTarget;
  readonly limits: IngestLimits;
  readonly logger: Logger;
  readonly metrics?: IngestMetrics;
  readonly clock?: Clock;
}

export class IngestPipeline {
  readonly metrics: IngestMetrics;
  private readonly decoders: OtlpDecoders = createOtlpDecoders();
  private readonly queue: AppendQueue;
  private readonly clock: Clock;
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly options: IngestPipelineOptions) {
    this.queue = new AppendQueue(options.limits);
    this.clock = options.clock ?? systemClock;
    this.metrics = options.metrics ?? new IngestMetrics();
    this.metrics.setQueueSource(() => ({ batches: this.queue.batches, bytes: this.queue.bytes, waiting: this.queue.waiting }));
  }

  /** The limits this pipeline enforces (receivers read the body-size caps from here). */
  get limits(): IngestLimits {
    return this.options.limits;
  }

  /** Decodes, validates and durably stores one request. */
  async ingest(request: IngestRequest): Promise<IngestResult> {
    if (this.stopped) throw new IngestStoppedError();
    const receiveTimeMs = this.clock.nowMs();
    const decoded = this.decoders[request.table].decode(
      request.encoding,
      request.body,
      request.tenant,
      makeDecodeContext(receiveTimeMs, this.options.limits),
    );
    if (decoded.rejected > 0) this.metrics.recordRejected(request.table, decoded.rejectedByReason);
    const rows = decoded.batch.length;
    const result: IngestResult = { accepted: rows, rejected: decoded.rejected, firstRejection: decoded.firstRejection };
    if (rows === 0) {
      decoded.release();
      return result;
    }

    const entry: WalEntry = {
      table: request.table,
      tenant: request.tenant,
      receiveTimeMs,
      encoding: request.encoding,
      body: request.body,
    };
    const bytes = request.body.byteLength + batchBytes(decoded.batch);
    const waiting = this.queue.admit(bytes);
    if (waiting !== null) {
      try {
        await waiting;
      } catch (err) {
        decoded.release();
        throw err;
      }
    }
    const append = this.options.target.append(entry, decoded.batch);
    this.inFlight.add(append);
    try {
      await append;
    } finally {
      this.inFlight.delete(append);
      this.queue.release(bytes);
      // The target copied the rows (or failed): the decoder may reuse the batch's memory.
      decoded.release();
    }
    this.metrics.recordAccepted(request.table, rows);
    return result;
  }

  /** Stops taking requests, fails the ones waiting for the queue, and waits for admitted appends to settle. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.rejectWaiters(new IngestStoppedError());
    await Promise.allSettled([...this.inFlight]);
  }
}

/** Approximate memory held by a batch's column arrays (dictionaries not counted). */
export function batchBytes(batch: Batch): number {
  let n = 0;
  for (const c of batch.columns) {
    switch (c.type) {
      case 'string':
      case 'json':
        n += c.codes.byteLength;
        break;
      case 'timestamp':
        n += c.ms.byteLength + c.nanos.byteLength;
        break;
      default:
        n += c.values.byteLength;
    }
  }
  return n;
}

/**
 * The entry point of decoding: one `OtlpDecoder` per table turns a decompressed OTLP
 * Export request (protobuf or JSON) into a Batch of that table's full schema plus the
 * count of rejected rows. Decoding is a pure function of (body, encoding, tenant,
 * DecodeContext): the caches only make it faster. It is synchronous and never keeps a
 * reference to the body.
 */
import { AppError } from '../../common/index.ts';
import type { Batch, TableName } from '../../columnar/index.ts';
import type { WalEncoding } from '../../storage/index.ts';
import { IngestRejectedError } from '../errors.ts';
import type { DecodeContext } from './decode-context.ts';
import { decodeJsonRequest, LogsJsonDecoder, MetricsJsonDecoder, SpansJsonDecoder, type JsonObject } from './json/index.ts';
import { AttributeRunCache, LogsProtoDecoder, MetricsProtoDecoder, SpansProtoDecoder } from './protobuf/index.ts';
import { RejectionTally, type RejectReason } from './rejection-tally.ts';
import { LogsRows, MetricsRows, SpansRows, type ColumnBlock, type LentBatch } from './rows/index.ts';
import { StringPool } from './wire/index.ts';

/** What one request decoded to. */
export interface DecodeResult {
  /** Accepted rows (possibly empty). */
  readonly batch: Batch;
  readonly rejected: number;
  /** Message of the first rejection, for `partial_success.error_message`. */
  readonly firstRejection: string | null;
  readonly rejectedByReason: Partial<Record<RejectReason, number>>;
  /**
   * Gives the batch's column memory back to the decoder for the next requests. Call it
   * once nothing reads the batch any more (after storage copied its rows); until then
   * the batch stays valid. Optional: a batch never released is just garbage.
   */
  release(): void;
}

/** Cross-request caches are dropped between requests once they hold more than this. */
const DEFAULT_CACHE_BUDGET_BYTES = 32 * 1024 * 1024;

interface SignalDecoders {
  readonly rows: { begin(): void; finish(tenant: string): LentBatch; release(block: ColumnBlock): void };
  proto(body: Uint8Array, ctx: DecodeContext): void;
  json(doc: JsonObject, ctx: DecodeContext, reparsed: boolean): void;
}

export class OtlpDecoder {
  private readonly pool = new StringPool();
  private readonly runs = new AttributeRunCache(this.pool);
  private readonly tally = new RejectionTally();
  private readonly signal: SignalDecoders;

  constructor(
    readonly table: TableName,
    private readonly cacheBudgetBytes = DEFAULT_CACHE_BUDGET_BYTES,
  ) {
    this.signal = this.makeSignal(table);
  }

  /** Decodes one request; throws IngestRejectedError when it is malformed (nothing is kept then). */
  decode(encoding: WalEncoding, body: Uint8Array, tenant: string, ctx: DecodeContext): DecodeResult {
    if (this.pool.byteSize() + this.runs.byteSize() > this.cacheBudgetBytes) {
      this.pool.clear();
      this.runs.clear();
    }
    const tally = this.tally;
    tally.reset();
    this.signal.rows.begin();
    try {
      if (encoding === 'protobuf') this.signal.proto(body, ctx);
      else {
        const signal = this.signal;
        // A body re-parsed for exact int64s starts its rows and rejections over.
        const restart = () => {
          tally.reset();
          signal.rows.begin();
        };
        decodeJsonRequest(body, (doc, reparsed) => signal.json(doc, ctx, reparsed), restart);
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      // Not a deliberate rejection: still the client's bytes that broke us, so 400, but say so.
      throw new IngestRejectedError(`malformed request (decoder error: ${err instanceof Error ? err.message : String(err)})`, { cause: err });
    }
    const rows = this.signal.rows;
    const { batch, block } = rows.finish(tenant);
    let released = false;
    return {
      batch,
      rejected: tally.total,
      firstRejection: tally.firstMessage,
      rejectedByReason: tally.byReason(),
      release: () => {
        if (released) return;
        released = true;
        rows.release(block);
      },
    };
  }

  private makeSignal(table: TableName): SignalDecoders {
    const { pool, runs, tally } = this;
    switch (table) {
      case 'metrics': {
        const rows = new MetricsRows(pool);
        const proto = new MetricsProtoDecoder(rows, pool, runs, tally);
        const json = new MetricsJsonDecoder(rows, pool, tally);
        return { rows, proto: (b, c) => proto.decode(b, c), json: (d, c, r) => json.decode(d, c, r) };
      }
      case 'logs': {
        const rows = new LogsRows(pool);
        const proto = new LogsProtoDecoder(rows, pool, runs, tally);
        const json = new LogsJsonDecoder(rows, pool, tally);
        return { rows, proto: (b, c) => proto.decode(b, c), json: (d, c, r) => json.decode(d, c, r) };
      }
      case 'spans': {
        const rows = new SpansRows(pool);
        const proto = new SpansProtoDecoder(rows, pool, runs, tally);
        const json = new SpansJsonDecoder(rows, pool, tally);
        return { rows, proto: (b, c) => proto.decode(b, c), json: (d, c, r) => json.decode(d, c, r) };
      }
    }
  }
}

/** One decoder per table. */
export type OtlpDecoders = Readonly<Record<TableName, OtlpDecoder>>;

export function createOtlpDecoders(): OtlpDecoders {
  return { metrics: new OtlpDecoder('metrics'), logs: new OtlpDecoder('logs'), spans: new OtlpDecoder('spans') };
}

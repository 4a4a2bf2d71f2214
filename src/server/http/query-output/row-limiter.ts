/**
 * Cuts a stream of result batches at `limit` rows and remembers whether rows were cut
 * (SPEC §7: "max rows, result marked truncated"). Stopping early returns the source
 * iterator, which lets the engine stop producing.
 */
import { sliceBatch, type Batch } from '../../../columnar/index.ts';

export class RowLimiter {
  rowCount = 0;
  truncated = false;

  constructor(private readonly limit: number) {}

  /** The source's batches, empty ones dropped, at most `limit` rows in total. */
  async *take(source: AsyncIterable<Batch>): AsyncGenerator<Batch> {
    for await (const batch of source) {
      if (batch.length === 0) continue;
      const room = this.limit - this.rowCount;
      if (room <= 0) {
        this.truncated = true;
        return;
      }
      if (batch.length > room) {
        this.rowCount += room;
        this.truncated = true;
        yield sliceBatch(batch, 0, room);
        return;
      }
      this.rowCount += batch.length;
      yield batch;
    }
  }
}

/** Pulls the first batch now (so errors before it become a proper error response), then the rest lazily. */
export async function prefetchFirst(source: AsyncIterable<Batch>): Promise<AsyncIterable<Batch> & { close(): Promise<void> }> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  let closed = false;
  return {
    async *[Symbol.asyncIterator]() {
      if (first.done) return;
      yield first.value;
      while (!closed) {
        const next = await it.next();
        if (next.done) return;
        yield next.value;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await it.return?.();
    },
  };
}

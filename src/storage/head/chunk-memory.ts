/**
 * Recycled SharedArrayBuffers for head chunks. A flushed generation's chunk memory is
 * normally freed only once every thread that saw it has collected its references — the
 * part worker that encoded it may not collect for many flushes, so under sustained
 * ingest several generations' worth of chunk memory stay resident (measured: ~100 MiB).
 * Reusing the memory of a generation nobody but the flush read (no snapshot ever viewed
 * it, see TableHead.exposed) keeps that bounded and saves the page faults of fresh memory.
 */
export class ChunkMemoryPool {
  private readonly free = new Map<number, SharedArrayBuffer[]>();
  /** Bytes held for reuse. */
  bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** A buffer of exactly `byteLength` bytes (recycled when one is free; contents undefined). */
  take(byteLength: number): SharedArrayBuffer {
    const list = this.free.get(byteLength);
    const buffer = list?.pop();
    if (buffer === undefined) return new SharedArrayBuffer(byteLength);
    this.bytes -= byteLength;
    return buffer;
  }

  /** Keeps `buffer` for reuse (dropped when the pool is full). Nothing may read or write it any more. */
  give(buffer: SharedArrayBuffer): void {
    if (this.bytes + buffer.byteLength > this.maxBytes) return;
    let list = this.free.get(buffer.byteLength);
    if (list === undefined) this.free.set(buffer.byteLength, (list = []));
    list.push(buffer);
    this.bytes += buffer.byteLength;
  }
}

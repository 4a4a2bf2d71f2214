/**
 * The bounded ingest queue (SPEC §3 `queue_batches`, `queue_bytes`, `send_timeout_ms`):
 * admission control for storage appends. A request holds a slot from admission until
 * its append settles; all admitted appends run concurrently, so storage's group commit
 * can batch them into one fsync. When no slot frees up within `send_timeout_ms` the
 * request fails with QueueFullError (429 / RESOURCE_EXHAUSTED). Waiters are served in
 * arrival order; memory is bounded by the byte budget plus what waits for at most the
 * timeout.
 */
import { QueueFullError } from './errors.ts';

interface Waiter {
  readonly bytes: number;
  resolve(): void;
  reject(err: Error): void;
  timer: ReturnType<typeof setTimeout> | null;
}

export interface AppendQueueLimits {
  readonly queueBatches: number;
  readonly queueBytes: number;
  readonly sendTimeoutMs: number;
}

export class AppendQueue {
  /** Admitted, unsettled appends. */
  batches = 0;
  /** Bytes held by admitted appends. */
  bytes = 0;
  private readonly waiters: Waiter[] = [];

  constructor(private readonly limits: AppendQueueLimits) {}

  /** Requests waiting for a slot. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** Takes a slot for `bytes`, waiting up to send_timeout_ms; rejects with QueueFullError. */
  admit(bytes: number): Promise<void> | null {
    if (this.waiters.length === 0 && this.fits(bytes)) {
      this.take(bytes);
      return null;
    }
    const timeoutMs = this.limits.sendTimeoutMs;
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { bytes, resolve, reject, timer: null };
      waiter.timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(
          new QueueFullError(
            `ingest queue full for ${timeoutMs} ms (${this.batches}/${this.limits.queueBatches} requests, ` +
              `${this.bytes}/${this.limits.queueBytes} bytes; ingest.queue_batches / queue_bytes / send_timeout_ms)`,
            1,
          ),
        );
        // The waiters behind this one may fit now that it left.
        this.wake();
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Gives back the slot of an append that settled. */
  release(bytes: number): void {
    this.batches--;
    this.bytes -= bytes;
    this.wake();
  }

  /** Fails every waiter (shutdown). */
  rejectWaiters(err: Error): void {
    for (const w of this.waiters.splice(0)) {
      if (w.timer !== null) clearTimeout(w.timer);
      w.reject(err);
    }
  }

  private wake(): void {
    while (this.waiters.length > 0 && this.fits(this.waiters[0].bytes)) {
      const w = this.waiters.shift() as Waiter;
      if (w.timer !== null) clearTimeout(w.timer);
      this.take(w.bytes);
      w.resolve();
    }
  }

  /** Room for `bytes`? An empty queue admits anything, so one oversized request cannot wait forever. */
  private fits(bytes: number): boolean {
    if (this.batches === 0) return true;
    return this.batches < this.limits.queueBatches && this.bytes + bytes <= this.limits.queueBytes;
  }

  private take(bytes: number): void {
    this.batches++;
    this.bytes += bytes;
  }
}

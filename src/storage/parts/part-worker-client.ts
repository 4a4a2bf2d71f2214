/**
 * The main-thread side of the part worker: spawns it lazily, matches replies to
 * requests, and fails every pending job if the worker dies (the next job spawns a new
 * one). The worker is unref'd while idle so it never keeps the process alive.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../common/index.ts';
import { InternalError, workerEntry } from '../../common/index.ts';
import type { PartJob, PartJobReply, WrittenPart } from './part-job.ts';

/** A part job failed in the worker (or the worker died); the message says why. */
export class PartJobError extends InternalError {}

export class PartWorkerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (parts: readonly WrittenPart[]) => void; reject: (err: Error) => void }>();

  constructor(
    private readonly logger: Logger,
    private readonly name: string,
  ) {}

  /** Runs a job; resolves with the temp parts it wrote. */
  run(job: PartJob): Promise<readonly WrittenPart[]> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, job });
    });
  }

  /** Stops the worker; pending jobs fail. */
  async terminate(): Promise<void> {
    const w = this.worker;
    if (w === null) return;
    this.worker = null;
    this.failAll(new PartJobError(`${this.name} worker stopped`));
    await w.terminate();
  }

  /** Starts the worker now (module loading off the first flush's critical path). */
  warm(): void {
    this.ensureWorker();
  }

  /** Jobs in flight. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  private ensureWorker(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = new Worker(workerEntry('src/storage/parts/part-worker.ts'));
    worker.on('message', (reply: PartJobReply) => {
      const p = this.pending.get(reply.id);
      if (p === undefined) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.ok) p.resolve(reply.parts);
      else p.reject(new PartJobError(reply.error));
    });
    const died = (why: string): void => {
      if (this.worker !== worker) return;
      this.logger.error('part worker died', { worker: this.name, error: why });
      this.worker = null;
      this.failAll(new PartJobError(`${this.name} worker died: ${why}`));
      void worker.terminate();
    };
    worker.on('error', (err: Error) => died(err.message));
    worker.on('exit', (code: number) => died(`exit code ${code}`));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private failAll(err: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(err);
  }
}

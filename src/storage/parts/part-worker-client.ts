/**
 * The main-thread side of the part worker: spawns it lazily, matches replies to
 * requests, and fails every pending job if the worker dies (the next job spawns a new
 * one). The worker is unref'd while idle so it never keeps the process alive.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../common/index.ts';
import { InternalError, workerEntry } from '../../common/index.ts';
import type { DictionarySlice, PartJob, PartJobReply, PartWorkerMessage, WrittenPart } from './part-job.ts';

/** Dictionary values per message (~5 ms of cloning each). */
const DICTIONARY_SLICE_VALUES = 8192;

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

  /**
   * Runs a job; resolves with the temp parts it wrote. A flush job's dictionaries go
   * first, in slices with a turn of the event loop between them: cloning half a million
   * log bodies in one postMessage would stall the write path for hundreds of ms.
   */
  async run(job: PartJob): Promise<readonly WrittenPart[]> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const result = new Promise<readonly WrittenPart[]>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    worker.ref();
    if (job.kind === 'flush-head') {
      for (const [column, values] of job.dicts.entries()) {
        if (values === null) continue;
        for (let start = 0; start < values.length; start += DICTIONARY_SLICE_VALUES) {
          if (this.worker !== worker) return result; // died meanwhile: `result` is already rejected
          const slice: DictionarySlice = { column, start, values: values.slice(start, start + DICTIONARY_SLICE_VALUES) };
          worker.postMessage({ id, slice } satisfies PartWorkerMessage);
          if (start + DICTIONARY_SLICE_VALUES < values.length) await new Promise((r) => setImmediate(r));
        }
      }
      if (this.worker !== worker) return result;
      worker.postMessage({ id, job: { ...job, dicts: job.dicts.map((d) => (d === null ? null : [])) } } satisfies PartWorkerMessage);
    } else worker.postMessage({ id, job } satisfies PartWorkerMessage);
    return result;
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

/**
 * The load loop of `pharlux bench ingest`: `workers` concurrent loops each send the next
 * pre-encoded request as soon as their previous one is answered, optionally paced to a
 * target row rate (request k is not sent before start + k·batch/rate). Counts rows,
 * requests, errors by status and per-request latency; reports progress once a second.
 */
import { LatencyRecorder, type LatencySummary } from './latency-recorder.ts';
import type { LoadSender } from './load-senders.ts';

export interface LoadPlan {
  /** Pre-encoded request bodies, sent round-robin. */
  readonly bodies: readonly Uint8Array[];
  /** Rows carried by each request. */
  readonly rowsPerRequest: number;
  readonly workers: number;
  readonly durationMs: number;
  /** Target rows per second; 0 = as fast as the server answers. */
  readonly rate: number;
}

export interface LoadProgress {
  readonly elapsedMs: number;
  /** Rows acknowledged in the last interval, per second. */
  readonly rowsPerSec: number;
  readonly requestsPerSec: number;
  readonly errors: number;
  readonly recent: LatencySummary;
}

export interface LoadResult {
  readonly elapsedMs: number;
  readonly requests: number;
  readonly rowsSent: number;
  readonly rowsAcknowledged: number;
  readonly errors: number;
  readonly errorsByStatus: Readonly<Record<string, number>>;
  readonly latency: LatencySummary;
}

/** Runs the plan against `sender`, calling `onProgress` about once a second. */
export async function runLoad(plan: LoadPlan, sender: LoadSender, onProgress: (p: LoadProgress) => void): Promise<LoadResult> {
  const latency = new LatencyRecorder();
  const errorsByStatus: Record<string, number> = {};
  let issued = 0;
  let requests = 0;
  let acknowledged = 0;
  let errors = 0;
  const t0 = performance.now();
  const deadline = t0 + plan.durationMs;
  const msPerRequest = plan.rate > 0 ? (plan.rowsPerRequest / plan.rate) * 1000 : 0;

  let lastTick = t0;
  let lastAcked = 0;
  let lastRequests = 0;
  let lastLatencyCount = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    const dt = (now - lastTick) / 1000;
    onProgress({
      elapsedMs: now - t0,
      rowsPerSec: (acknowledged - lastAcked) / dt,
      requestsPerSec: (requests - lastRequests) / dt,
      errors,
      recent: latency.summary(lastLatencyCount),
    });
    lastTick = now;
    lastAcked = acknowledged;
    lastRequests = requests;
    lastLatencyCount = latency.count;
  }, 1000);

  const worker = async (): Promise<void> => {
    for (;;) {
      const k = issued++;
      if (performance.now() >= deadline) return;
      if (msPerRequest > 0) {
        const due = t0 + k * msPerRequest;
        if (due >= deadline) return;
        const wait = due - performance.now();
        if (wait > 0) await Bun.sleep(wait);
      }
      const body = plan.bodies[k % plan.bodies.length];
      const start = performance.now();
      const outcome = await sender.send(body);
      latency.record(performance.now() - start);
      requests++;
      if (outcome.ok) acknowledged += plan.rowsPerRequest;
      else {
        errors++;
        errorsByStatus[outcome.status] = (errorsByStatus[outcome.status] ?? 0) + 1;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: plan.workers }, worker));
  } finally {
    clearInterval(ticker);
  }
  return {
    elapsedMs: performance.now() - t0,
    requests,
    rowsSent: requests * plan.rowsPerRequest,
    rowsAcknowledged: acknowledged,
    errors,
    errorsByStatus,
    latency: latency.summary(),
  };
}

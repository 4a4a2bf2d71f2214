/**
 * What every operator of one query shares: the tenant (bound from the caller, never
 * from SQL), one snapshot per table, the memory budget, the cancellation signal, the
 * evaluator and a clock for EXPLAIN ANALYZE timings.
 */
import type { TableName, TableSnapshot } from '../../columnar/index.ts';
import { AppError, type Clock } from '../../common/index.ts';
import { QueryCancelledError } from '../errors.ts';
import type { ExpressionEvaluator } from './evaluator.ts';
import type { MemoryBudget } from './memory-budget.ts';

export interface ExecContext {
  readonly tenant: string;
  readonly snapshots: ReadonlyMap<TableName, TableSnapshot>;
  readonly memory: MemoryBudget;
  readonly signal: AbortSignal;
  readonly evaluator: ExpressionEvaluator;
  readonly clock: Clock;
  /** Preferred rows per batch for scans and operator output. */
  readonly batchRows: number;
  /** Monotonic deadline (clock.monotonicMs) after which the query times out. */
  readonly deadlineMs: number;
  /** Error to raise at the deadline. */
  readonly onDeadline: () => AppError;
  /** When operators last yielded to the event loop, and the total time spent yielded (shared by the whole query). */
  readonly yieldState: { lastYieldMs: number; yieldedMs: number };
}

/** Longest stretch of synchronous work before a query yields to the event loop. */
export const YIELD_EVERY_MS = 20;

/**
 * Queries over in-memory data never wait on I/O, so a whole query could run as one
 * chain of microtasks; yielding now and then lets timers (timeouts), cancel messages,
 * other queries and, in-process, the server breathe.
 */
export async function yieldIfBusy(ctx: ExecContext): Promise<void> {
  const now = ctx.clock.monotonicMs();
  if (now - ctx.yieldState.lastYieldMs < YIELD_EVERY_MS) return;
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  ctx.yieldState.lastYieldMs = ctx.clock.monotonicMs();
  ctx.yieldState.yieldedMs += ctx.yieldState.lastYieldMs - now;
}

/** Throws the abort reason (timeout or cancellation) when the query has been stopped. */
export function checkCancelled(ctx: ExecContext): void {
  if (ctx.signal.aborted) throw abortError(ctx.signal);
  if (ctx.clock.monotonicMs() > ctx.deadlineMs) throw ctx.onDeadline();
}

/** The error an aborted signal stands for. */
export function abortError(signal: AbortSignal): AppError {
  const reason: unknown = signal.reason;
  return reason instanceof AppError ? reason : new QueryCancelledError();
}

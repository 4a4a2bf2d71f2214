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

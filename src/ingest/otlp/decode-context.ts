/**
 * What validation depends on besides the request bytes: the receive time and the
 * timestamp window. Decoding is a pure function of (body, DecodeContext), which is what
 * lets WAL replay reproduce exactly the rows of the original request.
 */
import { formatRfc3339Nanos } from '../../columnar/index.ts';
import type { ValidationLimits } from '../ingest-limits.ts';

export interface DecodeContext {
  readonly receiveTimeMs: number;
  /** Oldest accepted timestamp, whole ms (inclusive). */
  readonly minMs: number;
  /** Newest accepted timestamp, whole ms (inclusive). */
  readonly maxMs: number;
  readonly limits: ValidationLimits;
}

export function makeDecodeContext(receiveTimeMs: number, limits: ValidationLimits): DecodeContext {
  return {
    receiveTimeMs,
    minMs: receiveTimeMs - limits.lateArrivalSeconds * 1000,
    maxMs: receiveTimeMs + limits.futureSeconds * 1000,
    limits,
  };
}

/** The rejection message for a timestamp outside the window. */
export function windowMessage(ctx: DecodeContext, what: string, ms: number, nanos: number): string {
  const when = Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? formatRfc3339Nanos(ms, nanos) : `${ms} ms`;
  return (
    `${what} timestamp ${when} is outside the accepted window ` +
    `(ingest.late_arrival_seconds=${ctx.limits.lateArrivalSeconds}, ingest.future_seconds=${ctx.limits.futureSeconds})`
  );
}

/**
 * Per-request count of rejected points/records/spans by reason, plus the first reason's
 * message for the OTLP `partial_success.error_message`. Rejected rows are never written;
 * they are counted here and reported to the client and to the self-metrics.
 */

/** Reasons a single point/record/span is rejected (the label of the self-metric). */
export const REJECT_REASONS = [
  'timestamp_out_of_window',
  'missing_metric_name',
  'too_many_attributes',
  'attribute_too_large',
  'invalid_id',
  'span_end_before_start',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const REJECT_TIMESTAMP = 0;
export const REJECT_METRIC_NAME = 1;
export const REJECT_ATTRIBUTE_COUNT = 2;
export const REJECT_ATTRIBUTE_SIZE = 3;
export const REJECT_INVALID_ID = 4;
export const REJECT_SPAN_TIMES = 5;

export class RejectionTally {
  /** Rejected rows by reason index (REJECT_REASONS order). */
  readonly counts = new Float64Array(REJECT_REASONS.length);
  total = 0;
  /** The first rejection's message, or null. */
  firstMessage: string | null = null;

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.firstMessage = null;
  }

  /** Counts `n` rows rejected for `reason`; `message` is built only for the first rejection. */
  add(reason: number, n: number, message: () => string): void {
    if (n <= 0) return;
    this.counts[reason] += n;
    this.total += n;
    if (this.firstMessage === null) this.firstMessage = message();
  }

  /** Counts by reason name, omitting zeros. */
  byReason(): Partial<Record<RejectReason, number>> {
    const out: Partial<Record<RejectReason, number>> = {};
    REJECT_REASONS.forEach((r, i) => {
      if (this.counts[i] > 0) out[r] = this.counts[i];
    });
    return out;
  }
}

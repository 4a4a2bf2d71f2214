/**
 * Single values (literals, folded constants, aggregate results before they become
 * vectors). Timestamps and intervals keep the (ms, nanos) split of columnar/timestamp.ts
 * so that no value ever needs BigInt.
 */
export interface TimestampScalar {
  readonly kind: 'timestamp';
  /** floor(ns / 1e6). */
  readonly ms: number;
  /** 0 ..= 999_999. */
  readonly nanos: number;
}

/**
 * An interval: calendar months plus an exact time part (ms, nanos) with nanos in
 * 0 ..= 999_999 (ms may be negative). Days are folded into the time part: all
 * arithmetic is in UTC, where a day is always 24 hours.
 */
export interface IntervalScalar {
  readonly kind: 'interval';
  readonly months: number;
  readonly ms: number;
  readonly nanos: number;
}

export type Scalar = null | boolean | number | string | TimestampScalar | IntervalScalar;

/** Builds a timestamp scalar from any (ms, nanos) pair, normalising nanos into range. */
export function timestampScalar(ms: number, nanos: number): TimestampScalar {
  const carry = Math.floor(nanos / 1_000_000);
  return { kind: 'timestamp', ms: ms + carry, nanos: nanos - carry * 1_000_000 };
}

/** Builds an interval scalar, normalising nanos into range. */
export function intervalScalar(months: number, ms: number, nanos: number): IntervalScalar {
  const carry = Math.floor(nanos / 1_000_000);
  // `+ 0` turns -0 (from negation) into 0.
  return { kind: 'interval', months: months + 0, ms: ms + carry + 0, nanos: nanos - carry * 1_000_000 + 0 };
}

/** Narrowing helpers. */
export function isTimestampScalar(v: Scalar): v is TimestampScalar {
  return typeof v === 'object' && v !== null && v.kind === 'timestamp';
}
export function isIntervalScalar(v: Scalar): v is IntervalScalar {
  return typeof v === 'object' && v !== null && v.kind === 'interval';
}

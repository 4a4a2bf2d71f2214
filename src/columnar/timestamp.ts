/**
 * Timestamps are int64 nanoseconds on the wire and on disk. In memory they are split
 * into two exact parts so that hot loops never touch BigInt:
 *   ms    = floor(ns / 1e6)        (an integer, exact in a float64 for any real date)
 *   nanos = ns - ms * 1e6          (0 ..= 999_999)
 * Ordering is (ms, nanos) lexicographically; units of a millisecond and coarser
 * (date_trunc, date_bin, partitions) only need `ms`.
 */
export const NANOS_PER_MS = 1_000_000;
const NANOS_PER_MS_BIG = 1_000_000n;

/** Splits an int64 nanosecond timestamp into [ms, nanos]. */
export function splitNs(ns: bigint): [ms: number, nanos: number] {
  let ms = ns / NANOS_PER_MS_BIG;
  let rem = ns - ms * NANOS_PER_MS_BIG;
  if (rem < 0n) {
    ms -= 1n;
    rem += NANOS_PER_MS_BIG;
  }
  return [Number(ms), Number(rem)];
}

/** Joins [ms, nanos] back into int64 nanoseconds. */
export function joinNs(ms: number, nanos: number): bigint {
  return BigInt(ms) * NANOS_PER_MS_BIG + BigInt(nanos);
}

/**
 * Splits a 64-bit two's-complement integer given as its unsigned low and signed high
 * 32-bit halves (as read from little-endian bytes) into [ms, nanos] without BigInt.
 * Exact for every int64.
 */
export function splitNsHalves(lo: number, hi: number): [ms: number, nanos: number] {
  // value = hi * 2^32 + lo, with 2^32 = 4294 * 1e6 + 967_296.
  // hi * 967_296 + lo stays below 2^53 in magnitude, so every step is exact.
  let ms = hi * 4294;
  let rem = hi * 967_296 + lo;
  const carry = Math.floor(rem / NANOS_PER_MS);
  ms += carry;
  rem -= carry * NANOS_PER_MS;
  return [ms, rem];
}

/** Compares two split timestamps: negative, zero or positive. */
export function compareSplit(aMs: number, aNanos: number, bMs: number, bNanos: number): number {
  return aMs !== bMs ? aMs - bMs : aNanos - bNanos;
}

/** RFC 3339 with nanosecond precision, e.g. `2026-11-30T12:00:00.123456789Z`. */
export function formatRfc3339Nanos(ms: number, nanos: number): string {
  const iso = new Date(ms).toISOString(); // 2026-11-30T12:00:00.123Z
  const subMs = String(nanos).padStart(6, '0');
  return `${iso.slice(0, 23)}${subMs}Z`;
}

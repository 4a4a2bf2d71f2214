/** Trace/span id checks shared by the logs and spans decoders. */

/** True when every byte of `buf[start, end)` is zero (W3C: an all-zero id is invalid, i.e. absent). */
export function isZeroBytes(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] !== 0) return false;
  return true;
}

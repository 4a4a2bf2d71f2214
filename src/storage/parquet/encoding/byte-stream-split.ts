/**
 * BYTE_STREAM_SPLIT for DOUBLE: byte k of every value goes to stream k. Exponent and
 * high mantissa bytes of slowly changing gauges then sit together and zstd finds them.
 */
import { PartCorruptError } from '../part-corrupt-error.ts';
import type { ByteSink } from './byte-sink.ts';

/** Appends `count` doubles from values[start...] as 8 byte streams. */
export function encodeByteStreamSplit(sink: ByteSink, values: Float64Array, start: number, count: number): void {
  const src = new Uint8Array(values.buffer, values.byteOffset + start * 8, count * 8);
  sink.ensure(count * 8);
  const out = sink.buf;
  const base = sink.length;
  for (let k = 0; k < 8; k++) {
    const o = base + k * count;
    for (let i = 0; i < count; i++) out[o + i] = src[i * 8 + k];
  }
  sink.length += count * 8;
}

/** Reads `count` byte-stream-split doubles into out[outStart...]. */
export function decodeByteStreamSplit(bytes: Uint8Array, pos: number, end: number, count: number, out: Float64Array, outStart: number): number {
  if (pos + count * 8 > end) throw new PartCorruptError('BYTE_STREAM_SPLIT data past the end of the page');
  const dst = new Uint8Array(out.buffer, out.byteOffset + outStart * 8, count * 8);
  for (let k = 0; k < 8; k++) {
    const o = pos + k * count;
    for (let i = 0; i < count; i++) dst[i * 8 + k] = bytes[o + i];
  }
  return pos + count * 8;
}

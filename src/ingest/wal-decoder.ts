/**
 * WAL replay support. Storage keeps each acknowledged request's decompressed body, its
 * receive time and the time range of the rows it accepted; on start-up it calls the
 * `WalDecoder` the server injects to get the same rows back. Replay validates timestamps
 * against that recorded range, not against today's ingest.late_arrival_seconds /
 * future_seconds: rows acknowledged before a restart with a narrower window must not
 * vanish (finding 9), and rows the window rejected then must not appear. Every other
 * check is structural and deterministic, so replay reproduces exactly what was acknowledged.
 */
import type { Batch } from '../columnar/index.ts';
import type { WalDecoder, WalEntry } from '../storage/index.ts';
import type { ValidationLimits } from './ingest-limits.ts';
import { createOtlpDecoders, makeDecodeContext, type DecodeContext } from './otlp/index.ts';

/** Re-creates the rows of one WAL entry (fresh caches; for a long replay use createWalDecoder). */
export function decodeWalEntry(entry: WalEntry, limits: ValidationLimits): Batch {
  return createWalDecoder(limits)(entry);
}

/**
 * A WalDecoder that keeps its string caches across entries (fast replay of many entries).
 * `limits` applies only to entries without a recorded time range (WAL payload version 1,
 * written before ranges were recorded).
 */
export function createWalDecoder(limits: ValidationLimits): WalDecoder {
  const decoders = createOtlpDecoders();
  return (entry) => decoders[entry.table].decode(entry.encoding, entry.body, entry.tenant, replayContext(entry, limits)).batch;
}

function replayContext(entry: WalEntry, limits: ValidationLimits): DecodeContext {
  const context = makeDecodeContext(entry.receiveTimeMs, limits);
  const range = entry.acceptedTimeMs;
  return range === undefined ? context : { ...context, minMs: range.min, maxMs: range.max };
}

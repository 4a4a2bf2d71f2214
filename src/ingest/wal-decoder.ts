/**
 * WAL replay support. Storage keeps each acknowledged request's decompressed body and
 * receive time; on start-up it calls the `WalDecoder` the server injects to get the same
 * rows back. Decoding is deterministic given (body, encoding, tenant, receiveTimeMs,
 * validation limits), so replay reproduces exactly what was acknowledged.
 */
import type { Batch } from '../columnar/index.ts';
import type { WalDecoder, WalEntry } from '../storage/index.ts';
import type { ValidationLimits } from './ingest-limits.ts';
import { createOtlpDecoders, makeDecodeContext } from './otlp/index.ts';

/** Re-creates the rows of one WAL entry (fresh caches; for a long replay use createWalDecoder). */
export function decodeWalEntry(entry: WalEntry, limits: ValidationLimits): Batch {
  return createWalDecoder(limits)(entry);
}

/** A WalDecoder that keeps its string caches across entries (fast replay of many entries). */
export function createWalDecoder(limits: ValidationLimits): WalDecoder {
  const decoders = createOtlpDecoders();
  return (entry) => decoders[entry.table].decode(entry.encoding, entry.body, entry.tenant, makeDecodeContext(entry.receiveTimeMs, limits)).batch;
}

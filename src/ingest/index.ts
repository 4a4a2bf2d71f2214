/**
 * ingest/: everything between an OTLP request body and storage's AppendTarget — the
 * decoders (otlp/), per-point validation, the bounded append queue, tenant resolution,
 * WAL replay decoding and the ingest self-metrics. Knows no HTTP or gRPC (that is
 * server/otlp/). Start reading at ingest-pipeline.ts, then otlp/otlp-decoder.ts.
 */
export * from './errors.ts';
export * from './ingest-limits.ts';
export * from './ingest-pipeline.ts';
export * from './append-queue.ts';
export * from './ingest-metrics.ts';
export * from './tenant-resolver.ts';
export * from './wal-decoder.ts';
export * from './memory-append-target.ts';
export * from './otlp-proto-root.ts';
export { REJECT_REASONS, type RejectReason, type DecodeResult, OtlpDecoder, createOtlpDecoders, makeDecodeContext } from './otlp/index.ts';

/**
 * server/otlp/: the OTLP receivers — HTTP on :4318 (otlp-http-receiver.ts, Bun.serve) and
 * gRPC on :4317 (otlp-grpc-receiver.ts, @grpc/grpc-js) — and the OTLP status contract
 * (otlp-status.ts). They only speak the protocol; decoding, validation, queueing and
 * storage appends are the ingest pipeline's. Start reading at otlp-http-receiver.ts.
 */
export * from './otlp-http-receiver.ts';
export * from './otlp-grpc-receiver.ts';
export { otlpFailureOf, GRPC_CODE, type OtlpFailure } from './otlp-status.ts';

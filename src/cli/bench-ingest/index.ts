/**
 * cli/bench-ingest/: the parts of `pharlux bench ingest` (../bench-ingest.ts): realistic
 * pre-encoded OTLP requests (request-generator.ts), the paced worker loop (load-runner.ts),
 * the HTTP and gRPC senders (load-senders.ts) and latency percentiles
 * (latency-recorder.ts). Start reading at load-runner.ts.
 */
export * from './request-generator.ts';
export * from './load-runner.ts';
export * from './load-senders.ts';
export * from './latency-recorder.ts';

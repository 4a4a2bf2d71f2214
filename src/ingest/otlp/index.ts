/**
 * ingest/otlp/: OTLP Export requests (protobuf or JSON) → columnar Batches of the
 * metrics, logs and spans tables, with per-point validation. No per-point objects on the
 * protobuf path: a hand-written wire reader (wire/) writes straight into reusable column
 * buffers (rows/), interning strings and whole attribute runs by their bytes.
 * Start reading at otlp-decoder.ts, then protobuf/metrics-decoder.ts.
 */
export * from './otlp-decoder.ts';
export * from './decode-context.ts';
export { REJECT_REASONS, type RejectReason } from './rejection-tally.ts';
export { UNKNOWN_SERVICE } from './envelope-rows.ts';
export { formatTypedDouble } from './canonical-json.ts';

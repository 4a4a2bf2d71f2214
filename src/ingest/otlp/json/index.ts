/**
 * otlp/json/: OTLP/JSON decoders, one per signal, writing into the same row writers as
 * the protobuf decoders and producing the same rows for the same data. JSON.parse does
 * the tokenising (decode-json-request.ts, which re-parses a body whose int64 numbers
 * JSON.parse rounded); json-values.ts reads fields with proto3-JSON leniency (64-bit ints
 * as strings or numbers, enums as names or numbers, hex ids). Start at
 * metrics-json-decoder.ts.
 */
export * from './metrics-json-decoder.ts';
export * from './logs-json-decoder.ts';
export * from './spans-json-decoder.ts';
export { decodeJsonRequest } from './decode-json-request.ts';
export type { JsonObject } from './json-values.ts';

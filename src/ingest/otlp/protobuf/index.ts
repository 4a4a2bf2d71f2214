/**
 * otlp/protobuf/: the hand-written protobuf decoders, one per signal, that read an OTLP
 * Export request straight into the row writers of ../rows/ (no per-point objects).
 * Attribute runs are interned by their bytes (attribute-runs.ts). Start reading at
 * metrics-decoder.ts, then metric-points.ts.
 */
export * from './metrics-decoder.ts';
export * from './logs-decoder.ts';
export * from './spans-decoder.ts';
export * from './attribute-runs.ts';

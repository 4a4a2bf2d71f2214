/**
 * otlp/rows/: reusable column buffers, one writer per table (metrics, logs, spans),
 * that both decoders write into and that `finish()` turns into a Batch of the table's
 * full schema. Start reading at metrics-rows.ts.
 */
export * from './metrics-rows.ts';
export * from './logs-rows.ts';
export * from './spans-rows.ts';

/**
 * otlp/rows/: column buffers, one writer per table (metrics, logs, spans), that both
 * decoders write into and that `finish()` turns into a Batch of the table's full schema
 * (views of a ColumnBlock lent to the batch until released; column-buffers.ts).
 * Start reading at metrics-rows.ts.
 */
export * from './metrics-rows.ts';
export * from './logs-rows.ts';
export * from './spans-rows.ts';
export { SignalRows } from './signal-rows.ts';
export type { ColumnBlock, LentBatch } from './column-buffers.ts';

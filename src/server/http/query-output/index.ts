/**
 * query-output/: encodes a streamed query result as JSON, NDJSON, CSV or Arrow IPC,
 * chosen by `Accept` (negotiate-format.ts). Rows are cut at the limit (row-limiter.ts) and
 * encoded a slice at a time; nothing ever builds an array of row objects.
 * Start reading at text-formats.ts.
 */
export { RowLimiter, prefetchFirst } from './row-limiter.ts';
export { jsonResultText, ndjsonResultText, csvResultText, type ResultSummary } from './text-formats.ts';
export { arrowResultBytes, arrowSchema } from './arrow-format.ts';
export { negotiateFormat, FORMAT_CONTENT_TYPES } from './negotiate-format.ts';
export { textByteStream, byteStream } from './text-stream.ts';
export { csvField } from './value-encoders.ts';

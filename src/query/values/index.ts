/**
 * query/values/: values inside the engine. SQL types (sql-type.ts), scalars and the
 * engine-only interval vector (scalar.ts, vec.ts), text forms of timestamps and
 * intervals, calendar arithmetic, casts from text, comparisons. Start at vec.ts.
 */
export * from './sql-type.ts';
export * from './scalar.ts';
export * from './vec.ts';
export { formatTimestampText, parseTimestampText } from './timestamp-text.ts';
export { formatIntervalText, parseIntervalText } from './interval-text.ts';

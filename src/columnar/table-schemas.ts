/**
 * The three signal tables of SPEC §5. This is the single definition used by the OTLP
 * decoders, the head, the Parquet writer and reader, and the SQL catalog: change a
 * field here and every layer follows (bump TABLE_SCHEMA_VERSION when the on-disk layout
 * changes).
 */
import { makeSchema, type Field, type Schema } from './data-type.ts';

/** Written to every Parquet footer as `pharlux.schema_version`. */
export const TABLE_SCHEMA_VERSION = 1;

export type TableName = 'metrics' | 'logs' | 'spans';
export const TABLE_NAMES: readonly TableName[] = ['metrics', 'logs', 'spans'];

const f = (name: string, type: Field['type'], nullable: boolean, description: string): Field => ({
  name,
  type,
  nullable,
  description,
});

const commonTail: Field[] = [
  f('service_name', 'string', false, "resource attribute service.name ('unknown_service' when absent)"),
  f('attributes', 'json', false, 'point/record/span attributes as canonical JSON (keys sorted)'),
  f('resource', 'json', false, 'resource attributes as canonical JSON'),
  f('scope_name', 'string', true, 'instrumentation scope name'),
  f('scope_version', 'string', true, 'instrumentation scope version'),
];

export const METRICS_SCHEMA: Schema = makeSchema([
  f('tenant_id', 'string', false, 'owning tenant'),
  f('timestamp', 'timestamp', false, 'time_unix_nano of the data point'),
  f('start_timestamp', 'timestamp', true, 'start_time_unix_nano (null when 0)'),
  f('name', 'string', false, 'metric name'),
  f('type', 'string', false, 'gauge | sum | histogram | exponential_histogram | summary'),
  f('unit', 'string', true, 'metric unit'),
  f('description', 'string', true, 'metric description as the instrument declared it'),
  f('temporality', 'string', true, 'cumulative | delta (null for gauges and summaries)'),
  f('is_monotonic', 'boolean', true, 'sums only'),
  f('value', 'float64', true, 'gauge/sum value (int points widened to double); null for other types'),
  f('count', 'int64', true, 'histogram/summary count'),
  f('sum', 'float64', true, 'histogram/summary sum'),
  f('min', 'float64', true, 'histogram min'),
  f('max', 'float64', true, 'histogram max'),
  f('buckets', 'json', true, 'explicit bounds+counts, exponential scale/zero/offsets/counts, or summary quantiles'),
  f('flags', 'int64', false, 'data point flags'),
  ...commonTail,
]);

export const LOGS_SCHEMA: Schema = makeSchema([
  f('tenant_id', 'string', false, 'owning tenant'),
  f('timestamp', 'timestamp', false, 'time_unix_nano, or observed time when 0'),
  f('observed_timestamp', 'timestamp', true, 'observed_time_unix_nano'),
  f('severity_number', 'int64', false, 'OTLP severity number (0 = unspecified)'),
  f('severity_text', 'string', true, 'severity text as sent'),
  f('body', 'string', true, 'body; structured bodies as JSON text'),
  f('event_name', 'string', true, 'event name'),
  f('trace_id', 'string', true, 'lowercase hex, null when absent'),
  f('span_id', 'string', true, 'lowercase hex, null when absent'),
  f('flags', 'int64', false, 'log record flags'),
  ...commonTail,
]);

export const SPANS_SCHEMA: Schema = makeSchema([
  f('tenant_id', 'string', false, 'owning tenant'),
  f('timestamp', 'timestamp', false, 'span start time'),
  f('end_timestamp', 'timestamp', false, 'span end time'),
  f('duration_ns', 'int64', false, 'end - start in nanoseconds'),
  f('trace_id', 'string', false, 'lowercase hex'),
  f('span_id', 'string', false, 'lowercase hex'),
  f('parent_span_id', 'string', true, 'lowercase hex, null for root spans'),
  f('trace_state', 'string', true, 'W3C trace state'),
  f('name', 'string', false, 'span name'),
  f('kind', 'string', false, 'INTERNAL | SERVER | CLIENT | PRODUCER | CONSUMER | UNSPECIFIED'),
  f('status_code', 'string', false, 'UNSET | OK | ERROR'),
  f('status_message', 'string', true, 'status message'),
  f('service_name', 'string', false, "resource attribute service.name ('unknown_service' when absent)"),
  f('attributes', 'json', false, 'span attributes as canonical JSON (keys sorted)'),
  f('resource', 'json', false, 'resource attributes as canonical JSON'),
  f('scope_name', 'string', true, 'instrumentation scope name'),
  f('scope_version', 'string', true, 'instrumentation scope version'),
  f('events', 'json', false, 'JSON array of {time, name, attributes}'),
  f('links', 'json', false, 'JSON array of {trace_id, span_id, trace_state, attributes}'),
  f('flags', 'int64', false, 'span flags'),
]);

export const TABLE_SCHEMAS: Readonly<Record<TableName, Schema>> = {
  metrics: METRICS_SCHEMA,
  logs: LOGS_SCHEMA,
  spans: SPANS_SCHEMA,
};

/** Views: name → table they alias. */
export const TABLE_VIEWS: Readonly<Record<string, TableName>> = { traces: 'spans' };

/**
 * Sort order of rows inside a part (SPEC §6): good compression and pruning.
 * metrics by name, series (service + attributes), time; logs and spans by service, time.
 */
export const TABLE_SORT_KEYS: Readonly<Record<TableName, readonly string[]>> = {
  metrics: ['name', 'service_name', 'attributes', 'timestamp'],
  logs: ['service_name', 'timestamp'],
  spans: ['service_name', 'timestamp'],
};

/** Columns that get small pages + a column index in parts, for page-level pruning. */
export const TABLE_INDEXED_COLUMNS: Readonly<Record<TableName, readonly string[]>> = {
  metrics: ['timestamp', 'name', 'service_name'],
  logs: ['timestamp', 'service_name', 'severity_number'],
  spans: ['timestamp', 'service_name', 'name', 'duration_ns'],
};

/** Columns with a bloom filter in parts. */
export const TABLE_BLOOM_COLUMNS: Readonly<Record<TableName, readonly string[]>> = {
  metrics: [],
  logs: ['trace_id'],
  spans: ['trace_id'],
};

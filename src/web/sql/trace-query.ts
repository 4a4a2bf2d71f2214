/** The SQL behind the Traces screens, built from URL filters (unit-tested). */
import { sqlContainsCondition, sqlString } from './sql-macros.ts';
import { sqlTimestampLiteral, type ResolvedRange } from '../state/time-range.ts';
import { olderCondition, type OlderThan } from './older-page.ts';

export interface TraceFilters {
  readonly range: ResolvedRange;
  readonly service: string;
  readonly operation: string;
  /** Minimum duration in milliseconds; 0 = any. */
  readonly minDurationMs: number;
  /** '' (any), 'ERROR', 'OK' or 'UNSET'. */
  readonly status: string;
  readonly rootsOnly: boolean;
}

/** The span filters (service, operation, duration, status, roots) as SQL conditions. */
function spanConditions(f: TraceFilters): string[] {
  const where: string[] = [];
  if (f.service) where.push(`service_name = ${sqlString(f.service)}`);
  if (f.operation.trim()) where.push(sqlContainsCondition('name', f.operation.trim()));
  if (f.minDurationMs > 0) where.push(`duration_ns >= ${Math.round(f.minDurationMs * 1e6)}`);
  if (f.status) where.push(`status_code = ${sqlString(f.status)}`);
  if (f.rootsOnly) where.push('parent_span_id IS NULL');
  return where;
}

const rangeConditions = (r: ResolvedRange): string[] => [`timestamp >= ${sqlTimestampLiteral(r.fromMs)}`, `timestamp < ${sqlTimestampLiteral(r.toMs, true)}`];

/** Matching spans, newest first (span id breaks ties, so an older page can drop the ones shown). */
export function traceSearchSql(f: TraceFilters, limit = 200, older?: OlderThan): string {
  const where = [...rangeConditions(f.range), ...spanConditions(f), ...(older ? [olderCondition(older)] : [])];
  return `SELECT timestamp, trace_id, span_id, service_name, name, kind, duration_ns, status_code
FROM spans
WHERE ${where.join('\n  AND ')}
ORDER BY timestamp DESC, span_id DESC
LIMIT ${limit + (older?.tied ?? 0)}`;
}

/** How far outside the range a matching trace's other spans are looked for. */
const TRACE_MARGIN_MS = 3_600_000;

/**
 * One row per trace that has a span matching the filters (among the newest `spanLimit`
 * matching spans): its start and end, root span, span/service/error counts, and the
 * newest matching span (so opening the trace lands on what was searched for). With
 * `older`, the traces starting at or before the oldest start shown, found among the
 * matching spans at or before it (a trace is found by its root span when unfiltered).
 */
export function traceListSql(f: TraceFilters, spanLimit = 1000, limit = 200, older?: OlderThan): string {
  const match = spanConditions(f);
  const inner = [...rangeConditions(f.range), ...match, ...(older ? [olderCondition(older)] : [])];
  const isMatch = match.length > 0 ? match.join(' AND ') : 'TRUE';
  const wide = { fromMs: f.range.fromMs - TRACE_MARGIN_MS, toMs: f.range.toMs + TRACE_MARGIN_MS };
  return `SELECT trace_id,
       min(timestamp) AS start,
       max(end_timestamp) AS end_ts,
       max(CASE WHEN parent_span_id IS NULL THEN service_name END) AS root_service,
       max(CASE WHEN parent_span_id IS NULL THEN name END) AS root_name,
       min(service_name) AS any_service,
       count(*) AS spans,
       count(DISTINCT service_name) AS services,
       sum(CASE WHEN status_code = 'ERROR' THEN 1 ELSE 0 END) AS errors,
       max(CASE WHEN ${isMatch} THEN span_id END) AS match_span
FROM spans
WHERE ${rangeConditions(wide).join(' AND ')}
  AND trace_id IN (SELECT trace_id FROM spans WHERE ${inner.join(' AND ')} ORDER BY timestamp DESC LIMIT ${spanLimit})
GROUP BY trace_id${older ? `\nHAVING ${olderCondition(older, 'min(timestamp)')}` : ''}
ORDER BY start DESC, trace_id DESC
LIMIT ${limit + (older?.tied ?? 0)}`;
}

/** Every span of one trace. */
export function traceSpansSql(traceId: string): string {
  return `SELECT * FROM spans WHERE trace_id = ${sqlString(traceId)} ORDER BY timestamp LIMIT 10000`;
}

/** The logs of one trace, oldest first. */
export function traceLogsSql(traceId: string): string {
  return `SELECT timestamp, severity_text, severity_number, service_name, span_id, body FROM logs WHERE trace_id = ${sqlString(traceId)} ORDER BY timestamp LIMIT 1000`;
}

/** Services that sent spans in the range. */
export function spanServicesSql(range: ResolvedRange): string {
  return `SELECT DISTINCT service_name FROM spans WHERE timestamp >= ${sqlTimestampLiteral(range.fromMs)} AND timestamp < ${sqlTimestampLiteral(range.toMs, true)} ORDER BY service_name LIMIT 500`;
}

/** Span names of a service in the range (operation suggestions). */
export function spanOperationsSql(range: ResolvedRange, service: string): string {
  const svc = service ? ` AND service_name = ${sqlString(service)}` : '';
  return `SELECT DISTINCT name FROM spans WHERE timestamp >= ${sqlTimestampLiteral(range.fromMs)} AND timestamp < ${sqlTimestampLiteral(range.toMs, true)}${svc} ORDER BY name LIMIT 500`;
}

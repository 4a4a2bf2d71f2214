/** The SQL behind the Traces screens, built from URL filters (unit-tested). */
import { sqlContainsCondition, sqlString } from './sql-macros.ts';
import { sqlTimestampLiteral, type ResolvedRange } from '../state/time-range.ts';
import { olderCondition, type OlderThan } from './older-page.ts';
import type { Row } from '../api/types.ts';

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
 * One row per trace that has a span matching the filters in the range, newest matching
 * span first (`last_match`, the keyset for older pages): its start and end, root span,
 * span/service/error counts, and a matching span (so opening the trace lands on what was
 * searched for). Traces are found among the newest `spanLimit` matching spans (the scan);
 * `scanned` counts the matching spans the scan could take, up to one more than it did, so
 * `traceListIsLast` can tell a short page from the end. With `older`, the scan is of the matching spans at or before the oldest
 * `last_match` shown, leaving out the traces already shown (those with a matching span
 * after it, and the ones shown at it): every trace it finds is then older than all shown,
 * so no trace is skipped or repeated however its spans spread over time.
 */
export function traceListSql(f: TraceFilters, spanLimit = 1000, limit = 200, older?: OlderThan): string {
  const match = spanConditions(f);
  const inRange = rangeConditions(f.range);
  const isMatch = [...inRange, ...match].join(' AND ');
  const scan = [...inRange, ...match];
  if (older) {
    scan.push(olderCondition(older)); // also checks older.ts, pasted below
    const shownIds = older.shown.map((r) => r.trace_id).filter((id): id is string => typeof id === 'string');
    if (shownIds.length > 0) scan.push(`trace_id NOT IN (${shownIds.map(sqlString).join(', ')})`);
    scan.push(`trace_id NOT IN (SELECT trace_id FROM spans WHERE ${isMatch} AND timestamp > TIMESTAMP '${older.ts}')`);
  }
  const scanSql = (n: number): string => `SELECT trace_id FROM spans WHERE ${scan.join(' AND ')} ORDER BY timestamp DESC LIMIT ${n}`;
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
       max(CASE WHEN ${isMatch} THEN span_id END) AS match_span,
       max(CASE WHEN ${isMatch} THEN timestamp END) AS last_match,
       (SELECT count(*) FROM (${scanSql(spanLimit + 1)}) AS scan) AS scanned
FROM spans
WHERE ${rangeConditions(wide).join(' AND ')}
  AND trace_id IN (${scanSql(spanLimit)})
GROUP BY trace_id
ORDER BY last_match DESC, trace_id DESC
LIMIT ${limit}`;
}

/**
 * Whether a trace-list page (as `traceListSql` returned it) is the last: it holds every
 * trace its scan found (fewer rows than `limit`) and the scan ran out of matching spans
 * (`scanned` counted no more than `spanLimit`). A page short of traces is not the last on its own: with
 * many spans per trace, `spanLimit` spans hold fewer than `limit` traces.
 */
export function traceListIsLast(rows: readonly Row[], spanLimit = 1000, limit = 200): boolean {
  if (rows.length === 0) return true;
  return rows.length < limit && Number(rows[0].scanned) <= spanLimit;
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

/** The SQL behind the Traces screens, built from URL filters (unit-tested). */
import { sqlString } from './sql-macros.ts';
import { sqlTimestampLiteral, type ResolvedRange } from '../state/time-range.ts';

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

/** Matching spans, newest first. */
export function traceSearchSql(f: TraceFilters, limit = 200): string {
  const where = [`timestamp >= ${sqlTimestampLiteral(f.range.fromMs)}`, `timestamp < ${sqlTimestampLiteral(f.range.toMs, true)}`];
  if (f.service) where.push(`service_name = ${sqlString(f.service)}`);
  if (f.operation.trim()) where.push(`name ILIKE ${sqlString(`%${f.operation.trim()}%`)}`);
  if (f.minDurationMs > 0) where.push(`duration_ns >= ${Math.round(f.minDurationMs * 1e6)}`);
  if (f.status) where.push(`status_code = ${sqlString(f.status)}`);
  if (f.rootsOnly) where.push('parent_span_id IS NULL');
  return `SELECT timestamp, trace_id, span_id, service_name, name, kind, duration_ns, status_code
FROM spans
WHERE ${where.join('\n  AND ')}
ORDER BY timestamp DESC
LIMIT ${limit}`;
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

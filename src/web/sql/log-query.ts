/**
 * The SQL behind the Logs screen, built from its URL filters. Kept apart from the
 * component so the text the server receives is unit-tested.
 */
import type { SeriesSet } from '../results/result-series.ts';
import { sqlContainsCondition, sqlString } from './sql-macros.ts';
import { bucketSeconds, sqlTimestampLiteral, type ResolvedRange } from '../state/time-range.ts';
import { olderCondition, type OlderThan } from './older-page.ts';

/** Severity classes of the OTLP severity_number ranges. */
export const SEVERITIES = [
  { id: 'trace', label: 'TRACE', min: 1, max: 4, color: '#8892a0' },
  { id: 'debug', label: 'DEBUG', min: 5, max: 8, color: '#6b8fb3' },
  { id: 'info', label: 'INFO', min: 9, max: 12, color: '#5aa9e6' },
  { id: 'warn', label: 'WARN', min: 13, max: 16, color: '#e5b344' },
  { id: 'error', label: 'ERROR', min: 17, max: 20, color: '#f0616d' },
  { id: 'fatal', label: 'FATAL', min: 21, max: 24, color: '#c2185b' },
  { id: 'unset', label: 'UNSET', min: 0, max: 0, color: '#9aa4b2' },
] as const;

export type SeverityId = (typeof SEVERITIES)[number]['id'];

export interface LogFilters {
  readonly range: ResolvedRange;
  readonly search: string;
  readonly service: string;
  readonly severities: readonly SeverityId[];
}

/** Severity class of a record (by number, else by text). */
export function severityOf(num: number | null, text: string | null): SeverityId {
  if (num !== null && num > 0) return (SEVERITIES.find((s) => num >= s.min && num <= s.max)?.id ?? 'fatal') as SeverityId;
  const t = (text ?? '').toLowerCase();
  const byText = SEVERITIES.find((s) => t.startsWith(s.id) || (s.id === 'warn' && t.startsWith('warning')));
  return byText ? byText.id : 'unset';
}

/** The shared WHERE clause. */
export function logWhere(f: LogFilters): string {
  const parts = [`timestamp >= ${sqlTimestampLiteral(f.range.fromMs)}`, `timestamp < ${sqlTimestampLiteral(f.range.toMs, true)}`];
  if (f.service) parts.push(`service_name = ${sqlString(f.service)}`);
  if (f.search.trim()) parts.push(sqlContainsCondition('body', f.search.trim()));
  if (f.severities.length > 0 && f.severities.length < SEVERITIES.length) {
    const ranges = SEVERITIES.filter((s) => f.severities.includes(s.id)).map((s) => (s.min === s.max ? `severity_number = ${s.min}` : `severity_number BETWEEN ${s.min} AND ${s.max}`));
    parts.push(`(${ranges.join(' OR ')})`);
  }
  return parts.join('\n  AND ');
}

/**
 * Newest records first; with `older`, the page at or before the oldest record shown (its tied
 * rows again, for `dropShown`). Records at one instant are ordered by service, observation
 * time and body, so a page boundary falls at the same place whatever order storage returns
 * them in (a flush re-sorts the head by service).
 */
export function logRecordsSql(f: LogFilters, limit = 500, older?: OlderThan): string {
  return `SELECT timestamp, severity_text, severity_number, service_name, body, trace_id, span_id, event_name, attributes, resource, scope_name, scope_version, observed_timestamp, flags
FROM logs
WHERE ${logWhere(f)}${older ? `\n  AND ${olderCondition(older)}` : ''}
ORDER BY timestamp DESC, service_name, observed_timestamp, body
LIMIT ${limit + (older?.tied ?? 0)}`;
}

/** Counts per time bucket and severity class, for the volume histogram. */
export function logHistogramSql(f: LogFilters, maxBuckets = 120): string {
  const bucket = bucketSeconds(f.range, maxBuckets);
  const cls = SEVERITIES.filter((s) => s.id !== 'unset')
    .map((s) => `WHEN severity_number BETWEEN ${s.min} AND ${s.max} THEN '${s.id}'`)
    .join(' ');
  return `SELECT date_bin(INTERVAL '${bucket} seconds', timestamp, TIMESTAMP '1970-01-01 00:00:00') AS t,
       CASE ${cls} ELSE 'unset' END AS severity,
       count(*) AS n
FROM logs
WHERE ${logWhere(f)}
GROUP BY 1, 2
ORDER BY 1`;
}

/** Services that logged in the range (for the filter). */
export function logServicesSql(range: ResolvedRange): string {
  return `SELECT DISTINCT service_name FROM logs WHERE timestamp >= ${sqlTimestampLiteral(range.fromMs)} AND timestamp < ${sqlTimestampLiteral(range.toMs, true)} ORDER BY service_name LIMIT 500`;
}

/** Stack order of the volume histogram, bottom first: the severities that page people sit on the baseline, where their height reads exactly. */
const STACK_ORDER: readonly string[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'unset'];

/** Orders histogram series labelled by severity (`error`, `ERROR`, `WARNING`…) by STACK_ORDER; others go on top in their order. */
export function stackBySeverity(set: SeriesSet): SeriesSet {
  const rank = (label: string): number => {
    const l = label.toLowerCase();
    const id = l === 'warning' ? 'warn' : l === 'critical' ? 'fatal' : l;
    return STACK_ORDER.includes(id) ? STACK_ORDER.indexOf(id) : STACK_ORDER.length;
  };
  return { ...set, series: [...set.series].sort((a, b) => rank(a.label) - rank(b.label)) };
}

/** The severity colour of a series labelled like a level (`ERROR`, `warning`, `Info`), so any chart of levels reads like the Logs histogram. */
export function severityColor(label: string): string | undefined {
  const l = label.trim().toLowerCase();
  const id = l === 'warning' ? 'warn' : l === 'critical' ? 'fatal' : l;
  return SEVERITIES.find((s) => s.id === id && s.id !== 'unset')?.color;
}

/**
 * The SQL and post-processing behind the Metrics screen. Counters (monotonic cumulative
 * sums, and cumulative histogram counts) are charted as a per-second rate: the raw
 * cumulative value per series and bucket is fetched, the rate is taken per series
 * (treating a decrease as a counter reset), then summed per group. Gauges are averaged.
 */
import type { Row } from '../api/types.ts';
import { toNumber, type SeriesSet } from '../results/result-series.ts';
import { sqlString } from './sql-macros.ts';
import { parseTimestampMs, sqlTimestampLiteral, type ResolvedRange } from '../state/time-range.ts';

/** What the metric list knows about a metric. */
export interface MetricInfo {
  readonly name: string;
  readonly type: string;
  readonly unit: string;
  readonly temporality: string;
  readonly monotonic: boolean;
}

const rangeWhere = (r: ResolvedRange): string => `timestamp >= ${sqlTimestampLiteral(r.fromMs)} AND timestamp < ${sqlTimestampLiteral(r.toMs, true)}`;
const bucketExpr = (s: number): string => `date_bin(INTERVAL '${s} seconds', timestamp, TIMESTAMP '1970-01-01 00:00:00')`;

/** Metric names with type, unit and temporality. */
export function metricListSql(range: ResolvedRange): string {
  return `SELECT name, type, unit, temporality, max(CASE WHEN is_monotonic THEN 1 ELSE 0 END) AS monotonic, count(*) AS points
FROM metrics
WHERE ${rangeWhere(range)}
GROUP BY name, type, unit, temporality
ORDER BY name
LIMIT 2000`;
}

/** One small series per metric for the list's sparklines. */
export function sparklineSql(range: ResolvedRange, bucketS: number): string {
  return `SELECT name, ${bucketExpr(bucketS)} AS t, avg(COALESCE(value, sum)) AS v
FROM metrics
WHERE ${rangeWhere(range)}
GROUP BY 1, 2
ORDER BY 2`;
}

/** A sample of attribute sets, to offer group-by keys. */
export function attributeSampleSql(range: ResolvedRange, name: string): string {
  return `SELECT attributes FROM metrics WHERE name = ${sqlString(name)} AND ${rangeWhere(range)} LIMIT 500`;
}

/** Whether the metric accumulates, so a rate is the useful view. */
export function isCounter(m: MetricInfo): boolean {
  return m.temporality === 'cumulative' && ((m.type === 'sum' && m.monotonic) || m.type === 'histogram' || m.type === 'exponential_histogram' || m.type === 'summary');
}

/** The group-by expression: service_name or an attribute. */
export function groupExpr(groupBy: string): string {
  if (!groupBy) return "''";
  if (groupBy === 'service_name') return 'service_name';
  return `attributes[${sqlString(groupBy)}]`;
}

/** The chart query; `rate` asks for raw cumulative values per series (see computeRates). */
export function metricChartSql(m: MetricInfo, range: ResolvedRange, bucketS: number, groupBy: string, rate: boolean): string {
  const where = `name = ${sqlString(m.name)} AND ${rangeWhere(range)}`;
  const g = groupExpr(groupBy);
  const histo = m.type === 'histogram' || m.type === 'exponential_histogram' || m.type === 'summary';
  if (rate && m.temporality === 'cumulative') {
    const v = histo ? 'count' : 'value';
    return `SELECT ${bucketExpr(bucketS)} AS t, ${g} AS g, service_name AS s_service, resource AS s_resource, attributes AS s_attributes, max(${v}) AS v
FROM metrics
WHERE ${where}
GROUP BY 1, 2, 3, 4, 5
ORDER BY 1`;
  }
  if (rate) {
    const v = histo ? 'count' : 'value';
    return `SELECT ${bucketExpr(bucketS)} AS t, ${g} AS g, sum(${v}) / ${bucketS} AS v
FROM metrics
WHERE ${where}
GROUP BY 1, 2
ORDER BY 1`;
  }
  const v = histo ? 'sum(sum) / sum(count)' : 'avg(value)';
  return `SELECT ${bucketExpr(bucketS)} AS t, ${g} AS g, ${v} AS v
FROM metrics
WHERE ${where}
GROUP BY 1, 2
ORDER BY 1`;
}

const cellKey = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v ?? null));

/** Rows `(t, g, [s_service, s_resource, s_attributes], v)` to aligned series; with `series`, takes per-series rates first. */
export function metricRowsToSeries(rows: readonly Row[], perSeriesRate: boolean): SeriesSet {
  const xsSet = new Set<number>();
  const pts: { x: number; g: string; s: string; v: number }[] = [];
  for (const r of rows) {
    const x = parseTimestampMs(String(r.t)) / 1000;
    const v = toNumber(r.v);
    if (Number.isNaN(x) || v === null) continue;
    xsSet.add(x);
    const g = r.g === null || r.g === undefined || r.g === '' ? 'value' : String(r.g);
    // A series is one process's one attribute set: service, resource and attributes.
    const s = `${String(r.s_service ?? '')}\u0001${cellKey(r.s_resource)}\u0001${cellKey(r.s_attributes)}`;
    pts.push({ x, g, s, v });
  }
  const xs = [...xsSet].sort((a, b) => a - b);
  const xi = new Map(xs.map((x, i) => [x, i]));
  const groups = new Map<string, (number | null)[]>();
  const add = (g: string, x: number, v: number): void => {
    let arr = groups.get(g);
    if (!arr) {
      arr = new Array<number | null>(xs.length).fill(null);
      groups.set(g, arr);
    }
    const i = xi.get(x) as number;
    arr[i] = (arr[i] ?? 0) + v;
  };
  if (!perSeriesRate) {
    for (const p of pts) add(p.g, p.x, p.v);
  } else {
    const bySeries = new Map<string, { x: number; g: string; v: number }[]>();
    for (const p of pts) {
      const key = `${p.g}\u0000${p.s}`;
      const list = bySeries.get(key) ?? [];
      list.push(p);
      bySeries.set(key, list);
    }
    for (const list of bySeries.values()) {
      list.sort((a, b) => a.x - b.x);
      for (let i = 1; i < list.length; i++) {
        const dt = list[i].x - list[i - 1].x;
        if (dt <= 0) continue;
        const dv = list[i].v - list[i - 1].v;
        // A decrease means the process restarted and the counter began again from zero.
        add(list[i].g, list[i].x, (dv >= 0 ? dv : list[i].v) / dt);
      }
    }
  }
  return { xs, series: [...groups.entries()].slice(0, 50).map(([label, values]) => ({ label, values })) };
}

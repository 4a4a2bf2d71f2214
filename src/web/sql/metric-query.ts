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
  /** What the instrument says it measures ('' when it did not say). */
  readonly description: string;
  readonly temporality: string;
  readonly monotonic: boolean;
}

const rangeWhere = (r: ResolvedRange): string => `timestamp >= ${sqlTimestampLiteral(r.fromMs)} AND timestamp < ${sqlTimestampLiteral(r.toMs, true)}`;
const bucketExpr = (s: number): string => `date_bin(INTERVAL '${s} seconds', timestamp, TIMESTAMP '1970-01-01 00:00:00')`;

/** Metric names with type, unit, temporality and description. */
export function metricListSql(range: ResolvedRange): string {
  return `SELECT name, type, unit, temporality, max(description) AS description, max(CASE WHEN is_monotonic THEN 1 ELSE 0 END) AS monotonic, count(*) AS points
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

/** Whether the chart opens as a rate: cumulative monotonic sums yes; histograms open on their mean, a latency. */
export function defaultRate(m: MetricInfo): boolean {
  return isCounter(m) && m.type === 'sum';
}

/** The group-by expression: service_name or an attribute. */
export function groupExpr(groupBy: string): string {
  if (!groupBy) return "''";
  if (groupBy === 'service_name') return 'service_name';
  return `attributes[${sqlString(groupBy)}]`;
}

/** How chart rows become values: summed as they are, per-series rates, or per-series mean of histogram deltas. */
export type MetricChartMode = 'sum' | 'rate' | 'mean';

const isHisto = (m: MetricInfo): boolean => m.type === 'histogram' || m.type === 'exponential_histogram' || m.type === 'summary';

/** The post-processing `metricChartSql`'s rows need. */
export function chartMode(m: MetricInfo, rate: boolean): MetricChartMode {
  if (m.temporality !== 'cumulative') return 'sum';
  if (rate) return 'rate';
  return isHisto(m) ? 'mean' : 'sum';
}

/** Series identity columns: one process's one attribute set. */
const SERIES_COLS = 'service_name AS s_service, resource AS s_resource, attributes AS s_attributes';

/**
 * The chart query. Cumulative counters and histograms are fetched per series and bucket
 * (last value and its timestamp) so rates and means are taken from real deltas over the
 * real time between points; a partial last bucket then reads as the same rate, not a drop.
 */
export function metricChartSql(m: MetricInfo, range: ResolvedRange, bucketS: number, groupBy: string, rate: boolean): string {
  const where = `name = ${sqlString(m.name)} AND ${rangeWhere(range)}`;
  const g = groupExpr(groupBy);
  const histo = isHisto(m);
  const mode = chartMode(m, rate);
  if (mode === 'rate' || mode === 'mean') {
    // The bucket's last value (not its max: a bucket holding a restart would keep the old, higher total).
    const v = mode === 'mean' ? 'last_value(sum) AS v, last_value(count) AS c' : `last_value(${histo ? 'count' : 'value'}) AS v`;
    // The start time lets a series' first point count as an increase from zero since its start.
    return `SELECT ${bucketExpr(bucketS)} AS t, ${g} AS g, ${SERIES_COLS}, ${v}, max(timestamp) AS ts, last_value(start_timestamp) AS st
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

/** The unit of what the chart draws: counters per second; a histogram's count rate is observations per second. */
export function chartUnit(m: MetricInfo, rate: boolean): string {
  if (!rate) return m.unit;
  if (isHisto(m)) return '/s';
  return m.unit && m.unit !== '1' ? `${m.unit}/s` : '/s';
}

const cellKey = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v ?? null));

interface Point {
  x: number;
  ts: number;
  /** The cumulative series' start (epoch s), NaN when unknown. */
  st: number;
  g: string;
  v: number;
  c: number;
}

/** Options for `metricRowsToSeries`. */
export interface MetricSeriesOptions {
  /**
   * The earliest series start (epoch s) from which a series' first point counts as an
   * increase from zero. Later starts are used; earlier ones are not, since a long-lived
   * series' first point in range would otherwise chart its lifetime average. By default every start counts.
   */
  readonly startFromS?: number;
}

const optTimestampS = (v: unknown): number => (v === undefined || v === null || v === '' ? Number.NaN : parseTimestampMs(String(v)) / 1000);

/**
 * Rows `(t, g, [s_service, s_resource, s_attributes, ts, c], v)` to aligned series per
 * group. `sum` adds values per group and bucket; `rate` takes each series' increase over
 * the time between its points (a decrease is a counter reset: the new value is the
 * increase) and sums the rates per group; `mean` divides the summed sum-increases by the
 * summed count-increases (a histogram's mean over each bucket). A series' first point
 * with a start time `st` (before it, not before `opts.startFromS`) is its increase from
 * zero over [st, ts], so a short-lived sender with one point still has a rate or mean.
 */
export function metricRowsToSeries(rows: readonly Row[], mode: MetricChartMode | boolean, opts: MetricSeriesOptions = {}): SeriesSet {
  const how: MetricChartMode = mode === true ? 'rate' : mode === false ? 'sum' : mode;
  const xsSet = new Set<number>();
  const bySeries = new Map<string, Point[]>();
  for (const r of rows) {
    const x = parseTimestampMs(String(r.t)) / 1000;
    const v = toNumber(r.v);
    if (Number.isNaN(x) || v === null) continue;
    xsSet.add(x);
    const g = r.g === null || r.g === undefined || r.g === '' ? 'value' : String(r.g);
    const ts = optTimestampS(r.ts);
    const p: Point = { x, ts: Number.isNaN(ts) ? x : ts, st: optTimestampS(r.st), g, v, c: toNumber(r.c) ?? 0 };
    // A series is one process's one attribute set: service, resource and attributes.
    const key = how === 'sum' ? g : `${g}\u0000${String(r.s_service ?? '')}\u0001${cellKey(r.s_resource)}\u0001${cellKey(r.s_attributes)}`;
    const list = bySeries.get(key) ?? [];
    list.push(p);
    bySeries.set(key, list);
  }
  const xs = [...xsSet].sort((a, b) => a - b);
  const xi = new Map(xs.map((x, i) => [x, i]));
  const groups = new Map<string, { v: (number | null)[]; c: number[] }>();
  const add = (g: string, x: number, v: number, c = 0): void => {
    let arr = groups.get(g);
    if (!arr) {
      arr = { v: new Array<number | null>(xs.length).fill(null), c: new Array<number>(xs.length).fill(0) };
      groups.set(g, arr);
    }
    const i = xi.get(x) as number;
    arr.v[i] = (arr.v[i] ?? 0) + v;
    arr.c[i] += c;
  };
  for (const list of bySeries.values()) {
    if (how === 'sum') {
      for (const p of list) add(p.g, p.x, p.v);
      continue;
    }
    list.sort((a, b) => a.x - b.x);
    const first = list[0];
    const fromStart = first.ts - first.st;
    if (fromStart > 0 && !(first.st < (opts.startFromS ?? Number.NEGATIVE_INFINITY))) {
      if (how === 'rate') add(first.g, first.x, first.v / fromStart);
      else if (first.c > 0) add(first.g, first.x, first.v, first.c);
    }
    for (let i = 1; i < list.length; i++) {
      const dt = list[i].ts - list[i - 1].ts;
      if (dt <= 0) continue;
      const reset = list[i].v < list[i - 1].v || list[i].c < list[i - 1].c;
      const dv = reset ? list[i].v : list[i].v - list[i - 1].v;
      if (how === 'rate') add(list[i].g, list[i].x, dv / dt);
      else add(list[i].g, list[i].x, dv, reset ? list[i].c : list[i].c - list[i - 1].c);
    }
  }
  const series = [...groups.entries()].slice(0, 50).map(([label, a]) => ({
    label,
    values: how === 'mean' ? a.v.map((v, i) => (v === null || a.c[i] <= 0 ? null : v / a.c[i])) : a.v,
  }));
  return { xs, series };
}

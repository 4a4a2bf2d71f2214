/**
 * Turns a query result into chart series: the first time-like column is the x axis,
 * numeric columns are values, and any string columns are "group by" keys that pivot
 * rows into one series per distinct key (so `SELECT t, service_name, count(*)` draws one
 * line per service). Works on plain arrays so it stays fast for 100k points.
 */
import type { QueryColumn, QueryResult, Row } from '../api/types.ts';
import { parseTimestampMs } from '../state/time-range.ts';

/** Aligned series for uPlot: `xs` in epoch seconds ascending, one values array per series. */
export interface SeriesSet {
  readonly xs: number[];
  readonly series: { label: string; values: (number | null)[] }[];
  /** Why no chart can be drawn, when `series` is empty. */
  readonly reason?: string;
}

const NUMERIC_TYPE = /int|float|double|decimal|numeric|real|number|bigint/i;
const TIME_TYPE = /timestamp|date|time/i;
const TIME_NAME = /^(t|ts|time|timestamp|bucket|minute|hour|day)$/i;

/** Whether a column holds instants. */
export function isTimeColumn(col: QueryColumn, rows: readonly Row[]): boolean {
  if (TIME_TYPE.test(col.type) && !/interval/i.test(col.type)) return true;
  if (!TIME_NAME.test(col.name)) return false;
  const v = rows.find((r) => r[col.name] !== null && r[col.name] !== undefined)?.[col.name];
  return typeof v === 'string' && !Number.isNaN(parseTimestampMs(v));
}

/** Whether a column holds numbers (by declared type, else by its first value). */
export function isNumericColumn(col: QueryColumn, rows: readonly Row[]): boolean {
  if (NUMERIC_TYPE.test(col.type)) return true;
  if (col.type && col.type !== 'unknown') return false;
  const v = rows.find((r) => r[col.name] !== null && r[col.name] !== undefined)?.[col.name];
  return typeof v === 'number';
}

/** Classifies the columns of a result for charting. */
export function classifyColumns(result: Pick<QueryResult, 'columns' | 'rows'>): { time?: QueryColumn; values: QueryColumn[]; keys: QueryColumn[] } {
  const time = result.columns.find((c) => isTimeColumn(c, result.rows));
  const values: QueryColumn[] = [];
  const keys: QueryColumn[] = [];
  for (const c of result.columns) {
    if (c === time) continue;
    if (isNumericColumn(c, result.rows)) values.push(c);
    else keys.push(c);
  }
  return { time, values, keys };
}

/** Converts a numeric cell (numbers may arrive as strings for int64 beyond 2^53). */
export function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isNaN(n) ? null : n;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  return null;
}

/** Builds time series from a result; see the module comment for the rules. */
export function toTimeSeries(result: Pick<QueryResult, 'columns' | 'rows'>, maxSeries = 50): SeriesSet {
  const { time, values, keys } = classifyColumns(result);
  if (!time) return { xs: [], series: [], reason: 'No time column: select a timestamp (e.g. date_bin(...) AS t) to draw a chart.' };
  if (values.length === 0) return { xs: [], series: [], reason: 'No numeric column to plot.' };
  const rows = result.rows;
  const rowX = new Float64Array(rows.length);
  // Whether the rows are one per instant, in time order (checked while parsing).
  let ascending = true;
  for (let i = 0; i < rows.length; i++) {
    const raw = rows[i][time.name];
    const ms = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseTimestampMs(raw) : Number.NaN;
    rowX[i] = ms / 1000;
    if (!(rowX[i] > (i > 0 ? rowX[i - 1] : Number.NEGATIVE_INFINITY))) ascending = false;
  }
  // Fast path for the common big case (one row per instant, already in time order, no
  // group-by keys): the rows are the series, no maps or sorting needed.
  if (keys.length === 0 && ascending) {
    return {
      xs: Array.from(rowX),
      series: values.map((vc) => ({ label: vc.name, values: rows.map((r) => toNumber(r[vc.name])) })),
    };
  }
  const xIndex = new Map<number, number>();
  for (let i = 0; i < rows.length; i++) if (!Number.isNaN(rowX[i])) xIndex.set(rowX[i], 0);
  const xs = [...xIndex.keys()].sort((a, b) => a - b);
  xs.forEach((x, i) => xIndex.set(x, i));
  const seriesByLabel = new Map<string, (number | null)[]>();
  let dropped = 0;
  for (let i = 0; i < rows.length; i++) {
    if (Number.isNaN(rowX[i])) continue;
    const row = rows[i];
    const xi = xIndex.get(rowX[i]) as number;
    const keyLabel = keys.map((k) => String(row[k.name] ?? 'null')).join(' · ');
    for (const vc of values) {
      const label = keyLabel ? (values.length > 1 ? `${keyLabel} · ${vc.name}` : keyLabel) : vc.name;
      let arr = seriesByLabel.get(label);
      if (!arr) {
        if (seriesByLabel.size >= maxSeries) {
          dropped++;
          continue;
        }
        arr = new Array<number | null>(xs.length).fill(null);
        seriesByLabel.set(label, arr);
      }
      const n = toNumber(row[vc.name]);
      if (n !== null) arr[xi] = (arr[xi] ?? 0) + n;
    }
  }
  const series = [...seriesByLabel.entries()].map(([label, vals]) => ({ label, values: vals }));
  return dropped > 0 ? { xs, series, reason: `Only the first ${maxSeries} series are drawn.` } : { xs, series };
}

/** Category bars: the first string column labels, the first numeric column values. */
export function toCategoryBars(result: Pick<QueryResult, 'columns' | 'rows'>, maxBars = 100): { label: string; value: number }[] {
  const { values, keys } = classifyColumns(result);
  if (values.length === 0) return [];
  const v = values[0];
  return result.rows.slice(0, maxBars).map((r) => ({
    label: keys.length ? keys.map((k) => String(r[k.name] ?? 'null')).join(' · ') : String(r[v.name]),
    value: toNumber(r[v.name]) ?? 0,
  }));
}

/** The single number a stat panel shows: the last row's first numeric column. */
export function toStat(result: Pick<QueryResult, 'columns' | 'rows'>): { value: number | null; label: string } {
  const { values, time } = classifyColumns(result);
  if (values.length === 0 || result.rows.length === 0) return { value: null, label: values[0]?.name ?? '' };
  let row = result.rows[result.rows.length - 1];
  if (time) {
    // Rows may come in any order; the stat is the latest one.
    let best = Number.NEGATIVE_INFINITY;
    for (const r of result.rows) {
      const t = parseTimestampMs(String(r[time.name]));
      if (t > best) {
        best = t;
        row = r;
      }
    }
  }
  return { value: toNumber(row[values[0].name]), label: values[0].name };
}

/**
 * Per-second rates of cumulative series (panel option `rate`): each value becomes the
 * increase since the previous non-null point divided by the seconds between them; a
 * decrease is a counter reset, so the new value itself is the increase.
 */
export function toRates(set: SeriesSet): SeriesSet {
  return {
    ...set,
    series: set.series.map((s) => {
      const out = new Array<number | null>(s.values.length).fill(null);
      let prevI = -1;
      for (let i = 0; i < s.values.length; i++) {
        const v = s.values[i];
        if (v === null) continue;
        if (prevI >= 0) {
          const dt = set.xs[i] - set.xs[prevI];
          const dv = v - (s.values[prevI] as number);
          if (dt > 0) out[i] = (dv >= 0 ? dv : v) / dt;
        }
        prevI = i;
      }
      return { label: s.label, values: out };
    }),
  };
}

/**
 * Metrics: every metric name with its type, unit and a sparkline; the selected metric
 * as a chart, grouped by service or an attribute, as a rate for counters.
 */
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { useApp } from '../app-context.ts';
import { Sparkline, TimeChart } from '../components/time-chart.tsx';
import { TimeRangePicker } from '../components/time-range-picker.tsx';
import { useQuery } from '../components/use-query.ts';
import { toNumber } from '../results/result-series.ts';
import { bucketSeconds, parseTimestampMs, resolveRange } from '../state/time-range.ts';
import { rangeFromParams, updateParams, useUrl } from '../state/url-state.ts';
import { parseJsonCell } from '../trace/trace-model.ts';
import { attributeSampleSql, chartMode, defaultRate, chartUnit, isCounter, metricChartSql, metricListSql, metricRowsToSeries, sparklineSql, type MetricInfo } from '../sql/metric-query.ts';
import { countText } from '../components/count-text.ts';

export function MetricsScreen(): JSX.Element {
  const { api } = useApp();
  const url = useUrl();
  const range = rangeFromParams(url.params);
  const selectedName = url.params.get('metric') ?? '';
  const groupBy = url.params.get('group_by') ?? '';
  const rateParam = url.params.get('rate');
  const [filter, setFilter] = useState('');
  const resolved = useMemo(() => resolveRange(range, Date.now()), [range.from, range.to]);
  const list = useQuery(api, metricListSql(resolved));
  const sparkBucket = bucketSeconds(resolved, 30);
  const sparks = useQuery(api, sparklineSql(resolved, sparkBucket));

  const metrics: MetricInfo[] = useMemo(
    () =>
      (list.result?.rows ?? []).map((r) => ({
        name: String(r.name),
        type: String(r.type ?? ''),
        unit: r.unit ? String(r.unit) : '',
        description: r.description ? String(r.description) : '',
        temporality: r.temporality ? String(r.temporality) : '',
        monotonic: toNumber(r.monotonic) === 1 || r.monotonic === true,
      })),
    [list.result],
  );
  const sparkValues = useMemo(() => {
    const out = new Map<string, (number | null)[]>();
    if (!sparks.result) return out;
    const n = Math.ceil((resolved.toMs - resolved.fromMs) / 1000 / sparkBucket) + 1;
    const start = Math.floor(resolved.fromMs / 1000 / sparkBucket) * sparkBucket;
    for (const r of sparks.result.rows) {
      const i = Math.round((parseTimestampMs(String(r.t)) / 1000 - start) / sparkBucket);
      const arr = out.get(String(r.name)) ?? new Array<number | null>(n).fill(null);
      if (i >= 0 && i < n) arr[i] = toNumber(r.v);
      out.set(String(r.name), arr);
    }
    // A cumulative counter's line only ever climbs; its increases show the activity.
    for (const m of metrics) {
      const arr = out.get(m.name);
      if (arr && isCounter(m)) out.set(m.name, increases(arr));
    }
    return out;
  }, [sparks.result, metrics]);

  const selected = metrics.find((m) => m.name === selectedName) ?? null;
  const rate = selected ? (rateParam === null ? defaultRate(selected) : rateParam === '1') : false;
  const shown = metrics.filter((m) => !filter || m.name.toLowerCase().includes(filter.toLowerCase()));

  return (
    <>
      <div class="toolbar">
        <h1>Metrics</h1>
        <span class="spacer" />
        <TimeRangePicker value={range} onChange={(r) => updateParams({ from: r.from, to: r.to })} />
      </div>
      <div class="split" style={{ gridTemplateColumns: '340px 1fr' }}>
        <aside class="rail metric-list" data-testid="metric-list">
          <input type="search" placeholder={`Filter ${countText(metrics.length, 'metric')}`} value={filter} onInput={(e) => setFilter(e.currentTarget.value)} style={{ width: '100%', marginBottom: '6px' }} />
          {list.error ? <div class="error-box">{list.error.message}</div> : null}
          {list.result && metrics.length === 0 ? <div class="muted">No metrics in this range.</div> : null}
          {shown.map((m) => (
            <div
              key={m.name}
              class={`item${m.name === selectedName ? ' active' : ''}`}
              onClick={() => updateParams({ metric: m.name, group_by: null, rate: null })}
              data-testid="metric-item"
              tabIndex={0}
              onKeyDown={(e) => e.key === 'Enter' && updateParams({ metric: m.name, group_by: null, rate: null })}
            >
              <span class="name" title={m.description ? `${m.name}\n${m.description}` : m.name}>
                {m.name}
              </span>
              <Sparkline values={sparkValues.get(m.name) ?? []} />
              <span class="muted meta">
                {m.type}
                {m.temporality ? ` · ${m.temporality}` : ''}
                {m.unit ? ` · ${m.unit}` : ''}
              </span>
            </div>
          ))}
        </aside>
        <div class="content" style={{ display: 'flex', flexDirection: 'column', gap: '8px' }}>
          {selected ? <MetricChart metric={selected} groupBy={groupBy} rate={rate} /> : <div class="empty">Pick a metric on the left.</div>}
        </div>
      </div>
    </>
  );
}

function MetricChart(props: { metric: MetricInfo; groupBy: string; rate: boolean }): JSX.Element {
  const { api } = useApp();
  const url = useUrl();
  const range = rangeFromParams(url.params);
  const resolved = useMemo(() => resolveRange(range, Date.now()), [range.from, range.to]);
  const bucket = bucketSeconds(resolved, 240);
  const sample = useQuery(api, attributeSampleSql(resolved, props.metric.name));
  const chart = useQuery(api, metricChartSql(props.metric, resolved, bucket, props.groupBy, props.rate));
  const keys = useMemo(() => {
    const set = new Set<string>();
    for (const r of sample.result?.rows ?? []) {
      const a = parseJsonCell(r.attributes);
      if (a && typeof a === 'object') for (const k of Object.keys(a)) set.add(k);
    }
    return [...set].sort();
  }, [sample.result]);
  const mode = chartMode(props.metric, props.rate);
  // A series that started in the range (or one bucket before it) counts its first point from zero.
  const startFromS = resolved.fromMs / 1000 - bucket;
  const series = useMemo(() => (chart.result ? metricRowsToSeries(chart.result.rows, mode, { startFromS }) : null), [chart.result, mode, startFromS]);
  const unit = chartUnit(props.metric, props.rate);
  return (
    <>
      <div class="row">
        <h2 class="mono" style={{ margin: 0 }}>
          {props.metric.name}
        </h2>
        <span class="badge">{props.metric.type}</span>
        {unit ? <span class="badge">{unit}</span> : null}
        <span class="spacer" />
        <label>
          Group by{' '}
          <select value={props.groupBy} onChange={(e) => updateParams({ group_by: e.currentTarget.value })} data-testid="metric-group-by">
            <option value="">(none)</option>
            <option value="service_name">service_name</option>
            {keys.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label title="Per-second rate of a counter (resets handled)">
          <input type="checkbox" checked={props.rate} onChange={() => updateParams({ rate: props.rate ? '0' : '1' })} data-testid="metric-rate" /> Rate
        </label>
      </div>
      {chart.error ? <div class="error-box">{chart.error.message}</div> : null}
      <div class="panel-box" style={{ flex: 1, minHeight: '300px', padding: '6px' }}>
        {series && series.series.length > 0 ? (
          <TimeChart data={series} unit={unit} xRange={[resolved.fromMs / 1000, resolved.toMs / 1000]} onZoom={(f, t) => updateParams({ from: new Date(f).toISOString(), to: new Date(t).toISOString() })} />
        ) : (
          <div class="empty">{chart.loading ? 'Loading…' : props.rate ? 'Not enough points for a rate yet.' : 'No points.'}</div>
        )}
      </div>
      <div class="muted" style={{ fontSize: '12px' }}>
        Bucket: {bucket}s ·{' '}
        {mode === 'rate'
          ? 'rate per series over the time between its points (counter resets handled), summed per group'
          : mode === 'mean'
            ? 'mean per bucket: increase of sum / increase of count, per series, combined per group'
            : props.rate
              ? 'delta sum per second'
              : props.metric.type.includes('histogram')
                ? 'average (sum / count)'
                : 'average'}
      </div>
    </>
  );
}

/** Positive differences between consecutive points (counter increases; resets and gaps give null). */
function increases(values: readonly (number | null)[]): (number | null)[] {
  return values.map((v, i) => {
    const prev = i > 0 ? values[i - 1] : null;
    return v === null || prev === null || v < prev ? null : v - prev;
  });
}

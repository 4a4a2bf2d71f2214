/**
 * One dashboard panel: runs its SQL (placeholders expanded) and draws it as a time
 * series, bars, a single stat or a table. Each panel queries independently, so a slow
 * panel never holds back the others.
 */
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import type { ApiClient } from '../api/api-client.ts';
import type { QueryResult } from '../api/types.ts';
import { DataTable } from '../components/data-table.tsx';
import { TimeChart } from '../components/time-chart.tsx';
import { useQuery } from '../components/use-query.ts';
import { classifyColumns, toCategoryBars, toRates, toStat, toTimeSeries } from '../results/result-series.ts';
import { formatWithUnit, unitKind } from '../results/value-format.ts';
import { severityColor, stackBySeverity } from '../sql/log-query.ts';
import { expandMacros } from '../sql/sql-macros.ts';
import type { ResolvedRange } from '../state/time-range.ts';
import type { Panel } from './dashboard-model.ts';

export interface PanelViewProps {
  readonly api: ApiClient;
  readonly panel: Panel;
  readonly range: ResolvedRange;
  readonly variables: Readonly<Record<string, string | readonly string[]>>;
  /** Changes on every refresh. */
  readonly nonce: number;
  readonly onZoom?: (fromMs: number, toMs: number) => void;
  /** False while the dashboard's variables are loading. */
  readonly ready?: boolean;
}

/** Formats a stat value with an optional unit and decimals. */
export function formatStat(value: number | null, options: Record<string, unknown>): string {
  if (value === null) return '—';
  // Byte and time units read best scaled (94 MiB, 3m 12s, 420ms) unless decimals are pinned.
  if (typeof options.unit === 'string' && typeof options.decimals !== 'number' && unitKind(options.unit).kind !== 'plain' && unitKind(options.unit).kind !== 'percent') return formatWithUnit(value, options.unit);
  const decimals = typeof options.decimals === 'number' ? options.decimals : Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : 2;
  const unit = typeof options.unit === 'string' ? options.unit : '';
  const text = value.toLocaleString(undefined, { maximumFractionDigits: decimals, minimumFractionDigits: 0 });
  return unit === '%' ? `${text}%` : unit ? `${text} ${unit}` : text;
}

/** The panel frame and body. */
export function PanelView(props: PanelViewProps): JSX.Element {
  const { panel } = props;
  const sql = useMemo(() => (panel.sql.trim() ? expandMacros(panel.sql, { range: props.range, variables: props.variables, maxPoints: Math.max(40, panel.w * (panel.type === 'bar' ? 12 : 40)) }) : null), [panel.sql, props.range, props.variables, panel.w, panel.type]);
  const waiting = props.ready === false;
  const q = useQuery(props.api, waiting ? null : sql, props.nonce);
  return (
    <section
      class="dash-panel"
      style={{ gridColumn: `${panel.x + 1} / span ${panel.w}`, gridRow: `${panel.y + 1} / span ${panel.h}` }}
      data-testid="dash-panel"
      data-panel-id={panel.id}
      data-state={waiting || q.loading ? 'loading' : q.error ? 'error' : q.result ? 'ready' : 'empty'}
    >
      <header>
        <span class="grow" title={typeof panel.description === 'string' ? panel.description : panel.title}>
          {panel.title || panel.id}
        </span>
        {q.loading ? <span class="muted">…</span> : null}
      </header>
      <div class="pbody">
        {!sql ? <div class="empty">This panel has no SQL.</div> : null}
        {sql && (waiting || (q.loading && !q.result && !q.error)) ? <div class="empty">Loading…</div> : null}
        {q.error ? (
          <div class="error-box" style={{ margin: '4px' }}>
            {q.error.message}
          </div>
        ) : null}
        {q.result ? <PanelBody panel={panel} result={q.result} onZoom={props.onZoom} xRange={[props.range.fromMs / 1000, props.range.toMs / 1000]} /> : null}
      </div>
    </section>
  );
}

function PanelBody(props: { panel: Panel; result: QueryResult; onZoom?: (f: number, t: number) => void; xRange: readonly [number, number] }): JSX.Element {
  const { panel, result } = props;
  // Option `rate: true`: the SQL returns cumulative counters; the panel draws per-second rates.
  const series = useMemo(() => {
    const s = toTimeSeries(result);
    return panel.options.rate === true ? toRates(s) : s;
  }, [result, panel.options.rate]);
  const unit = typeof panel.options.unit === 'string' ? panel.options.unit : undefined;
  switch (panel.type) {
    case 'timeseries': {
      const s = series;
      return s.series.length > 0 ? <TimeChart data={s} unit={unit} onZoom={props.onZoom} xRange={props.xRange} /> : <div class="empty">{s.reason}</div>;
    }
    case 'bar': {
      if (classifyColumns(result).time) {
        // Levels stack like the Logs histogram (errors on the baseline) when the series are levels.
        const s = series.series.some((x) => severityColor(x.label)) ? stackBySeverity(series) : series;
        return s.series.length > 0 ? <TimeChart data={s} unit={unit} kind="bars" stacked={panel.options.stacked !== false} onZoom={props.onZoom} xRange={props.xRange} /> : <div class="empty">{s.reason}</div>;
      }
      const bars = toCategoryBars(result);
      const max = Math.max(1e-12, ...bars.map((b) => Math.abs(b.value)));
      return (
        <div class="bars">
          {bars.length === 0 ? <div class="empty">No rows.</div> : null}
          {bars.map((b, i) => (
            <div class="bar" key={i}>
              <span title={b.label} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {b.label}
              </span>
              <div class="fill" style={{ width: `${(Math.abs(b.value) / max) * 100}%` }} />
              <span class="v">{formatStat(b.value, panel.options)}</span>
            </div>
          ))}
        </div>
      );
    }
    case 'stat': {
      const st = toStat(result);
      return (
        <div class="stat">
          <div class="value" data-testid="stat-value">
            {formatStat(st.value, panel.options)}
          </div>
          <div class="muted">{st.label}</div>
        </div>
      );
    }
    case 'table':
      // Millisecond times in the display zone (the raw RFC 3339 value is in each cell's tooltip).
      return <DataTable columns={result.columns} rows={result.rows} emptyText="No rows in this time range." />;
  }
}

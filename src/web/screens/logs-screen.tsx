/**
 * Logs: search, service and severity filters, a volume histogram by severity, live tail
 * (re-query every 2 s over a moving window) and a detail drawer with every field and a
 * link to the record's trace. All filters live in the URL.
 */
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { Cell, QueryColumn, Row } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { DataTable } from '../components/data-table.tsx';
import { Drawer, KeyValues } from '../components/drawer.tsx';
import { TimeChart } from '../components/time-chart.tsx';
import { TimeRangePicker } from '../components/time-range-picker.tsx';
import { useInterval, useQuery } from '../components/use-query.ts';
import { toTimeSeries } from '../results/result-series.ts';
import { isRelative, resolveRange } from '../state/time-range.ts';
import { hrefWith, onLinkClick, rangeFromParams, updateParams, useUrl } from '../state/url-state.ts';
import { parseJsonCell } from '../trace/trace-model.ts';
import { logHistogramSql, logRecordsSql, logServicesSql, SEVERITIES, severityOf, stackBySeverity, type SeverityId } from '../sql/log-query.ts';

const LIVE_MS = 2000;
const TABLE_COLUMNS: QueryColumn[] = [
  { name: 'timestamp', type: 'timestamp' },
  { name: 'severity_text', type: 'string' },
  { name: 'service_name', type: 'string' },
  { name: 'body', type: 'string' },
];
const SEV_COLORS: Record<string, string> = Object.fromEntries(SEVERITIES.map((s) => [s.id, s.color]));

export function LogsScreen(): JSX.Element {
  const { api } = useApp();
  const url = useUrl();
  const range = rangeFromParams(url.params);
  const search = url.params.get('q') ?? '';
  const service = url.params.get('service') ?? '';
  const severities = (url.params.get('severity') ?? '').split(',').filter((s): s is SeverityId => SEVERITIES.some((x) => x.id === s));
  const live = url.params.get('live') === '1';
  const [searchText, setSearchText] = useState(search);
  const [tick, setTick] = useState(0);
  const [selected, setSelected] = useState<{ row: Row; index: number } | null>(null);

  useInterval(() => setTick((t) => t + 1), live && isRelative(range) ? LIVE_MS : 0);
  const resolved = useMemo(() => resolveRange(range, Date.now()), [range.from, range.to, tick]);
  const filters = { range: resolved, search, service, severities };
  const records = useQuery(api, logRecordsSql(filters));
  const histogram = useQuery(api, logHistogramSql(filters));
  const services = useQuery(api, logServicesSql(resolved), Math.floor(tick / 15));
  const series = useMemo(() => (histogram.result ? stackBySeverity(toTimeSeries(histogram.result)) : null), [histogram.result]);

  const toggleSeverity = (id: SeverityId): void => {
    const next = severities.includes(id) ? severities.filter((s) => s !== id) : [...severities, id];
    updateParams({ severity: next.join(',') });
  };
  const renderCell = (c: QueryColumn, v: Cell, row: Row): JSX.Element | string | null => {
    if (c.name === 'severity_text') {
      const sev = severityOf(typeof row.severity_number === 'number' ? row.severity_number : null, typeof v === 'string' ? v : null);
      return <span class={`sev-${sev}`}>{v ?? sev.toUpperCase()}</span>;
    }
    return null;
  };

  return (
    <>
      <div class="toolbar">
        <h1>Logs</h1>
        <form
          class="row grow"
          onSubmit={(e) => {
            e.preventDefault();
            updateParams({ q: searchText });
          }}
        >
          <input class="grow" type="search" placeholder="Search log bodies (press Enter)" value={searchText} onInput={(e) => setSearchText(e.currentTarget.value)} data-testid="log-search" />
          <select value={service} onChange={(e) => updateParams({ service: e.currentTarget.value })} data-testid="log-service" aria-label="Service">
            <option value="">All services</option>
            {(services.result?.rows ?? []).map((r) => (
              <option key={String(r.service_name)} value={String(r.service_name)}>
                {String(r.service_name)}
              </option>
            ))}
            {service && !(services.result?.rows ?? []).some((r) => r.service_name === service) ? <option value={service}>{service}</option> : null}
          </select>
        </form>
        <label title="Re-query every 2 seconds">
          <input type="checkbox" checked={live} onChange={() => updateParams(live ? { live: null } : { live: '1', ...(isRelative(range) ? {} : { from: 'now-15m', to: 'now' }) })} data-testid="live-tail" /> Live
        </label>
        <TimeRangePicker value={range} onChange={(r) => updateParams({ from: r.from, to: r.to })} />
      </div>
      <div class="content" style={{ display: 'flex', flexDirection: 'column', gap: '6px' }}>
        <div class="row sev-filter" data-testid="severity-filter">
          <span class="muted">Severity:</span>
          {SEVERITIES.map((s) => (
            <label key={s.id}>
              <input type="checkbox" checked={severities.includes(s.id)} onChange={() => toggleSeverity(s.id)} data-testid={`sev-${s.id}`} />
              <span class={`sev-${s.id}`}>{s.label}</span>
            </label>
          ))}
          {severities.length > 0 ? (
            <button type="button" class="link" onClick={() => updateParams({ severity: null })}>
              clear
            </button>
          ) : null}
          <span class="spacer" />
          <span class="muted" data-testid="log-count">
            {records.result ? `${records.result.row_count.toLocaleString()} record${records.result.row_count === 1 ? '' : 's'}${records.result.row_count >= 500 ? ' (newest 500)' : ''}` : ''}
          </span>
        </div>
        <div class="histogram panel-box" data-testid="log-histogram">
          {series && series.series.length > 0 ? (
            <TimeChart data={series} kind="bars" stacked colors={SEV_COLORS} legend={false} xRange={[resolved.fromMs / 1000, resolved.toMs / 1000]} onZoom={(f, t) => updateParams({ from: new Date(f).toISOString(), to: new Date(t).toISOString(), live: null })} />
          ) : (
            <div class="empty">{histogram.loading ? 'Loading…' : 'No logs in this range.'}</div>
          )}
        </div>
        {records.error ? <div class="error-box">{records.error.message}</div> : null}
        <div style={{ flex: 1, minHeight: '200px', display: 'flex' }}>
          <DataTable columns={TABLE_COLUMNS} rows={records.result?.rows ?? []} onRowClick={(row, index) => setSelected({ row, index })} selectedIndex={selected?.index} renderCell={renderCell} />
        </div>
      </div>
      {selected ? <LogDrawer row={selected.row} onClose={() => setSelected(null)} /> : null}
    </>
  );
}

function LogDrawer(props: { row: Row; onClose: () => void }): JSX.Element {
  const r = props.row;
  const sev = severityOf(typeof r.severity_number === 'number' ? r.severity_number : null, typeof r.severity_text === 'string' ? r.severity_text : null);
  const traceHref = r.trace_id ? hrefWith(`/traces/${encodeURIComponent(String(r.trace_id))}`, { span: r.span_id ? String(r.span_id) : null }) : null;
  const fields = Object.entries(r).filter(([k]) => k !== 'attributes' && k !== 'resource' && k !== 'body');
  return (
    <Drawer
      title={
        <span>
          <span class={`sev-${sev}`}>{String(r.severity_text ?? sev.toUpperCase())}</span> · {String(r.service_name)}
        </span>
      }
      onClose={props.onClose}
      testId="log-drawer"
    >
      {traceHref ? (
        <p>
          <a href={traceHref} onClick={(e) => onLinkClick(e, traceHref)} data-testid="trace-link">
            View trace {String(r.trace_id)} →
          </a>
        </p>
      ) : (
        <p class="muted">This record carries no trace id.</p>
      )}
      <h3>Body</h3>
      <pre class="notice mono" style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="log-body">
        {String(r.body ?? '')}
      </pre>
      <h3>Attributes</h3>
      <KeyValues value={parseJsonCell(r.attributes)} testId="log-attributes" />
      <h3>Resource</h3>
      <KeyValues value={parseJsonCell(r.resource)} />
      <h3>Fields</h3>
      <KeyValues value={Object.fromEntries(fields)} />
    </Drawer>
  );
}

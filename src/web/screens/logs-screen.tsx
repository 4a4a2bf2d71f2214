/**
 * Logs: search, service and severity filters, a volume histogram by severity, live tail
 * (re-query every 2 s over a moving window) and a detail drawer with every field and a
 * link to the record's trace. All filters live in the URL.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Cell, QueryColumn, Row } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { DataTable } from '../components/data-table.tsx';
import { Drawer } from '../components/drawer.tsx';
import { CopyButton, KeyValues } from '../components/key-values.tsx';
import { TimeText } from '../components/time-text.tsx';
import { TimeChart } from '../components/time-chart.tsx';
import { TimeRangePicker } from '../components/time-range-picker.tsx';
import { useInterval, useQuery } from '../components/use-query.ts';
import { toNumber, toTimeSeries, type SeriesSet } from '../results/result-series.ts';
import { isRelative, resolveRange } from '../state/time-range.ts';
import { formatTime, useTimeZone, type ZoneMode } from '../state/time-zone.ts';
import { hrefWith, onLinkClick, rangeFromParams, updateParams, useUrl } from '../state/url-state.ts';
import { parseJsonCell } from '../trace/trace-model.ts';
import { logHistogramSql, logRecordsSql, logServicesSql, SEVERITIES, severityOf, stackBySeverity, type SeverityId } from '../sql/log-query.ts';
import { countText } from '../components/count-text.ts';
import { OlderFooter, useOlderPages } from '../components/older-pages.tsx';
import { shortPageIsLast, type PagingRules } from '../sql/older-page.ts';

const LIVE_MS = 2000;
const PAGE = 500;
/** Records page on their timestamp; a record is identified by all its columns. */
const LOG_PAGING: PagingRules = { tsColumn: 'timestamp', isLastPage: shortPageIsLast(PAGE) };
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
  const [hoverBin, setHoverBin] = useState<number | null>(null);
  const zone = useTimeZone();

  useInterval(() => setTick((t) => t + 1), live && isRelative(range) ? LIVE_MS : 0);
  const resolved = useMemo(() => resolveRange(range, Date.now()), [range.from, range.to, tick]);
  const filters = { range: resolved, search, service, severities };
  const recordsSql = logRecordsSql(filters, PAGE);
  const records = useQuery(api, recordsSql);
  const pages = useOlderPages(api, recordsSql, records.result?.rows ?? null, LOG_PAGING, (older) => logRecordsSql(filters, PAGE, older));
  const histogram = useQuery(api, logHistogramSql(filters));
  const services = useQuery(api, logServicesSql(resolved), Math.floor(tick / 15));
  const series = useMemo(() => (histogram.result ? stackBySeverity(toTimeSeries(histogram.result)) : null), [histogram.result]);

  // While a record is open, ↑/↓ (or k/j) open its neighbours, like a mail client.
  const rows = pages.rows;
  useEffect(() => {
    if (!selected) return;
    const onKey = (e: KeyboardEvent): void => {
      const t = e.target as HTMLElement | null;
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)))) return;
      const step = e.key === 'ArrowDown' || e.key === 'j' ? 1 : e.key === 'ArrowUp' || e.key === 'k' ? -1 : 0;
      const next = selected.index + step;
      if (step === 0 || next < 0 || next >= rows.length) return;
      e.preventDefault();
      setSelected({ row: rows[next], index: next });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [selected, rows]);

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
          {series && hoverBin !== null && series.xs[hoverBin] !== undefined ? (
            <span class="bin-readout" data-testid="histogram-readout">
              {binReadout(series, hoverBin, zone)}
            </span>
          ) : null}
          {records.loading && records.result && !live ? <span class="muted">updating…</span> : null}
          <span class="muted" data-testid="log-count">
            {records.result ? recordCount(rows.length, histogram.result?.rows.reduce((a, r) => a + (toNumber(r.n) ?? 0), 0) ?? null) : ''}
          </span>
        </div>
        <div class="histogram panel-box" data-testid="log-histogram">
          {series && series.series.length > 0 ? (
            <TimeChart data={series} kind="bars" stacked colors={SEV_COLORS} legend={false} onCursor={setHoverBin} xRange={[resolved.fromMs / 1000, resolved.toMs / 1000]} onZoom={(f, t) => updateParams({ from: new Date(f).toISOString(), to: new Date(t).toISOString(), live: null })} />
          ) : (
            <div class="empty">{histogram.loading ? 'Loading…' : 'No logs in this range.'}</div>
          )}
        </div>
        {records.error ? <div class="error-box">{records.error.message}</div> : null}
        <div style={{ flex: 1, minHeight: '200px', display: 'flex' }}>
          <DataTable columns={TABLE_COLUMNS} rows={rows} footer={live ? null : <OlderFooter pages={pages} noun="record" />} selectOnMove loading={records.loading} emptyText={records.error ? 'The query failed (see above).' : 'No log records match in this time range. Widen the range or clear a filter.'} onRowClick={(row, index) => setSelected({ row, index })} selectedIndex={selected?.index} renderCell={renderCell} />
        </div>
      </div>
      {selected ? <LogDrawer row={selected.row} onClose={() => setSelected(null)} /> : null}
    </>
  );
}

/** The hovered histogram bin: its start and the count per severity, busiest severities named first. */
function binReadout(set: SeriesSet, i: number, zone: ZoneMode): JSX.Element {
  const counts = set.series.map((s) => ({ id: s.label, n: s.values[i] ?? 0 })).filter((c) => c.n > 0);
  const total = counts.reduce((a, c) => a + c.n, 0);
  return (
    <>
      {formatTime(set.xs[i] * 1000, zone)}: <strong>{total.toLocaleString()}</strong>
      {counts.map((c) => (
        <span key={c.id} class={`sev-${c.id}`}>
          {' '}
          {c.id.toUpperCase()} {c.n.toLocaleString()}
        </span>
      ))}
    </>
  );
}

/** "12,345 records · newest 500 shown": the histogram knows the total, the table holds at most LIMIT rows. */
function recordCount(shown: number, total: number | null): string {
  const n = Math.max(shown, total ?? 0);
  const text = countText(n, 'record');
  return shown < n ? `${text} · newest ${shown.toLocaleString()} listed` : text;
}

/** Fields already shown in the drawer's header and links, or as their own sections. */
const DRAWER_SHOWN = new Set(['attributes', 'resource', 'body', 'timestamp', 'severity_text', 'service_name', 'trace_id', 'span_id']);

function LogDrawer(props: { row: Row; onClose: () => void }): JSX.Element {
  const r = props.row;
  const sev = severityOf(typeof r.severity_number === 'number' ? r.severity_number : null, typeof r.severity_text === 'string' ? r.severity_text : null);
  const traceHref = r.trace_id ? hrefWith(`/traces/${encodeURIComponent(String(r.trace_id))}`, { span: r.span_id ? String(r.span_id) : null }) : null;
  const fields = Object.entries(r).filter(([k]) => !DRAWER_SHOWN.has(k));
  const attributes = parseJsonCell(r.attributes);
  const body = String(r.body ?? '');
  return (
    <Drawer
      title={
        <span>
          <span class={`sev-${sev}`}>{String(r.severity_text || sev.toUpperCase())}</span> · {String(r.service_name)} ·{' '}
          <span class="muted" style={{ fontWeight: 400 }}>
            <TimeText value={r.timestamp} millis />
          </span>
        </span>
      }
      hint="Esc closes · ↑/↓ (j/k) next record"
      onClose={props.onClose}
      testId="log-drawer"
    >
      {traceHref ? (
        <p class="copy-host">
          <a href={traceHref} onClick={(e) => onLinkClick(e, traceHref)} data-testid="trace-link">
            View trace <span class="mono">{String(r.trace_id)}</span> →
          </a>
          <CopyButton text={String(r.trace_id)} label="trace id" />
          {r.span_id ? <span class="muted mono"> span {String(r.span_id)}</span> : null}
        </p>
      ) : (
        <p class="muted">This record carries no trace id.</p>
      )}
      <h3 class="copy-host">
        Body <CopyButton text={body} label="body" />
      </h3>
      <pre class="notice mono log-body" data-testid="log-body">
        {body}
      </pre>
      <h3>Attributes{attributes && typeof attributes === 'object' ? ` (${Object.keys(attributes).length})` : ''}</h3>
      <KeyValues value={attributes} testId="log-attributes" />
      <h3>Resource</h3>
      <KeyValues value={parseJsonCell(r.resource)} />
      <h3>Other fields</h3>
      <KeyValues value={Object.fromEntries(fields)} hideNull />
    </Drawer>
  );
}

/**
 * Traces search: service, operation, minimum span duration, status and time. Results are
 * one row per trace (root operation, duration with a bar to compare at a glance, span,
 * service and error counts), or, with `view=spans`, the matching spans themselves. A row
 * opens the waterfall on the span that matched.
 */
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { Cell, QueryColumn, Row } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { DataTable } from '../components/data-table.tsx';
import { TimeRangePicker } from '../components/time-range-picker.tsx';
import { useQuery } from '../components/use-query.ts';
import { toNumber } from '../results/result-series.ts';
import { formatDurationNs, parseTimestampMs, resolveRange } from '../state/time-range.ts';
import { hrefWith, navigate, rangeFromParams, updateParams, useUrl } from '../state/url-state.ts';
import { serviceColor } from '../trace/trace-model.ts';
import { spanOperationsSql, spanServicesSql, traceListIsLast, traceListSql, traceSearchSql, type TraceFilters } from '../sql/trace-query.ts';
import { shortPageIsLast, type PagingRules } from '../sql/older-page.ts';
import { countText } from '../components/count-text.ts';
import { OlderFooter, useOlderPages } from '../components/older-pages.tsx';

const SPAN_COLUMNS: QueryColumn[] = [
  { name: 'timestamp', type: 'timestamp' },
  { name: 'service_name', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'duration_ns', type: 'int64' },
  { name: 'status_code', type: 'string' },
  { name: 'trace_id', type: 'string' },
];
const TRACE_COLUMNS: QueryColumn[] = [
  { name: 'start', type: 'timestamp' },
  { name: 'root', type: 'string' },
  { name: 'duration_ns', type: 'int64' },
  { name: 'spans', type: 'int64' },
  { name: 'services', type: 'int64' },
  { name: 'errors', type: 'int64' },
  { name: 'trace_id', type: 'string' },
];
const PAGE = 200;
/** Matching spans one trace-list page looks through. */
const SCAN = 1000;
/** Spans page on their timestamp; traces on their newest matching span, one row per trace id. */
const SPAN_PAGING: PagingRules = { tsColumn: 'timestamp', isLastPage: shortPageIsLast(PAGE) };
const TRACE_PAGING: PagingRules = { tsColumn: 'last_match', key: (r) => String(r.trace_id), isLastPage: (rows) => traceListIsLast(rows, SCAN, PAGE) };
const LABELS = { service_name: 'service', name: 'operation', duration_ns: 'duration', status_code: 'status', trace_id: 'trace id', root: 'root span' };

function ServiceName(props: { name: string }): JSX.Element {
  return (
    <span>
      <span class="swatch" style={{ background: serviceColor(props.name) }} />
      {props.name}
    </span>
  );
}

export function TracesScreen(): JSX.Element {
  const { api } = useApp();
  const url = useUrl();
  const range = rangeFromParams(url.params);
  const service = url.params.get('service') ?? '';
  const operation = url.params.get('operation') ?? '';
  const minMs = Number(url.params.get('min_ms') ?? '0') || 0;
  const status = url.params.get('status') ?? '';
  const rootsOnly = url.params.get('roots') === '1';
  const spansView = url.params.get('view') === 'spans';
  const [opText, setOpText] = useState(operation);
  const [minText, setMinText] = useState(minMs ? String(minMs) : '');
  const resolved = useMemo(() => resolveRange(range, Date.now()), [range.from, range.to]);
  const filters: TraceFilters = { range: resolved, service, operation, minDurationMs: minMs, status, rootsOnly };
  const filtered = Boolean(service || operation.trim() || minMs > 0 || status || rootsOnly);
  const resultsSql = spansView ? traceSearchSql(filters, PAGE) : traceListSql(filters, SCAN, PAGE);
  const results = useQuery(api, resultsSql);
  const pages = useOlderPages(api, resultsSql, results.result?.rows ?? null, spansView ? SPAN_PAGING : TRACE_PAGING, (older) => (spansView ? traceSearchSql(filters, PAGE, older) : traceListSql(filters, SCAN, PAGE, older)));
  const services = useQuery(api, spanServicesSql(resolved));
  const operations = useQuery(api, spanOperationsSql(resolved, service));

  // Trace rows get their duration (end of the last span - start of the first) and a root label.
  const rows = useMemo(() => {
    const raw = pages.rows;
    if (spansView) return raw;
    return raw.map((r) => ({
      ...r,
      duration_ns: (parseTimestampMs(String(r.end_ts)) - parseTimestampMs(String(r.start))) * 1e6,
      // The text the column is sized by (the cell draws it with a colour swatch).
      root: r.root_name === null || r.root_name === undefined ? `${String(r.any_service ?? '')} (root span missing)` : `${String(r.root_service)}  ${String(r.root_name)}`,
    }));
  }, [pages.rows, spansView]);
  const maxNs = useMemo(() => rows.reduce((m, r) => Math.max(m, toNumber(r.duration_ns) ?? 0), 0), [rows]);

  const renderCell = (c: QueryColumn, v: Cell, row: Row): JSX.Element | string | null => {
    if (c.name === 'duration_ns') {
      const ns = toNumber(v) ?? 0;
      return (
        <span class="dur-cell">
          <span class="dur-bar" style={{ width: `${maxNs > 0 ? Math.max(1, Math.round((ns / maxNs) * 60)) : 0}px` }} />
          <span>{formatDurationNs(ns)}</span>
        </span>
      );
    }
    if (c.name === 'status_code') return <span class={`status-${String(v).toLowerCase()}`}>{String(v)}</span>;
    if (c.name === 'service_name') return <ServiceName name={String(v)} />;
    if (c.name === 'errors') return (toNumber(v) ?? 0) > 0 ? <span class="status-error">{String(v)}</span> : <span class="muted">0</span>;
    if (c.name === 'root') {
      if (row.root_name === null || row.root_name === undefined) {
        return (
          <span title="The root span has not arrived (or is outside the searched hour either side)">
            <ServiceName name={String(row.any_service ?? '')} /> <span class="muted">(root span missing)</span>
          </span>
        );
      }
      return (
        <span>
          <ServiceName name={String(row.root_service)} /> <span class="op">{String(row.root_name)}</span>
        </span>
      );
    }
    return null;
  };
  const open = (row: Row): void => {
    const span = spansView ? row.span_id : filtered ? row.match_span : null;
    navigate(hrefWith(`/traces/${encodeURIComponent(String(row.trace_id))}`, { span: span ? String(span) : null }));
  };
  const count = rows.length;
  const more = pages.status !== 'end' ? ' so far (Load older at the end)' : '';
  const summary = spansView ? `${countText(count, 'matching span')}${more}` : `${countText(count, 'trace')}${filtered ? ' with a matching span' : ''}${more}`;

  return (
    <>
      <div class="toolbar">
        <h1>Traces</h1>
        <form
          class="row grow"
          onSubmit={(e) => {
            e.preventDefault();
            updateParams({ operation: opText, min_ms: minText });
          }}
        >
          <select value={service} onChange={(e) => updateParams({ service: e.currentTarget.value })} aria-label="Service" data-testid="trace-service">
            <option value="">All services</option>
            {(services.result?.rows ?? []).map((r) => (
              <option key={String(r.service_name)}>{String(r.service_name)}</option>
            ))}
            {service && !(services.result?.rows ?? []).some((r) => r.service_name === service) ? <option>{service}</option> : null}
          </select>
          <input list="trace-operations" placeholder="Operation" aria-label="Operation" data-search value={opText} onInput={(e) => setOpText(e.currentTarget.value)} data-testid="trace-operation" />
          <datalist id="trace-operations">
            {(operations.result?.rows ?? []).map((r) => (
              <option key={String(r.name)} value={String(r.name)} />
            ))}
          </datalist>
          <label class="row" title="Only spans at least this long (milliseconds)">
            ≥
            <input type="number" min="0" step="any" placeholder="ms" aria-label="Minimum span duration (ms)" value={minText} onInput={(e) => setMinText(e.currentTarget.value)} style={{ width: '80px' }} data-testid="trace-min-duration" />
            ms
          </label>
          <select value={status} onChange={(e) => updateParams({ status: e.currentTarget.value })} aria-label="Status" data-testid="trace-status">
            <option value="">Any status</option>
            <option value="ERROR">Error</option>
            <option value="OK">OK</option>
            <option value="UNSET">Unset</option>
          </select>
          <label>
            <input type="checkbox" checked={rootsOnly} onChange={() => updateParams({ roots: rootsOnly ? null : '1' })} /> Root spans only
          </label>
          <button type="submit" class="primary">
            Search
          </button>
        </form>
        <TimeRangePicker value={range} onChange={(r) => updateParams({ from: r.from, to: r.to })} />
      </div>
      <div class="content" style={{ display: 'flex', flexDirection: 'column', gap: '6px' }}>
        {results.error ? <div class="error-box">{results.error.message}</div> : null}
        <div class="row">
          <div class="tabs" role="tablist" aria-label="Results as">
            <button type="button" role="tab" aria-selected={!spansView} class={spansView ? '' : 'active'} onClick={() => updateParams({ view: null })} data-testid="view-traces">
              Traces
            </button>
            <button type="button" role="tab" aria-selected={spansView} class={spansView ? 'active' : ''} onClick={() => updateParams({ view: 'spans' })} data-testid="view-spans">
              Spans
            </button>
          </div>
          <span class="muted" data-testid="trace-count">
            {results.loading && !results.result ? 'Searching…' : `${summary} · newest first · click to open`}
          </span>
          {results.loading && results.result ? <span class="muted">updating…</span> : null}
        </div>
        <div style={{ flex: 1, minHeight: '200px', display: 'flex' }}>
          <DataTable columns={spansView ? SPAN_COLUMNS : TRACE_COLUMNS} rows={rows} loading={results.loading} emptyText={results.error ? 'The search failed (see above).' : `No ${spansView ? 'spans' : 'traces'} match in this time range. Widen the range or clear a filter.`} onRowClick={open} renderCell={renderCell} labels={LABELS} footer={<OlderFooter pages={pages} noun={spansView ? 'span' : 'trace'} />} />
        </div>
      </div>
    </>
  );
}

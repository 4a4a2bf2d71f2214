/** Traces search: service, operation, minimum duration, status and time; opens the waterfall. */
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { Cell, QueryColumn, Row } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { DataTable } from '../components/data-table.tsx';
import { TimeRangePicker } from '../components/time-range-picker.tsx';
import { useQuery } from '../components/use-query.ts';
import { toNumber } from '../results/result-series.ts';
import { formatDurationNs, resolveRange } from '../state/time-range.ts';
import { hrefWith, navigate, rangeFromParams, updateParams, useUrl } from '../state/url-state.ts';
import { serviceColor } from '../trace/trace-model.ts';
import { spanOperationsSql, spanServicesSql, traceSearchSql } from '../sql/trace-query.ts';

const COLUMNS: QueryColumn[] = [
  { name: 'timestamp', type: 'timestamp' },
  { name: 'service_name', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'duration_ns', type: 'int64' },
  { name: 'status_code', type: 'string' },
  { name: 'trace_id', type: 'string' },
];

export function TracesScreen(): JSX.Element {
  const { api } = useApp();
  const url = useUrl();
  const range = rangeFromParams(url.params);
  const service = url.params.get('service') ?? '';
  const operation = url.params.get('operation') ?? '';
  const minMs = Number(url.params.get('min_ms') ?? '0') || 0;
  const status = url.params.get('status') ?? '';
  const rootsOnly = url.params.get('roots') === '1';
  const [opText, setOpText] = useState(operation);
  const [minText, setMinText] = useState(minMs ? String(minMs) : '');
  const resolved = useMemo(() => resolveRange(range, Date.now()), [range.from, range.to]);
  const results = useQuery(api, traceSearchSql({ range: resolved, service, operation, minDurationMs: minMs, status, rootsOnly }));
  const services = useQuery(api, spanServicesSql(resolved));
  const operations = useQuery(api, spanOperationsSql(resolved, service));

  const renderCell = (c: QueryColumn, v: Cell): JSX.Element | string | null => {
    if (c.name === 'duration_ns') return formatDurationNs(toNumber(v) ?? 0);
    if (c.name === 'status_code') return <span class={`status-${String(v).toLowerCase()}`}>{String(v)}</span>;
    if (c.name === 'service_name')
      return (
        <span>
          <span class="swatch" style={{ background: serviceColor(String(v)) }} />
          {String(v)}
        </span>
      );
    return null;
  };
  const open = (row: Row): void => navigate(hrefWith(`/traces/${encodeURIComponent(String(row.trace_id))}`, { span: String(row.span_id) }));

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
          <input list="trace-operations" placeholder="Operation" data-search value={opText} onInput={(e) => setOpText(e.currentTarget.value)} data-testid="trace-operation" />
          <datalist id="trace-operations">
            {(operations.result?.rows ?? []).map((r) => (
              <option key={String(r.name)} value={String(r.name)} />
            ))}
          </datalist>
          <input type="number" min="0" step="any" placeholder="Min duration (ms)" value={minText} onInput={(e) => setMinText(e.currentTarget.value)} style={{ width: '140px' }} data-testid="trace-min-duration" />
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
        <div class="muted">{results.result ? `${results.result.row_count} span${results.result.row_count === 1 ? '' : 's'} (newest first; click to open the trace)` : results.loading ? 'Searching…' : ''}</div>
        <div style={{ flex: 1, minHeight: '200px', display: 'flex' }}>
          <DataTable columns={COLUMNS} rows={results.result?.rows ?? []} onRowClick={open} renderCell={renderCell} />
        </div>
      </div>
    </>
  );
}

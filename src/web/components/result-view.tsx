/**
 * A query result as table, time-series chart or JSON, with the row count, truncation
 * and timing line an engineer checks first.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { QueryResult } from '../api/types.ts';
import { toTimeSeries } from '../results/result-series.ts';
import { DataTable } from './data-table.tsx';
import { Drawer } from './drawer.tsx';
import { KeyValues } from './key-values.tsx';
import { TimeChart } from './time-chart.tsx';
import { countText } from './count-text.ts';

export type ResultTab = 'table' | 'chart' | 'json';
export const RESULT_TABS: readonly ResultTab[] = ['table', 'chart', 'json'];
const JSON_ROWS = 500;

export interface ResultViewProps {
  readonly result: QueryResult;
  readonly tab: ResultTab;
  readonly onTab: (tab: ResultTab) => void;
  readonly onZoom?: (fromMs: number, toMs: number) => void;
  /** The chart's x extent in epoch seconds (the picked range, when the query used it). */
  readonly xRange?: readonly [number, number];
}

/** Tabs + the chosen view. */
export function ResultView(props: ResultViewProps): JSX.Element {
  const { result } = props;
  const series = useMemo(() => (props.tab === 'chart' ? toTimeSeries(result) : null), [result, props.tab]);
  // A clicked row opens in a drawer: every value whole (cells are cut at the column width).
  const [selected, setSelected] = useState<number | null>(null);
  useEffect(() => setSelected(null), [result, props.tab]);
  useEffect(() => {
    if (selected === null) return;
    const onKey = (e: KeyboardEvent): void => {
      const t = e.target as HTMLElement | null;
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)))) return;
      const step = e.key === 'ArrowDown' || e.key === 'j' ? 1 : e.key === 'ArrowUp' || e.key === 'k' ? -1 : 0;
      if (step === 0 || selected + step < 0 || selected + step >= result.rows.length) return;
      e.preventDefault();
      setSelected(selected + step);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [selected, result]);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1, gap: '6px' }}>
      <div class="row">
        <div class="tabs" role="tablist">
          {RESULT_TABS.map((t) => (
            <button type="button" key={t} role="tab" aria-selected={props.tab === t} class={props.tab === t ? 'active' : ''} onClick={() => props.onTab(t)} data-testid={`tab-${t}`}>
              {t[0].toUpperCase() + t.slice(1)}
            </button>
          ))}
        </div>
        <span class="spacer" />
        <span class="muted" data-testid="result-summary">
          {countText(result.row_count, 'row')}
          {result.truncated ? ' (truncated)' : ''} · {result.elapsed_ms.toFixed(result.elapsed_ms < 10 ? 1 : 0)} ms
        </span>
      </div>
      <div style={{ flex: 1, minHeight: '200px', display: 'flex', flexDirection: 'column' }}>
        {props.tab === 'table' ? <DataTable columns={result.columns} rows={result.rows} showTypes timePrecision="full" onRowClick={(_r, i) => setSelected(i)} selectedIndex={selected ?? undefined} selectOnMove /> : null}
        {props.tab === 'table' && selected !== null && result.rows[selected] ? (
          <Drawer title={`Row ${(selected + 1).toLocaleString()} of ${result.rows.length.toLocaleString()}`} hint="Esc closes · ↑/↓ (j/k) next row" onClose={() => setSelected(null)} testId="row-drawer">
            <KeyValues value={Object.fromEntries(result.columns.map((c) => [c.name, result.rows[selected][c.name] ?? null]))} />
          </Drawer>
        ) : null}
        {props.tab === 'chart' && series ? (
          series.series.length > 0 ? (
            <div class="panel-box" style={{ flex: 1, padding: '6px', minHeight: '260px' }}>
              {series.reason ? <div class="muted">{series.reason}</div> : null}
              <TimeChart data={series} onZoom={props.onZoom} xRange={props.xRange} />
            </div>
          ) : (
            <div class="notice" data-testid="chart-unavailable">
              {series.reason}
            </div>
          )
        ) : null}
        {props.tab === 'json' ? (
          <pre class="panel-box mono" style={{ margin: 0, padding: '8px', overflow: 'auto', flex: 1 }} data-testid="result-json">
            {JSON.stringify(result.rows.length > JSON_ROWS ? result.rows.slice(0, JSON_ROWS) : result.rows, null, 2)}
            {result.rows.length > JSON_ROWS ? `\n… ${result.rows.length - JSON_ROWS} more rows (use the API for the full result)` : ''}
          </pre>
        ) : null}
      </div>
    </div>
  );
}

/**
 * A virtualised result table: only the rows in view (plus a margin) are in the DOM, so
 * 100k-row results scroll as smoothly as 100. Rows have a fixed height; column widths
 * are estimated once from the header and a sample of values.
 */
import type { JSX } from 'preact';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Cell, QueryColumn, Row } from '../api/types.ts';
import { parseTimestampMs } from '../state/time-range.ts';
import { formatTime, formatTimestampText, useTimeZone, zoneLabel } from '../state/time-zone.ts';

const ROW_PX = 23; // 22px + 1px border, must match .vtable td
const OVERSCAN = 12;
const NUMERIC = /int|float|double|decimal|numeric|real|number/i;
const TIMESTAMP = /^timestamp/i;

export interface DataTableProps {
  readonly columns: readonly QueryColumn[];
  readonly rows: readonly Row[];
  readonly onRowClick?: (row: Row, index: number) => void;
  readonly selectedIndex?: number;
  /** Overrides how a cell is shown (e.g. severity colouring). */
  readonly renderCell?: (column: QueryColumn, value: Cell, row: Row) => JSX.Element | string | null;
  readonly showTypes?: boolean;
  /** Header text per column name (default: the name). */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Timestamp columns are shown in the display zone (named in the header): `ms` rounds to
   * milliseconds (log and span lists), `full` keeps every digit the API sent (Explore).
   */
  readonly timePrecision?: 'ms' | 'full';
  /** While the first rows are on their way, the empty table says so instead of "No rows.". */
  readonly loading?: boolean;
  /** What an empty result means on this screen. */
  readonly emptyText?: string;
  /**
   * Keyboard (when the table has focus): ↑/↓ or k/j move a cursor and Enter opens the row
   * (onRowClick); with `selectOnMove`, moving opens it at once (detail drawers).
   */
  readonly selectOnMove?: boolean;
  /** Shown after the last row, inside the scrolling area (e.g. "Load older"). */
  readonly footer?: JSX.Element | null;
}

/** Text of a cell: objects as JSON, null as `null`. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Estimated column widths in px. */
export function columnWidths(columns: readonly QueryColumn[], rows: readonly Row[], showTypes = false): number[] {
  const sample = rows.length > 200 ? rows.slice(0, 200) : rows;
  return columns.map((c) => {
    // Header: a bold name, then the type and the zone in a smaller font.
    let chars = c.name.length * 1.15 + (showTypes && c.type ? c.type.length * 0.8 + 2 : 0) + (TIMESTAMP.test(c.type) ? 12 : 0);
    for (const r of sample) chars = Math.max(chars, Math.min(80, cellText(r[c.name]).length));
    return Math.max(60, Math.min(520, Math.round(chars * 7.4 + 18)));
  });
}

/** The table. */
export function DataTable(props: DataTableProps): JSX.Element {
  const { columns, rows } = props;
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewPx, setViewPx] = useState(600);
  const [cursor, setCursor] = useState(-1);
  const widths = useMemo(() => columnWidths(columns, rows, props.showTypes), [columns, rows, props.showTypes]);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = (): void => setViewPx(el.clientHeight || 600);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  useLayoutEffect(() => {
    // A new result starts at the top.
    if (box.current) box.current.scrollTop = 0;
    setScrollTop(0);
    setCursor(-1);
  }, [rows]);
  const active = props.selectedIndex !== undefined && props.selectedIndex >= 0 ? props.selectedIndex : cursor;
  useLayoutEffect(() => {
    // Keep the selected row in view when it is moved by the keyboard.
    const el = box.current;
    const i = active;
    if (!el || i === undefined || i < 0) return;
    const top = i * ROW_PX;
    const header = ROW_PX + 2;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_PX > el.scrollTop + el.clientHeight - header) el.scrollTop = top + ROW_PX - el.clientHeight + header;
  }, [active]);
  const onKeyDown = (e: KeyboardEvent): void => {
    if (!props.onRowClick || rows.length === 0 || e.ctrlKey || e.metaKey || e.altKey) return;
    const step = e.key === 'ArrowDown' || e.key === 'j' ? 1 : e.key === 'ArrowUp' || e.key === 'k' ? -1 : 0;
    if (step !== 0) {
      e.preventDefault();
      const next = Math.max(0, Math.min(rows.length - 1, active + step));
      setCursor(next);
      if (props.selectOnMove) props.onRowClick(rows[next], next);
    } else if (e.key === 'Enter' && active >= 0 && active < rows.length) {
      e.preventDefault();
      props.onRowClick(rows[active], active);
    }
  };
  const first = Math.max(0, Math.floor(scrollTop / ROW_PX) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewPx) / ROW_PX) + OVERSCAN);
  const zone = useTimeZone();
  const numeric = columns.map((c) => NUMERIC.test(c.type));
  const isTime = columns.map((c) => TIMESTAMP.test(c.type));
  const timeText = (v: string): string => {
    const ms = parseTimestampMs(v);
    return props.timePrecision === 'full' ? formatTimestampText(v, ms, zone) : Number.isNaN(ms) ? v : formatTime(ms, zone, true);
  };
  const visible: JSX.Element[] = [];
  for (let i = first; i < last; i++) {
    const row = rows[i];
    visible.push(
      <tr
        key={i}
        data-row={i}
        class={(props.onRowClick ? 'clickable' : '') + (props.selectedIndex === i ? ' selected' : active === i ? ' cursor' : '')}
        onClick={
          props.onRowClick
            ? () => {
                setCursor(i);
                props.onRowClick?.(row, i);
              }
            : undefined
        }
      >
        {columns.map((c, ci) => {
          const v = row[c.name];
          const custom = props.renderCell?.(c, v ?? null, row);
          const text = cellText(v);
          const time = isTime[ci] && typeof v === 'string';
          return (
            <td key={c.name} title={time || text.length > 40 ? text.slice(0, 2000) : undefined} class={v === null || v === undefined ? 'null' : numeric[ci] ? 'num' : ''}>
              {custom ?? (time ? timeText(v) : text)}
            </td>
          );
        })}
      </tr>,
    );
  }
  const total = widths.reduce((a, b) => a + b, 0);
  return (
    <div
      class="vtable"
      ref={box}
      tabIndex={props.onRowClick ? 0 : undefined}
      onKeyDown={onKeyDown}
      aria-label={props.onRowClick ? 'Results: ↑/↓ to move, Enter to open' : undefined}
      onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)} data-testid="result-table" data-rows={rows.length}>
      <table style={{ width: `${total}px`, minWidth: '100%' }}>
        <colgroup>
          {/* The last column takes whatever width is left (log bodies, messages). */}
          {widths.map((w, i) => (
            <col key={i} style={i === widths.length - 1 ? undefined : { width: `${w}px` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.name} title={`${c.name} ${c.type}`}>
                {props.labels?.[c.name] ?? c.name}
                {props.showTypes && c.type ? <span class="type">{c.type}</span> : null}
                {TIMESTAMP.test(c.type) ? <span class="type zone">{zoneLabel(zone)}</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {first > 0 ? <tr style={{ height: `${first * ROW_PX}px` }} aria-hidden="true" /> : null}
          {visible}
          {last < rows.length ? <tr style={{ height: `${(rows.length - last) * ROW_PX}px` }} aria-hidden="true" /> : null}
        </tbody>
      </table>
      {rows.length === 0 ? <div class="empty">{props.loading ? 'Loading…' : (props.emptyText ?? 'No rows.')}</div> : null}
      {props.footer ?? null}
    </div>
  );
}

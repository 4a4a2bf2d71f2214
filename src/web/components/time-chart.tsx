/**
 * Time-series chart on uPlot (canvas; 100k points draw in milliseconds). The chart is
 * created once per series layout and fed new data with `setData`, and follows its
 * container's size. Colours come from the theme's CSS variables at creation time.
 */
import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SeriesSet } from '../results/result-series.ts';
import { severityColor } from '../sql/log-query.ts';
import { formatAxisTicks, formatWithUnit } from '../results/value-format.ts';
import { formatTicks, formatTime, offsetLabel, useTimeZone } from '../state/time-zone.ts';

export const SERIES_COLORS = ['#4e9af1', '#f5a623', '#5cc98b', '#e86f68', '#bd6ff0', '#50e3c2', '#e5c144', '#ff7fbf', '#8ac926', '#9aa4b2'];
/** The same hues, darker: thin lines on the light theme's white need more contrast (yellow and cyan vanished). */
export const SERIES_COLORS_LIGHT = ['#1f6fd1', '#c77700', '#1e8a4f', '#c9303e', '#8e44c9', '#0f8f86', '#9a7b00', '#c2327a', '#5a8a00', '#5a6474'];

export interface TimeChartProps {
  readonly data: SeriesSet;
  readonly kind?: 'line' | 'bars';
  readonly stacked?: boolean;
  /** Fixed colours by series label (e.g. severities). */
  readonly colors?: Readonly<Record<string, string>>;
  /** Called with the selected range (epoch ms) after a drag-zoom. */
  readonly onZoom?: (fromMs: number, toMs: number) => void;
  readonly legend?: boolean;
  /** Called with the hovered data index (null when the cursor leaves), e.g. for a readout where there is no legend. */
  readonly onCursor?: (index: number | null) => void;
  /** Unit of the values (`By`, `ms`, `{request}/s`…), for axis and legend labels. */
  readonly unit?: string;
  /** The x extent in epoch seconds (the query's time range), so sparse data keeps its context. */
  readonly xRange?: readonly [number, number];
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

/** Stacks series in place (each value becomes the running sum) for stacked bars. */
function stack(data: SeriesSet): (number | null)[][] {
  const acc = new Array<number>(data.xs.length).fill(0);
  return data.series.map((s) =>
    s.values.map((v, i) => {
      acc[i] += v ?? 0;
      return acc[i];
    }),
  );
}

/** The chart. */
export function TimeChart(props: TimeChartProps): JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const zone = useTimeZone();
  const layoutKey = `${zone}|${props.unit ?? ''}|${props.kind ?? 'line'}|${props.stacked ? 1 : 0}|${props.data.series.map((s) => s.label).join('\u0001')}`;
  const onZoom = useRef(props.onZoom);
  onZoom.current = props.onZoom;
  const onCursor = useRef(props.onCursor);
  onCursor.current = props.onCursor;
  const xRange = useRef(props.xRange);
  xRange.current = props.xRange;
  const dataRef = useRef(props.data);
  dataRef.current = props.data;
  const unit = useRef(props.unit);
  unit.current = props.unit;

  const toData = (): uPlot.AlignedData => {
    const ys = props.stacked ? stack(props.data) : props.data.series.map((s) => s.values);
    // Stacked series are drawn last-to-first so the smaller sums stay visible in front.
    return [props.data.xs, ...(props.stacked ? ys.reverse() : ys)] as uPlot.AlignedData;
  };

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const fg = cssVar('--fg2', '#9aa4b2');
    const palette = document.documentElement.dataset.theme === 'light' ? SERIES_COLORS_LIGHT : SERIES_COLORS;
    const grid = cssVar('--grid', '#2a303b');
    const bars = props.kind === 'bars';
    const labels = props.data.series.map((s) => s.label);
    const ordered = props.stacked ? [...labels].reverse() : labels;
    const series: uPlot.Series[] = [
      { label: `Time (${offsetLabel(Date.now(), zone)})`, value: (_u, v) => (v === null || v === undefined ? '--' : formatTime(v * 1000, zone)) },
      ...ordered.map((label, i): uPlot.Series => {
        const color = props.colors?.[label] ?? severityColor(label) ?? palette[labels.indexOf(label) % palette.length] ?? palette[i % palette.length];
        return {
          label,
          stroke: color,
          width: bars ? 0 : 1.5,
          fill: bars ? color : undefined,
          // uPlot decides: points appear only when the data is sparse enough to see them.
          points: bars ? { show: false } : { size: 4 },
          spanGaps: false,
          paths: bars ? uPlot.paths.bars?.({ size: [0.9, 60], align: 1 }) : undefined,
        };
      }),
    ];
    // Stacked series hold running sums; the legend shows each series' own value.
    const own = (si: number, i: number): number | null => {
      const label = ordered[si - 1];
      const s = dataRef.current.series.find((x) => x.label === label);
      return s ? (s.values[i] ?? null) : null;
    };
    for (let si = 1; si < series.length; si++) {
      series[si].value = (_u, v, sIdx, i) => {
        const raw = props.stacked && i !== null && i !== undefined ? own(sIdx, i) : v;
        return raw === null || raw === undefined ? '--' : formatWithUnit(raw, unit.current);
      };
    }
    const axis = (): uPlot.Axis => ({ stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } });
    const timeAxis: uPlot.Axis = { ...axis(), space: 70, values: (_u, splits) => formatTicks(splits, zone) };
    const opts: uPlot.Options = {
      width: Math.max(100, el.clientWidth),
      height: Math.max(80, el.clientHeight - (props.legend === false ? 0 : 28)),
      series,
      axes: [timeAxis, { ...axis(), size: 64, values: (_u, splits) => formatAxisTicks(splits, unit.current) }],
      legend: { show: props.legend !== false, live: true },
      cursor: { drag: { x: true, y: false } },
      // Tick positions follow the display zone's whole hours and days.
      ...(zone === 'utc' ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC') } : {}),
      scales: {
        x: {
          time: true,
          range: (_u, min, max): [number, number] => {
            const r = xRange.current;
            if (r) return [r[0], r[1]];
            // A single instant would otherwise stretch the axis over months.
            return max - min < 1 ? [min - 1800, max + 1800] : [min, max];
          },
        },
        // Bars are read by their height, so their axis always includes zero (a count of
        // 1 next to a count of 2 must look like half, not a twentieth).
        y: { range: (_u: uPlot, min: number, max: number) => (bars ? zeroBasedRange(min, max) : lineRange(min, max)) },
      },
      hooks: {
        // The y extent as data attributes, so tests (and curious users) can check the baseline.
        setScale: [
          (u, key) => {
            if (key !== 'y') return;
            el.dataset.yMin = String(u.scales.y.min);
            el.dataset.yMax = String(u.scales.y.max);
          },
        ],
        setCursor: [
          (u) => {
            const i = u.cursor.idx;
            onCursor.current?.(i === null || i === undefined || (u.cursor.left ?? -1) < 0 ? null : i);
          },
        ],
        setSelect: [
          (u) => {
            if (u.select.width < 4) return;
            const from = u.posToVal(u.select.left, 'x');
            const to = u.posToVal(u.select.left + u.select.width, 'x');
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            onZoom.current?.(from * 1000, to * 1000);
          },
        ],
      },
    };
    const u = new uPlot(opts, toData(), el);
    plot.current = u;
    // The plot gets the box's height minus the legend's real height (it wraps to more lines
    // when there are many series; a fixed allowance cut the last line off).
    const fit = (): void => {
      const legend = props.legend === false ? null : u.root.querySelector<HTMLElement>('.u-legend');
      const size = { width: Math.max(100, el.clientWidth), height: Math.max(80, el.clientHeight - (legend ? legend.offsetHeight + 4 : 0)) };
      if (size.width !== u.width || size.height !== u.height) u.setSize(size);
    };
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
    // The chart is rebuilt only when the set of series changes; data updates go through setData.
  }, [layoutKey]);

  useEffect(() => {
    plot.current?.setData(toData());
  }, [props.data]);

  return <div class="chart" ref={box} data-testid="time-chart" data-points={props.data.xs.length * props.data.series.length} />;
}

/** The y range of a bar chart: always includes zero, with a little headroom above the tallest bar. */
export function zeroBasedRange(min: number | null, max: number | null): [number, number] {
  const lo = Math.min(0, min ?? 0);
  const hi = Math.max(0, max ?? 0);
  if (lo === 0 && hi === 0) return [0, 1];
  const [niceLo, niceHi] = uPlot.rangeNum(lo, hi, 0.05, true);
  return [lo === 0 ? 0 : (niceLo ?? lo), hi === 0 ? 0 : (niceHi ?? hi)];
}

/**
 * The y range of a line chart: uPlot's own (10% padding, zero included when the data
 * comes close), except that values equal up to rounding noise (a steady 1/s computed as
 * 0.9999999999 and 1.0000000001) count as equal: uPlot would otherwise look for ticks
 * 1e-10 apart and never finish.
 */
export function lineRange(min: number | null, max: number | null): [number | null, number | null] {
  if (min === null || max === null) return [min, max];
  const magnitude = Math.max(Math.abs(min), Math.abs(max));
  const [lo, hi] = max - min <= magnitude * 1e-9 ? [min, min] : [min, max];
  return uPlot.rangeNum(lo, hi, 0.1, true);
}

/** A tiny line chart for lists (SVG; no axes). */
export function Sparkline(props: { values: readonly (number | null)[]; color?: string }): JSX.Element {
  const vals = props.values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (vals.length < 2) return <svg class="sparkline" />;
  let min = Math.min(...vals);
  let max = Math.max(...vals);
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const n = props.values.length;
  const pts: string[] = [];
  props.values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) return;
    pts.push(`${((i / (n - 1)) * 118 + 1).toFixed(1)},${(22 - ((v - min) / (max - min)) * 20 + 1).toFixed(1)}`);
  });
  return (
    <svg class="sparkline" viewBox="0 0 120 24" preserveAspectRatio="none">
      <polyline points={pts.join(' ')} fill="none" stroke={props.color ?? 'var(--accent)'} stroke-width="1.2" />
    </svg>
  );
}

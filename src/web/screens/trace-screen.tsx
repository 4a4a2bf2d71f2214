/**
 * One trace: a waterfall of spans (bars on a shared time axis, coloured by service, the
 * critical path outlined), the selected span's attributes, events and links, and the
 * trace's logs. `?span=` selects a span, so links from logs land on it.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { Row } from '../api/types.ts';
import { useApp } from '../app-context.ts';
import { CopyButton, KeyValues, LongText } from '../components/key-values.tsx';
import { useQuery } from '../components/use-query.ts';
import { formatDurationNs, parseTimestampMs } from '../state/time-range.ts';
import { formatTime, offsetLabel, useTimeZone, type ZoneMode } from '../state/time-zone.ts';
import { hrefWith, onLinkClick, updateParams, useUrl } from '../state/url-state.ts';
import { firstFailure, layoutTrace, parseJsonCell, traceServiceColors, type TraceLayout, type TraceSpan } from '../trace/trace-model.ts';
import { severityOf } from '../sql/log-query.ts';
import { traceLogsSql, traceSpansSql } from '../sql/trace-query.ts';
import { countText } from '../components/count-text.ts';

export function TraceScreen(props: { traceId: string }): JSX.Element {
  const { api } = useApp();
  const zone = useTimeZone();
  const url = useUrl();
  const spanParam = url.params.get('span');
  const spans = useQuery(api, traceSpansSql(props.traceId));
  const logs = useQuery(api, traceLogsSql(props.traceId));
  const layout = useMemo(() => (spans.result ? layoutTrace(spans.result.rows) : null), [spans.result]);
  const colors = useMemo(() => traceServiceColors(layout?.services ?? []), [layout]);
  const colorOf = (service: string): string => colors.get(service) ?? 'var(--accent)';
  // Without ?span=, a failed trace opens on where it failed (its exception is usually
  // the first thing wanted), any other trace on its root.
  const failure = useMemo(() => (layout ? firstFailure(layout) : null), [layout]);
  const fromUrl = layout?.spans.find((s) => s.spanId === spanParam) ?? null;
  const selected = fromUrl ?? failure ?? layout?.spans[0] ?? null;
  // Exact, so a root span that covers the whole trace shows the same duration as the header.
  const totalNs = layout ? layout.durationNs : 0;
  const select = (id: string | null): void => updateParams({ span: id }, true);
  return (
    <>
      <div class="toolbar">
        <a href="/traces" onClick={(e) => onLinkClick(e, '/traces')}>
          ← Traces
        </a>
        <h1 class="copy-host">
          Trace <span class="mono">{props.traceId}</span> <CopyButton text={props.traceId} label="trace id" />
        </h1>
        <span class="spacer" />
        {layout && layout.spans.length > 0 ? (
          <span class="muted" data-testid="trace-summary">
            {countText(layout.spans.length, 'span')} · {countText(layout.services.length, 'service')} · {formatDurationNs(totalNs)} · {stamp(layout.startMs, zone)}
            {layout.errorCount > 0 ? <span class="status-error"> · {countText(layout.errorCount, 'error')}</span> : null}
          </span>
        ) : null}
      </div>
      {spans.error ? <div class="content"><div class="error-box">{spans.error.message}</div></div> : null}
      {spans.loading && !layout ? <div class="content muted">Loading trace…</div> : null}
      {layout && layout.spans.length === 0 ? <div class="content"><div class="empty">No spans with this trace id (yet). Spans may still be arriving.</div></div> : null}
      {layout && layout.spans.length > 0 ? (
        <div class="trace-layout">
          <div class="trace-main">
            <div class="row">
              {layout.services.map((s) => (
                <span key={s} class="badge">
                  <span class="swatch" style={{ background: colorOf(s) }} />
                  {s}
                </span>
              ))}
              <span class="muted">Outlined: critical path · striped: error · ↑/↓ (j/k) move</span>
            </div>
            <Waterfall layout={layout} colorOf={colorOf} selected={selected?.spanId ?? null} onSelect={select} />
            <section data-testid="trace-logs">
              <h3>
                Logs of this trace <span style={{ textTransform: 'none', fontWeight: 400 }}>(times in {offsetLabel(layout.startMs, zone)})</span>
              </h3>
              {logs.error ? <div class="error-box">{logs.error.message}</div> : null}
              {logs.result && logs.result.rows.length === 0 ? <div class="muted">No logs carry this trace id.</div> : null}
              {logs.result && logs.result.rows.length > 0 ? (
                <table class="plain trace-logs">
                  <tbody>
                    {logs.result.rows.map((r, i) => (
                      <TraceLogRow key={i} row={r} selected={r.span_id === selected?.spanId} />
                    ))}
                  </tbody>
                </table>
              ) : null}
            </section>
          </div>
          <aside class="trace-side">
            {selected ? <SpanDetail span={selected} color={colorOf(selected.service)} traceStartMs={layout.startMs} note={!fromUrl && selected === failure ? 'where this trace failed' : null} /> : null}
          </aside>
        </div>
      ) : null}
    </>
  );
}

/** A time with its zone, for single values outside tables. */
function stamp(ms: number, zone: ZoneMode): string {
  return `${formatTime(ms, zone, true)} ${offsetLabel(ms, zone)}`;
}

function TraceLogRow(props: { row: Row; selected: boolean }): JSX.Element {
  const zone = useTimeZone();
  const r = props.row;
  const sev = severityOf(typeof r.severity_number === 'number' ? r.severity_number : null, typeof r.severity_text === 'string' ? r.severity_text : null);
  return (
    <tr class={props.selected ? 'selected' : undefined}>
      <td class="mono" style={{ whiteSpace: 'nowrap' }}>
        {formatTime(parseTimestampMs(String(r.timestamp)), zone, true)}
      </td>
      <td class={`sev-${sev}`}>{String(r.severity_text ?? sev.toUpperCase())}</td>
      <td>{String(r.service_name)}</td>
      <td class="mono">
        {r.span_id ? (
          <a href="#" onClick={(e) => (e.preventDefault(), updateParams({ span: String(r.span_id) }, true))}>
            {String(r.span_id).slice(0, 8)}
          </a>
        ) : null}
      </td>
      <td class="mono">
        <LongText text={String(r.body ?? '')} lines={3} />
      </td>
    </tr>
  );
}

function Waterfall(props: { layout: TraceLayout; colorOf: (service: string) => string; selected: string | null; onSelect: (spanId: string) => void }): JSX.Element {
  const { layout } = props;
  const totalMs = Math.max(layout.endMs - layout.startMs, 1e-6);
  const selRef = useRef<HTMLDivElement>(null);
  useEffect(() => selRef.current?.scrollIntoView({ block: 'nearest' }), [props.selected]);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <div class="waterfall panel-box" data-testid="waterfall" role="tree">
      <div class="wf-ticks">
        <div style={{ padding: '2px 8px' }}>Service · operation</div>
        <div style={{ position: 'relative', height: '18px' }}>
          {ticks.map((t) => (
            <span key={t} style={{ position: 'absolute', left: `${t * 100}%`, transform: t === 1 ? 'translateX(-100%)' : t > 0 ? 'translateX(-50%)' : undefined }}>
              {formatDurationNs(t * totalMs * 1e6)}
            </span>
          ))}
        </div>
      </div>
      {layout.spans.map((s) => (
        <WaterfallRow key={s.spanId} span={s} layout={layout} color={props.colorOf(s.service)} totalMs={totalMs} selected={props.selected === s.spanId} onSelect={props.onSelect} rowRef={props.selected === s.spanId ? selRef : undefined} />
      ))}
    </div>
  );
}

function WaterfallRow(props: { span: TraceSpan; layout: TraceLayout; color: string; totalMs: number; selected: boolean; onSelect: (id: string) => void; rowRef?: { current: HTMLDivElement | null } }): JSX.Element {
  const { span: s, layout, totalMs } = props;
  const left = ((s.startMs - layout.startMs) / totalMs) * 100;
  const width = Math.max(((s.durationNs / 1e6) / totalMs) * 100, 0.15);
  const critical = layout.criticalPath.has(s.spanId);
  return (
    <div
      class={`wf-row${props.selected ? ' selected' : ''}`}
      ref={props.rowRef}
      role="treeitem"
      aria-selected={props.selected}
      tabIndex={0}
      data-testid="waterfall-row"
      data-span-id={s.spanId}
      data-critical={critical ? '1' : '0'}
      onClick={() => props.onSelect(s.spanId)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          props.onSelect(s.spanId);
        } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'j' || e.key === 'k') {
          // Arrow keys (or j/k) walk the waterfall and select as they go.
          e.preventDefault();
          const next = (e.key === 'ArrowDown' || e.key === 'j' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling) as HTMLElement | null;
          if (next?.dataset.spanId) {
            next.focus();
            props.onSelect(next.dataset.spanId);
          }
        }
      }}
    >
      <div class="wf-name" style={{ paddingLeft: `${8 + s.depth * 14}px` }} title={`${s.service} · ${s.name}`}>
        <span class="swatch" style={{ background: props.color }} />
        <span class="muted">{s.service}</span> {s.name}
        {s.status === 'ERROR' ? <span class="status-error"> ⚠</span> : null}
      </div>
      <div class="wf-track">
        <div class={`wf-bar${critical ? ' critical' : ''}${s.status === 'ERROR' ? ' error' : ''}`} style={{ left: `${left}%`, width: `${width}%`, background: props.color }} />
        <span class={`wf-dur${durPlacement(left, width) === 'inside' ? ' inside' : ''}`} style={durStyle(left, width)}>
          {formatDurationNs(s.durationNs)}
        </span>
      </div>
    </div>
  );
}

/** Where a bar's duration label goes: after the bar, before it, or (a long bar from the very start) inside its right end. */
function durPlacement(left: number, width: number): 'after' | 'before' | 'inside' {
  if (left + width <= 80) return 'after';
  return left > 12 ? 'before' : 'inside';
}

function durStyle(left: number, width: number): Record<string, string> {
  const p = durPlacement(left, width);
  if (p === 'after') return { left: `${left + width + 0.5}%` };
  if (p === 'before') return { right: `${100 - left + 0.5}%` };
  return { right: `${Math.max(0, 100 - left - width) + 0.5}%` };
}

function SpanDetail(props: { span: TraceSpan; color: string; traceStartMs: number; note: string | null }): JSX.Element {
  const { span: s } = props;
  const zone = useTimeZone();
  const r = s.row;
  const events = parseJsonCell(r.events);
  const links = parseJsonCell(r.links);
  const attributes = parseJsonCell(r.attributes);
  const offset = (ms: number): string => `+${formatDurationNs(Math.max(0, ms) * 1e6)}`;
  return (
    <section class="panel-box span-detail" data-testid="span-detail">
      <h2>
        <span class="swatch" style={{ background: props.color }} />
        {s.service} · {s.name}
      </h2>
      <div class="row" style={{ marginBottom: '6px' }}>
        <span class={`badge status-${s.status.toLowerCase()}`}>{s.status}</span>
        <span class="badge">{s.kind}</span>
        <strong>{formatDurationNs(s.durationNs)}</strong>
        <span class="muted" title={stamp(s.startMs, zone)}>
          starts {offset(s.startMs - props.traceStartMs)} into the trace
        </span>
        {props.note ? <span class="badge status-error">{props.note}</span> : null}
      </div>
      {s.statusMessage ? <div class={s.status === 'ERROR' ? 'error-box' : 'notice'}>{s.statusMessage}</div> : null}
      <table class="kv plain">
        <tbody>
          <tr>
            <td>span id</td>
            <td class="copy-host">
              {s.spanId} <CopyButton text={s.spanId} label="span id" />
            </td>
          </tr>
          <tr>
            <td>parent</td>
            <td>{s.parentId ?? <span class="muted">none (root)</span>}</td>
          </tr>
          <tr>
            <td>start</td>
            <td>{stamp(s.startMs, zone)}</td>
          </tr>
        </tbody>
      </table>
      <h3>Events{Array.isArray(events) && events.length > 0 ? ` (${events.length})` : ''}</h3>
      {Array.isArray(events) && events.length > 0 ? (
        events.map((ev, i) => {
          const e = (ev ?? {}) as { name?: string; time?: string; timestamp?: string; attributes?: unknown };
          const at = e.time ?? e.timestamp;
          const atMs = at ? parseTimestampMs(String(at)) : Number.NaN;
          return (
            <div key={i} class={`notice event${e.name === 'exception' ? ' exception' : ''}`}>
              <strong>{String(e.name ?? 'event')}</strong>{' '}
              {Number.isFinite(atMs) ? (
                <span class="muted" title={stamp(atMs, zone)}>
                  {offset(atMs - s.startMs)} into the span
                </span>
              ) : null}
              <KeyValues value={e.attributes ?? {}} />
            </div>
          );
        })
      ) : (
        <div class="muted">none</div>
      )}
      <h3>Attributes{attributes && typeof attributes === 'object' ? ` (${Object.keys(attributes).length})` : ''}</h3>
      <KeyValues value={attributes} testId="span-attributes" />
      <h3>Links</h3>
      {Array.isArray(links) && links.length > 0 ? (
        links.map((lk, i) => {
          const l = (lk ?? {}) as { trace_id?: string; span_id?: string; attributes?: unknown };
          const href = l.trace_id ? hrefWith(`/traces/${encodeURIComponent(l.trace_id)}`, { span: l.span_id ?? null }) : null;
          return (
            <div key={i} class="notice event">
              {href ? (
                <a href={href} onClick={(e) => onLinkClick(e, href)} class="mono">
                  {l.trace_id} / {l.span_id}
                </a>
              ) : (
                <span class="mono">{JSON.stringify(lk)}</span>
              )}
              <KeyValues value={l.attributes ?? {}} />
            </div>
          );
        })
      ) : (
        <div class="muted">none</div>
      )}
      <h3>Resource</h3>
      <KeyValues value={parseJsonCell(r.resource)} />
    </section>
  );
}

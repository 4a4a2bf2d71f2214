/**
 * A trace as the waterfall draws it: spans from `SELECT * FROM spans WHERE trace_id = …`
 * arranged depth-first (children by start time), with the critical path — the chain of
 * spans that decided when the trace finished. Spans whose parent is missing (not yet
 * arrived, or sampled away) become extra roots rather than disappearing.
 */
import type { Row } from '../api/types.ts';
import { parseTimestampMs } from '../state/time-range.ts';
import { toNumber } from '../results/result-series.ts';

/** One span, decoded for display. */
export interface TraceSpan {
  readonly spanId: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly service: string;
  readonly kind: string;
  readonly status: string;
  readonly statusMessage: string;
  /** Epoch milliseconds (fractional; a float this large keeps only about 0.24 µs). */
  readonly startMs: number;
  /** The start exactly: whole epoch milliseconds and the nanoseconds past them. */
  readonly start: TimestampParts;
  readonly durationNs: number;
  readonly row: Row;
  depth: number;
  childCount: number;
}

/** A laid-out trace. */
export interface TraceLayout {
  readonly spans: TraceSpan[];
  readonly startMs: number;
  readonly endMs: number;
  /** First start to last end in nanoseconds, exact (endMs - startMs loses sub-µs digits to float rounding). */
  readonly durationNs: number;
  readonly services: string[];
  readonly criticalPath: ReadonlySet<string>;
  readonly errorCount: number;
}

const endMs = (s: TraceSpan): number => s.startMs + s.durationNs / 1e6;

/** A timestamp as whole epoch milliseconds plus nanoseconds (0–999,999) past them. */
export interface TimestampParts {
  readonly ms: number;
  readonly ns: number;
}

/** Splits a timestamp (RFC 3339 text, any fraction length) without losing nanoseconds to a float. */
export function timestampParts(value: unknown): TimestampParts {
  const text = String(value ?? '');
  const m = /^(.*?:\d{2})(?:\.(\d+))?(\s*(?:Z|[+-]\d{2}:?\d{2})?)$/i.exec(text.trim());
  if (!m) {
    const ms = parseTimestampMs(text);
    return { ms: Math.floor(ms), ns: Math.round((ms - Math.floor(ms)) * 1e6) };
  }
  const frac = (m[2] ?? '').padEnd(9, '0').slice(0, 9);
  return { ms: parseTimestampMs(`${m[1]}.${frac.slice(0, 3)}${m[3]}`), ns: Number(frac.slice(3)) };
}

/** Nanoseconds from `base` to `t`, exact while under about 104 days. */
const nsBetween = (base: TimestampParts, t: TimestampParts): number => (t.ms - base.ms) * 1e6 + (t.ns - base.ns);

/** Decodes span rows (column names of SPEC §5) and lays them out. */
export function layoutTrace(rows: readonly Row[]): TraceLayout {
  const byId = new Map<string, TraceSpan>();
  for (const r of rows) {
    const span: TraceSpan = {
      spanId: String(r.span_id ?? ''),
      parentId: r.parent_span_id ? String(r.parent_span_id) : null,
      name: String(r.name ?? ''),
      service: String(r.service_name ?? 'unknown_service'),
      kind: String(r.kind ?? ''),
      status: String(r.status_code ?? 'UNSET'),
      statusMessage: String(r.status_message ?? ''),
      startMs: parseTimestampMs(String(r.timestamp)),
      start: timestampParts(r.timestamp),
      durationNs: toNumber(r.duration_ns) ?? 0,
      row: r,
      depth: 0,
      childCount: 0,
    };
    byId.set(span.spanId, span);
  }
  const children = new Map<string, TraceSpan[]>();
  const roots: TraceSpan[] = [];
  for (const s of byId.values()) {
    if (s.parentId && byId.has(s.parentId) && s.parentId !== s.spanId) {
      const list = children.get(s.parentId) ?? [];
      list.push(s);
      children.set(s.parentId, list);
    } else roots.push(s);
  }
  const byStart = (a: TraceSpan, b: TraceSpan): number => a.startMs - b.startMs;
  roots.sort(byStart);
  const ordered: TraceSpan[] = [];
  const seen = new Set<string>();
  // Iterative DFS: traces can be thousands of spans deep in pathological cases.
  const stack: TraceSpan[] = [...roots].reverse();
  for (const r of roots) r.depth = 0;
  while (stack.length > 0) {
    const s = stack.pop() as TraceSpan;
    if (seen.has(s.spanId)) continue;
    seen.add(s.spanId);
    ordered.push(s);
    const kids = (children.get(s.spanId) ?? []).sort(byStart);
    s.childCount = kids.length;
    for (let i = kids.length - 1; i >= 0; i--) {
      kids[i].depth = s.depth + 1;
      stack.push(kids[i]);
    }
  }
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  const services: string[] = [];
  let errorCount = 0;
  let first: TimestampParts | null = null;
  for (const s of ordered) {
    start = Math.min(start, s.startMs);
    end = Math.max(end, endMs(s));
    if (first === null || nsBetween(first, s.start) < 0) first = s.start;
    if (!services.includes(s.service)) services.push(s.service);
    if (s.status === 'ERROR') errorCount++;
  }
  let durationNs = 0;
  for (const s of ordered) if (first) durationNs = Math.max(durationNs, nsBetween(first, s.start) + s.durationNs);
  if (ordered.length === 0) start = end = 0;
  return { spans: ordered, startMs: start, endMs: end, durationNs, services, criticalPath: criticalPath(roots, children), errorCount };
}

/**
 * Walks back from the end of the longest root: at each span, the child that finished
 * last (before the cursor) is on the path; the cursor then moves to that child's start
 * and earlier children are considered. Whole spans are marked, not sub-segments.
 */
export function criticalPath(roots: readonly TraceSpan[], children: ReadonlyMap<string, TraceSpan[]>): Set<string> {
  const path = new Set<string>();
  if (roots.length === 0) return path;
  const root = roots.reduce((a, b) => (endMs(b) > endMs(a) ? b : a));
  const visit = (span: TraceSpan, cursorMs: number): void => {
    path.add(span.spanId);
    const kids = [...(children.get(span.spanId) ?? [])].sort((a, b) => endMs(b) - endMs(a));
    let cursor = Math.min(cursorMs, endMs(span));
    for (const k of kids) {
      if (path.has(k.spanId)) continue;
      if (k.startMs >= cursor) continue;
      visit(k, cursor);
      cursor = k.startMs;
    }
  };
  visit(root, endMs(root));
  return path;
}

/** Distinct hues that read on both themes. */
export const SERVICE_PALETTE = ['#4e9af1', '#f5a623', '#5cc98b', '#bd6ff0', '#e86f68', '#2ec4b6', '#e5c144', '#ff7fbf', '#8ac926', '#a0785a', '#6c7ae0', '#cc6633'];

/** A stable colour per service name (hash; used where no ordering is known). */
export function serviceColor(service: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < service.length; i++) h = Math.imul(h ^ service.charCodeAt(i), 0x01000193);
  // FNV's low bits are weak; finish with a murmur-style mix before taking the modulus.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return SERVICE_PALETTE[(h >>> 0) % SERVICE_PALETTE.length];
}

/**
 * Colours for the services of one trace: each service keeps its app-wide colour
 * (serviceColor, as in the traces list) unless another service of this trace already has
 * it; then it takes the next free palette entry, so one trace never shows two services alike.
 */
export function traceServiceColors(services: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const s of services) {
    let c = serviceColor(s);
    if (used.has(c) && used.size < SERVICE_PALETTE.length) {
      let i = SERVICE_PALETTE.indexOf(c);
      while (used.has(SERVICE_PALETTE[i % SERVICE_PALETTE.length])) i++;
      c = SERVICE_PALETTE[i % SERVICE_PALETTE.length];
    }
    used.add(c);
    out.set(s, c);
  }
  return out;
}

/**
 * Where a failing trace failed: the first span (in waterfall order) with status ERROR none
 * of whose descendants also failed; null when nothing failed.
 */
export function firstFailure(layout: TraceLayout): TraceSpan | null {
  const byId = new Map(layout.spans.map((s) => [s.spanId, s]));
  const hasFailingDescendant = new Set<string>();
  for (const s of layout.spans) {
    if (s.status !== 'ERROR') continue;
    const seen = new Set<string>();
    for (let p = s.parentId; p && byId.has(p) && !seen.has(p); p = byId.get(p)?.parentId ?? null) {
      seen.add(p);
      hasFailingDescendant.add(p);
    }
  }
  return layout.spans.find((s) => s.status === 'ERROR' && !hasFailingDescendant.has(s.spanId)) ?? null;
}

/** Parses a JSON column (attributes, events, links) that may arrive as text or as a value. */
export function parseJsonCell(v: unknown): unknown {
  if (typeof v !== 'string') return v ?? null;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

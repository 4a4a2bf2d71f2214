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
  /** Epoch milliseconds (fractional). */
  readonly startMs: number;
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
  readonly services: string[];
  readonly criticalPath: ReadonlySet<string>;
  readonly errorCount: number;
}

const endMs = (s: TraceSpan): number => s.startMs + s.durationNs / 1e6;

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
  for (const s of ordered) {
    start = Math.min(start, s.startMs);
    end = Math.max(end, endMs(s));
    if (!services.includes(s.service)) services.push(s.service);
    if (s.status === 'ERROR') errorCount++;
  }
  if (ordered.length === 0) start = end = 0;
  return { spans: ordered, startMs: start, endMs: end, services, criticalPath: criticalPath(roots, children), errorCount };
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

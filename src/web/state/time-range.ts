/**
 * Time ranges as the URL carries them (`from=now-1h&to=now`, or absolute ISO/epoch-ms
 * values) and their resolution to absolute instants and SQL literals. Relative ranges are
 * re-resolved on every refresh, so a shared link to "last hour" stays "last hour".
 */

import { formatTime, type ZoneMode } from './time-zone.ts';

/** A range as written in the URL: each end is `now`, `now-<n><unit>` or an absolute instant. */
export interface TimeRange {
  readonly from: string;
  readonly to: string;
}

/** A range resolved to epoch milliseconds. */
export interface ResolvedRange {
  readonly fromMs: number;
  readonly toMs: number;
}

/** The picker's quick choices. */
export const TIME_PRESETS: readonly { label: string; from: string }[] = [
  { label: 'Last 5 minutes', from: 'now-5m' },
  { label: 'Last 15 minutes', from: 'now-15m' },
  { label: 'Last 1 hour', from: 'now-1h' },
  { label: 'Last 6 hours', from: 'now-6h' },
  { label: 'Last 24 hours', from: 'now-24h' },
  { label: 'Last 7 days', from: 'now-7d' },
  { label: 'Last 30 days', from: 'now-30d' },
];

/** The default range of every screen. */
export const DEFAULT_RANGE: TimeRange = { from: 'now-1h', to: 'now' };

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const RELATIVE_RE = /^now(?:-(\d+)([smhdw]))?$/;

/** Resolves one end of a range; null when it is not understood. */
export function resolveInstant(value: string, nowMs: number): number | null {
  const v = value.trim();
  const rel = RELATIVE_RE.exec(v);
  if (rel) return rel[1] ? nowMs - Number(rel[1]) * UNIT_MS[rel[2]] : nowMs;
  if (/^\d{10,}$/.test(v)) return Number(v);
  const ms = parseTimestampMs(v);
  return Number.isNaN(ms) ? null : ms;
}

/** Resolves a range; falls back to the default for unparseable or inverted input. */
export function resolveRange(range: TimeRange, nowMs: number): ResolvedRange {
  const from = resolveInstant(range.from, nowMs);
  const to = resolveInstant(range.to, nowMs);
  if (from === null || to === null || from >= to) {
    return { fromMs: resolveInstant(DEFAULT_RANGE.from, nowMs) as number, toMs: nowMs };
  }
  return { fromMs: from, toMs: to };
}

/** Whether the range moves with the clock (so live tail / auto-refresh make sense). */
export function isRelative(range: TimeRange): boolean {
  return range.to.trim() === 'now';
}

/** Human label for the picker button; absolute ends are shown in `zone`. */
export function describeRange(range: TimeRange, zone: ZoneMode = 'local'): string {
  if (range.to === 'now') {
    const preset = TIME_PRESETS.find((p) => p.from === range.from);
    if (preset) return preset.label;
    const rel = RELATIVE_RE.exec(range.from);
    if (rel && rel[1]) return `Last ${rel[1]}${rel[2]}`;
  }
  const now = Date.now();
  const from = resolveInstant(range.from, now);
  const to = resolveInstant(range.to, now);
  if (from === null || to === null) return 'Invalid range';
  return `${formatTime(from, zone)} → ${formatTime(to, zone)}`;
}

/**
 * Parses an RFC 3339 timestamp with up to nanosecond precision (Date.parse is not
 * guaranteed to accept more than 3 fractional digits) to epoch milliseconds, keeping the
 * sub-millisecond part as a fraction. Also accepts `YYYY-MM-DD HH:MM:SS` (UTC) and numbers.
 */
export function parseTimestampMs(value: string | number): number {
  if (typeof value === 'number') return value;
  const fast = parseCanonical(value);
  if (fast !== null) return fast;
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(value.trim());
  if (!m) return Number.NaN;
  const base = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), m[6] ? Number(m[6]) : 0);
  const frac = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  let offsetMs = 0;
  const tz = m[8];
  if (tz && tz.toUpperCase() !== 'Z') {
    const sign = tz[0] === '-' ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    offsetMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  return base + frac - offsetMs;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The API's own form, `YYYY-MM-DDTHH:MM:SS[.fraction]Z` (or with a space, or without the
 * Z), read digit by digit: a 100k-row chart parses every x, and the regex path took ~1 µs
 * a value. Null for anything else (offsets, odd shapes), which the regex handles.
 */
function parseCanonical(v: string): number | null {
  const n = v.length;
  if (n < 19 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return null;
  const sep = v.charCodeAt(10);
  if (sep !== 84 && sep !== 32 && sep !== 116) return null;
  let bad = false;
  const num = (from: number, to: number): number => {
    let x = 0;
    for (let i = from; i < to; i++) {
      const c = v.charCodeAt(i) - 48;
      if (c < 0 || c > 9) bad = true;
      x = x * 10 + c;
    }
    return x;
  };
  const y = num(0, 4);
  const mo = num(5, 7);
  const d = num(8, 10);
  const h = num(11, 13);
  const mi = num(14, 16);
  const sec = num(17, 19);
  let i = 19;
  let fracMs = 0;
  if (i < n && v.charCodeAt(i) === 46) {
    let scale = 100;
    for (i++; i < n; i++) {
      const c = v.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      fracMs += c * scale;
      scale /= 10;
    }
  }
  if (i < n && !(i === n - 1 && (v.charCodeAt(i) === 90 || v.charCodeAt(i) === 122))) return null;
  if (bad || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return null;
  return daysFromCivil(y, mo, d) * 86_400_000 + h * 3_600_000 + mi * 60_000 + sec * 1000 + fracMs;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `YYYY-MM-DD HH:MM:SS` in UTC, the SQL literal form of SPEC §7. */
export function formatSqlTimestamp(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `TIMESTAMP '…'` literal for an instant; `to` ends are rounded up so nothing is lost. */
export function sqlTimestampLiteral(ms: number, roundUp = false): string {
  return `TIMESTAMP '${formatSqlTimestamp(roundUp ? Math.ceil(ms / 1000) * 1000 : ms)}'`;
}

const NICE_STEPS_S = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** A round bucket width (seconds) giving at most about `maxBuckets` buckets over the range. */
export function bucketSeconds(range: ResolvedRange, maxBuckets: number): number {
  const spanS = Math.max(1, (range.toMs - range.fromMs) / 1000);
  const raw = spanS / Math.max(1, maxBuckets);
  for (const s of NICE_STEPS_S) if (s >= raw) return s;
  return Math.ceil(raw / 86400) * 86400;
}

/** Human duration from nanoseconds: `850µs`, `12.3ms`, `4.05s`, `2m 3s`. */
export function formatDurationNs(ns: number): string {
  if (!Number.isFinite(ns)) return '';
  if (ns === 0) return '0';
  if (ns < 1000) return `${Math.round(ns)}ns`;
  if (ns < 1e6) return `${trim3(ns / 1e3)}µs`;
  if (ns < 1e9) return `${trim3(ns / 1e6)}ms`;
  if (ns < 60e9) return `${trim3(ns / 1e9)}s`;
  const s = Math.round(ns / 1e9);
  return s < 3600 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

function trim3(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

/**
 * Which clock times are shown in: the browser's local zone or UTC. An on-call engineer
 * comparing a graph with a colleague's screenshot or a server log needs to know which one
 * they are looking at, so every formatted time here comes with its zone label. The choice
 * is a per-browser setting (localStorage, see app.tsx), deliberately not in the URL: a
 * shared link shows the same instants, each reader in their own zone.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** The two display modes. */
export type ZoneMode = 'local' | 'utc';

/** The zone of the signed-in shell; 'local' outside it. */
export const TimeZoneContext = createContext<ZoneMode>('local');

/** The display zone of the current screen. */
export function useTimeZone(): ZoneMode {
  return useContext(TimeZoneContext);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Minutes east of UTC at `ms` in `mode` (DST-aware for local). */
export function offsetMinutes(ms: number, mode: ZoneMode): number {
  return mode === 'utc' ? 0 : -new Date(ms).getTimezoneOffset();
}

/** `UTC` or `UTC+05:30` for the zone at `ms`. */
export function offsetLabel(ms: number, mode: ZoneMode): string {
  const off = offsetMinutes(ms, mode);
  if (off === 0) return 'UTC';
  const a = Math.abs(off);
  return `UTC${off > 0 ? '+' : '-'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** A short label for headers and buttons: `UTC`, or `local, UTC+05:30`. */
export function zoneLabel(mode: ZoneMode, atMs: number = Date.now()): string {
  return mode === 'utc' ? 'UTC' : `local, ${offsetLabel(atMs, 'local')}`;
}

/** The browser's IANA zone name (for Settings), e.g. `Europe/Paris`. */
export function localZoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local';
}

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

function parts(ms: number, mode: ZoneMode): Parts {
  const t = new Date(ms);
  return mode === 'utc'
    ? { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds(), ms: t.getUTCMilliseconds() }
    : { y: t.getFullYear(), mo: t.getMonth() + 1, d: t.getDate(), h: t.getHours(), mi: t.getMinutes(), s: t.getSeconds(), ms: t.getMilliseconds() };
}

/** `YYYY-MM-DD HH:MM:SS[.mmm]` in the display zone (the zone is named in the header, not per cell). */
export function formatTime(ms: number, mode: ZoneMode, withMillis = false): string {
  if (!Number.isFinite(ms)) return '';
  const p = parts(ms, mode);
  const base = `${p.y}-${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
  return withMillis ? `${base}.${pad(p.ms, 3)}` : base;
}

/**
 * An RFC 3339 value from the API in the display zone, keeping every fractional digit it
 * had (nanoseconds survive; zone offsets are whole minutes, so the fraction never changes).
 */
export function formatTimestampText(raw: string, ms: number, mode: ZoneMode): string {
  if (!Number.isFinite(ms)) return raw;
  const frac = /\d{2}:\d{2}:\d{2}(\.\d+)/.exec(raw)?.[1] ?? '';
  return formatTime(ms, mode) + frac;
}

/** Axis tick labels in the display zone; the date is added when the ticks span more than a day. */
export function formatTicks(splitsS: readonly number[], mode: ZoneMode): string[] {
  const span = splitsS.length > 1 ? splitsS[splitsS.length - 1] - splitsS[0] : 0;
  const step = splitsS.length > 1 ? splitsS[1] - splitsS[0] : 60;
  return splitsS.map((s) => {
    const p = parts(s * 1000, mode);
    const hm = `${pad(p.h)}:${pad(p.mi)}${step < 60 ? `:${pad(p.s)}` : ''}`;
    return span > 86_400 ? `${pad(p.mo)}-${pad(p.d)} ${hm}` : hm;
  });
}

/**
 * Reads `YYYY-MM-DD HH:MM[:SS]` (24-hour; a `T` instead of the space is fine) as a time in
 * the display zone; NaN when unreadable or out of range (25:00, Feb 30). The custom range
 * uses text rather than `datetime-local`, whose clock follows the browser locale (AM/PM).
 */
export function parseDateTimeText(value: string, mode: ZoneMode): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return Number.NaN;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth || h > 23 || mi > 59 || s > 59) return Number.NaN;
  return mode === 'utc' ? Date.UTC(y, mo - 1, d, h, mi, s) : new Date(y, mo - 1, d, h, mi, s).getTime();
}

/**
 * Text forms of timestamps: parsing SQL literals / casts ('2026-11-30 12:00:00.123456789',
 * ISO 8601 with T, Z or an offset) and printing PostgreSQL-style text. All exact to the
 * nanosecond without BigInt.
 */
import { timestampScalar, type TimestampScalar } from './scalar.ts';

const TS_RE =
  /^\s*(-?\d{4,6})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9})\d*)?)?)?\s*(Z|UTC|[+-]\d{1,2}(?::?\d{2})?)?\s*$/i;

/** Milliseconds of a UTC civil date-time, valid for any year (Date.UTC maps 0..99 to 19xx). */
export function utcMs(year: number, month0: number, day: number, h = 0, m = 0, s = 0, ms = 0): number {
  const d = new Date(Date.UTC(2000, month0, day, h, m, s, ms));
  d.setUTCFullYear(year, month0, day);
  return d.getTime();
}

/** Parses timestamp text; null when it is not a valid timestamp. */
export function parseTimestampText(text: string): TimestampScalar | null {
  const m = TS_RE.exec(text);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  let ms = utcMs(year, month - 1, day, hour, minute, second);
  if (Number.isNaN(ms) || new Date(utcMs(year, month - 1, day)).getUTCDate() !== day) return null;
  const frac = m[7] === undefined ? 0 : Number(m[7].padEnd(9, '0'));
  ms += Math.floor(frac / 1_000_000);
  const nanos = frac % 1_000_000;
  const zone = m[8];
  if (zone !== undefined && zone.toUpperCase() !== 'Z' && zone.toUpperCase() !== 'UTC') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const hh = Number(digits.slice(0, digits.length > 2 ? digits.length - 2 : digits.length));
    const mm = digits.length > 2 ? Number(digits.slice(-2)) : 0;
    ms -= sign * (hh * 60 + mm) * 60_000;
  }
  return timestampScalar(ms, nanos);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** PostgreSQL-style text: `2026-11-30 12:00:00.123456789` (trailing fraction zeros trimmed). */
export function formatTimestampText(ms: number, nanos: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return 'invalid timestamp';
  const y = d.getUTCFullYear();
  const year = y >= 0 && y <= 9999 ? pad(y, 4) : String(y);
  const base = `${year}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
  const frac = d.getUTCMilliseconds() * 1_000_000 + nanos;
  if (frac === 0) return base;
  return `${base}.${pad(frac, 9).replace(/0+$/, '')}`;
}

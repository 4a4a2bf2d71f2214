/**
 * Text forms of intervals: PostgreSQL input ('5 minutes', '1 day 02:00:00', '1.5 hours',
 * '2 weeks ago', ISO 8601 'PT5M') and PostgreSQL-style output ('1 day 02:00:00').
 */
import { intervalScalar, type IntervalScalar } from './scalar.ts';

const MS_PER_DAY = 86_400_000;

/** Unit → [months, milliseconds] per one unit. Sub-millisecond units use fractional ms. */
const UNITS: Record<string, [number, number]> = {};
function unit(names: string[], months: number, ms: number): void {
  for (const n of names) UNITS[n] = [months, ms];
}
unit(['ns', 'nanosecond', 'nanoseconds', 'nsec', 'nsecs'], 0, 1e-6);
unit(['us', 'usec', 'usecs', 'microsecond', 'microseconds'], 0, 1e-3);
unit(['ms', 'msec', 'msecs', 'millisecond', 'milliseconds'], 0, 1);
unit(['s', 'sec', 'secs', 'second', 'seconds'], 0, 1000);
unit(['m', 'min', 'mins', 'minute', 'minutes'], 0, 60_000);
unit(['h', 'hr', 'hrs', 'hour', 'hours'], 0, 3_600_000);
unit(['d', 'day', 'days'], 0, MS_PER_DAY);
unit(['w', 'week', 'weeks'], 0, 7 * MS_PER_DAY);
unit(['mon', 'mons', 'month', 'months'], 1, 0);
unit(['y', 'yr', 'yrs', 'year', 'years'], 12, 0);
unit(['decade', 'decades'], 120, 0);
unit(['century', 'centuries'], 1200, 0);

/** Adds `value` units into the accumulator, keeping the time part exact where possible. */
function addUnit(acc: { months: number; ms: number; nanos: number }, value: number, months: number, ms: number): void {
  if (months !== 0) {
    const total = value * months;
    const whole = Math.trunc(total);
    acc.months += whole;
    // PostgreSQL turns fractional months into days of 30.
    const fracDays = (total - whole) * 30;
    addTime(acc, fracDays * MS_PER_DAY);
    return;
  }
  addTime(acc, value * ms);
}

function addTime(acc: { ms: number; nanos: number }, totalMs: number): void {
  const whole = Math.floor(totalMs);
  acc.ms += whole;
  acc.nanos += Math.round((totalMs - whole) * 1_000_000);
}

/** Parses interval text; null when invalid. */
export function parseIntervalText(text: string): IntervalScalar | null {
  let s = text.trim().toLowerCase();
  if (s.length === 0) return null;
  if (s.startsWith('p')) return parseIso8601(s);
  let negateAll = false;
  if (s.endsWith(' ago')) {
    negateAll = true;
    s = s.slice(0, -4).trim();
  }
  const acc = { months: 0, ms: 0, nanos: 0 };
  const re = /\s*(?:([+-]?\d+(?:\.\d*)?|[+-]?\.\d+)\s*([a-z]+)|([+-]?)(\d+):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)\s*/y;
  let pos = 0;
  let matched = false;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (m === null) return null;
    pos = re.lastIndex;
    matched = true;
    if (m[1] !== undefined) {
      const u = UNITS[m[2]];
      if (u === undefined) return null;
      addUnit(acc, Number(m[1]), u[0], u[1]);
    } else {
      const sign = m[3] === '-' ? -1 : 1;
      const frac = m[7] === undefined ? 0 : Number(m[7].padEnd(9, '0'));
      const totalMs = (Number(m[4]) * 3600 + Number(m[5]) * 60 + (m[6] === undefined ? 0 : Number(m[6]))) * 1000;
      acc.ms += sign * (totalMs + Math.floor(frac / 1_000_000));
      acc.nanos += sign * (frac % 1_000_000);
    }
  }
  if (!matched) return null;
  if (negateAll) return negateInterval(intervalScalar(acc.months, acc.ms, acc.nanos));
  return intervalScalar(acc.months, acc.ms, acc.nanos);
}

function parseIso8601(s: string): IntervalScalar | null {
  const m = /^p(?:(\d+(?:\.\d+)?)y)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)w)?(?:(\d+(?:\.\d+)?)d)?(?:t(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?)?$/.exec(s);
  if (m === null || s === 'p' || s.endsWith('t')) return null;
  const acc = { months: 0, ms: 0, nanos: 0 };
  const parts: [string | undefined, string][] = [
    [m[1], 'year'],
    [m[2], 'month'],
    [m[3], 'week'],
    [m[4], 'day'],
    [m[5], 'hour'],
    [m[6], 'minute'],
    [m[7], 'second'],
  ];
  for (const [v, u] of parts) if (v !== undefined) addUnit(acc, Number(v), UNITS[u][0], UNITS[u][1]);
  return intervalScalar(acc.months, acc.ms, acc.nanos);
}

/** The interval with every part negated. */
export function negateInterval(v: IntervalScalar): IntervalScalar {
  return intervalScalar(-v.months, -v.ms, -v.nanos);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** PostgreSQL-style text, e.g. `1 year 2 mons 3 days 04:05:06.5`, `-00:05:00`, `00:00:00`. */
export function formatIntervalText(months: number, ms: number, nanos: number): string {
  const parts: string[] = [];
  const years = Math.trunc(months / 12);
  const mons = months - years * 12;
  if (years !== 0) parts.push(`${years} year${Math.abs(years) === 1 ? '' : 's'}`);
  if (mons !== 0) parts.push(`${mons} mon${Math.abs(mons) === 1 ? '' : 's'}`);
  // Time part as a signed count of ns split into whole ms and nanos.
  let negative = ms < 0;
  let absMs = Math.abs(ms);
  let absNanos = nanos;
  if (negative && nanos > 0) {
    absMs -= 1;
    absNanos = 1_000_000 - nanos;
  }
  if (absMs === 0 && absNanos === 0) negative = false;
  const days = Math.floor(absMs / MS_PER_DAY);
  absMs -= days * MS_PER_DAY;
  if (days !== 0) parts.push(`${negative ? '-' : ''}${days} day${days === 1 ? '' : 's'}`);
  if (absMs !== 0 || absNanos !== 0 || parts.length === 0) {
    const h = Math.floor(absMs / 3_600_000);
    const mi = Math.floor((absMs % 3_600_000) / 60_000);
    const sec = Math.floor((absMs % 60_000) / 1000);
    const frac = (absMs % 1000) * 1_000_000 + absNanos;
    let t = `${negative ? '-' : ''}${pad2(h)}:${pad2(mi)}:${pad2(sec)}`;
    if (frac !== 0) t += '.' + String(frac).padStart(9, '0').replace(/0+$/, '');
    parts.push(t);
  }
  return parts.join(' ');
}

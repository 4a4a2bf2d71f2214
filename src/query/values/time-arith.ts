/**
 * Calendar and clock arithmetic on split timestamps (ms, nanos) and intervals, all in
 * UTC: month arithmetic clamps the day (Jan 31 + 1 month = Feb 28) as PostgreSQL does.
 * Shared by the expression kernels and the time functions.
 */
import { utcMs } from './timestamp-text.ts';

export const MS_PER_DAY = 86_400_000;

/** Adds calendar months to a millisecond timestamp. */
export function addMonthsMs(ms: number, months: number): number {
  if (months === 0) return ms;
  const d = new Date(ms);
  const timeOfDay = ms - utcMs(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const totalMonth = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(totalMonth / 12);
  const month0 = totalMonth - year * 12;
  const lastDay = new Date(utcMs(year, month0 + 1, 1) - MS_PER_DAY).getUTCDate();
  return utcMs(year, month0, Math.min(d.getUTCDate(), lastDay)) + timeOfDay;
}

/** Output of the split-arithmetic helpers (reused to avoid allocation in loops). */
export interface SplitOut {
  ms: number;
  nanos: number;
}

/** out = (ms, nanos) + sign * (months, ivMs, ivNanos). */
export function addIntervalSplit(out: SplitOut, ms: number, nanos: number, months: number, ivMs: number, ivNanos: number, sign: 1 | -1): void {
  let m = months === 0 ? ms : addMonthsMs(ms, sign * months);
  let n = nanos + sign * ivNanos;
  m += sign * ivMs;
  if (n < 0) {
    n += 1_000_000;
    m -= 1;
  } else if (n >= 1_000_000) {
    n -= 1_000_000;
    m += 1;
  }
  out.ms = m;
  out.nanos = n;
}

/** Normalised difference a - b of two split values. */
export function diffSplit(out: SplitOut, aMs: number, aNanos: number, bMs: number, bNanos: number): void {
  let m = aMs - bMs;
  let n = aNanos - bNanos;
  if (n < 0) {
    n += 1_000_000;
    m -= 1;
  }
  out.ms = m;
  out.nanos = n;
}

/** A comparable magnitude for intervals (months count as 30 days, as in PostgreSQL). */
export function intervalSortMs(months: number, ms: number): number {
  return months * 30 * MS_PER_DAY + ms;
}

export type TruncUnit =
  | 'nanosecond'
  | 'microsecond'
  | 'millisecond'
  | 'second'
  | 'minute'
  | 'hour'
  | 'day'
  | 'week'
  | 'month'
  | 'quarter'
  | 'year'
  | 'decade'
  | 'century'
  | 'millennium';

const TRUNC_ALIASES: Record<string, TruncUnit> = {
  nanosecond: 'nanosecond',
  nanoseconds: 'nanosecond',
  ns: 'nanosecond',
  microsecond: 'microsecond',
  microseconds: 'microsecond',
  us: 'microsecond',
  millisecond: 'millisecond',
  milliseconds: 'millisecond',
  ms: 'millisecond',
  second: 'second',
  seconds: 'second',
  s: 'second',
  minute: 'minute',
  minutes: 'minute',
  m: 'minute',
  hour: 'hour',
  hours: 'hour',
  h: 'hour',
  day: 'day',
  days: 'day',
  d: 'day',
  week: 'week',
  weeks: 'week',
  month: 'month',
  months: 'month',
  quarter: 'quarter',
  year: 'year',
  years: 'year',
  decade: 'decade',
  century: 'century',
  millennium: 'millennium',
};

/** Resolves a date_trunc unit name; null when unknown. */
export function parseTruncUnit(name: string): TruncUnit | null {
  return TRUNC_ALIASES[name.trim().toLowerCase()] ?? null;
}

/** date_trunc on a split timestamp. */
export function truncSplit(out: SplitOut, unit: TruncUnit, ms: number, nanos: number): void {
  out.nanos = 0;
  switch (unit) {
    case 'nanosecond':
      out.ms = ms;
      out.nanos = nanos;
      return;
    case 'microsecond':
      out.ms = ms;
      out.nanos = nanos - (nanos % 1000);
      return;
    case 'millisecond':
      out.ms = ms;
      return;
    case 'second':
      out.ms = Math.floor(ms / 1000) * 1000;
      return;
    case 'minute':
      out.ms = Math.floor(ms / 60_000) * 60_000;
      return;
    case 'hour':
      out.ms = Math.floor(ms / 3_600_000) * 3_600_000;
      return;
    case 'day':
      out.ms = Math.floor(ms / MS_PER_DAY) * MS_PER_DAY;
      return;
    case 'week': {
      // ISO weeks start on Monday; 1970-01-01 was a Thursday (day 0) -> Monday is day -3.
      const day = Math.floor(ms / MS_PER_DAY);
      out.ms = (day - ((((day + 3) % 7) + 7) % 7)) * MS_PER_DAY;
      return;
    }
    default: {
      const d = new Date(ms);
      const y = d.getUTCFullYear();
      const mo = d.getUTCMonth();
      if (unit === 'month') out.ms = utcMs(y, mo, 1);
      else if (unit === 'quarter') out.ms = utcMs(y, mo - (mo % 3), 1);
      else if (unit === 'year') out.ms = utcMs(y, 0, 1);
      else if (unit === 'decade') out.ms = utcMs(y - (((y % 10) + 10) % 10), 0, 1);
      else if (unit === 'century') out.ms = utcMs(Math.floor((y - 1) / 100) * 100 + 1, 0, 1);
      else out.ms = utcMs(Math.floor((y - 1) / 1000) * 1000 + 1, 0, 1);
    }
  }
}

/** date_bin: the start of the stride-wide bucket (aligned to origin) that holds the timestamp. */
export function binSplit(out: SplitOut, strideMs: number, strideNanos: number, ms: number, nanos: number, originMs: number, originNanos: number): void {
  if (strideNanos === 0 && originNanos === 0) {
    // Whole-millisecond strides: the bucket depends only on the ms part.
    const k = Math.floor((ms - originMs) / strideMs);
    out.ms = originMs + k * strideMs;
    out.nanos = 0;
    return;
  }
  const stride = BigInt(strideMs) * 1_000_000n + BigInt(strideNanos);
  const diff = BigInt(ms - originMs) * 1_000_000n + BigInt(nanos - originNanos);
  let k = diff / stride;
  if (diff < 0n && k * stride !== diff) k -= 1n;
  const total = BigInt(originMs) * 1_000_000n + BigInt(originNanos) + k * stride;
  let m = total / 1_000_000n;
  let n = total - m * 1_000_000n;
  if (n < 0n) {
    n += 1_000_000n;
    m -= 1n;
  }
  out.ms = Number(m);
  out.nanos = Number(n);
}

export type ExtractField =
  | 'year'
  | 'quarter'
  | 'month'
  | 'week'
  | 'day'
  | 'dow'
  | 'isodow'
  | 'doy'
  | 'hour'
  | 'minute'
  | 'second'
  | 'millisecond'
  | 'microsecond'
  | 'nanosecond'
  | 'epoch'
  | 'isoyear'
  | 'decade'
  | 'century';

const EXTRACT_ALIASES: Record<string, ExtractField> = {
  year: 'year',
  years: 'year',
  quarter: 'quarter',
  month: 'month',
  months: 'month',
  week: 'week',
  weeks: 'week',
  day: 'day',
  days: 'day',
  dow: 'dow',
  dayofweek: 'dow',
  isodow: 'isodow',
  doy: 'doy',
  dayofyear: 'doy',
  hour: 'hour',
  hours: 'hour',
  minute: 'minute',
  minutes: 'minute',
  second: 'second',
  seconds: 'second',
  millisecond: 'millisecond',
  milliseconds: 'millisecond',
  microsecond: 'microsecond',
  microseconds: 'microsecond',
  nanosecond: 'nanosecond',
  nanoseconds: 'nanosecond',
  epoch: 'epoch',
  isoyear: 'isoyear',
  decade: 'decade',
  century: 'century',
};

/** Resolves an extract/date_part field name; null when unknown. */
export function parseExtractField(name: string): ExtractField | null {
  return EXTRACT_ALIASES[name.trim().toLowerCase()] ?? null;
}

/** True for the fields whose value is fractional (returned as double). */
export function isFractionalField(f: ExtractField): boolean {
  return f === 'epoch' || f === 'second' || f === 'millisecond' || f === 'microsecond';
}

/** extract(field FROM ts). Seconds/milliseconds/microseconds include fractions as in PostgreSQL. */
export function extractSplit(field: ExtractField, ms: number, nanos: number): number {
  if (field === 'epoch') return ms / 1000 + nanos / 1e9;
  const d = new Date(ms);
  const secMs = ((ms % 60_000) + 60_000) % 60_000; // ms within the minute
  switch (field) {
    case 'year':
      return d.getUTCFullYear();
    case 'quarter':
      return Math.floor(d.getUTCMonth() / 3) + 1;
    case 'month':
      return d.getUTCMonth() + 1;
    case 'day':
      return d.getUTCDate();
    case 'dow':
      return d.getUTCDay();
    case 'isodow':
      return d.getUTCDay() === 0 ? 7 : d.getUTCDay();
    case 'doy':
      return Math.floor((ms - utcMs(d.getUTCFullYear(), 0, 1)) / MS_PER_DAY) + 1;
    case 'hour':
      return d.getUTCHours();
    case 'minute':
      return d.getUTCMinutes();
    case 'second':
      return secMs / 1000 + nanos / 1e9;
    case 'millisecond':
      return secMs + nanos / 1e6;
    case 'microsecond':
      return secMs * 1000 + Math.floor(nanos / 1000);
    case 'nanosecond':
      return secMs * 1_000_000 + nanos;
    case 'week':
    case 'isoyear': {
      // ISO 8601: the week with the year's first Thursday is week 1.
      const day = Math.floor(ms / MS_PER_DAY);
      const isoDow = ((((day + 3) % 7) + 7) % 7) + 1; // 1 = Monday
      const thursday = day - isoDow + 4;
      const thursdayYear = new Date(thursday * MS_PER_DAY).getUTCFullYear();
      if (field === 'isoyear') return thursdayYear;
      const jan1 = Math.floor(utcMs(thursdayYear, 0, 1) / MS_PER_DAY);
      return Math.floor((thursday - jan1) / 7) + 1;
    }
    case 'decade':
      return Math.floor(d.getUTCFullYear() / 10);
    case 'century': {
      const y = d.getUTCFullYear();
      return y > 0 ? Math.floor((y - 1) / 100) + 1 : -Math.floor(-y / 100) - 1;
    }
  }
}

/**
 * Per-column text encoders for JSON/NDJSON and CSV output. Dictionary columns encode each
 * distinct value once per dictionary (codes repeat a lot); timestamps become RFC 3339
 * with nanoseconds (SPEC §8).
 */
import { formatRfc3339Nanos, isNull, type Vector } from '../../../columnar/index.ts';

/** Encodes row `i` of one column; returns the text to splice into the output. */
export type CellEncoder = (i: number) => string;

/** JSON text of a number: non-finite values (legal in OTLP) become the strings "NaN", "Infinity", "-Infinity". */
function jsonNumber(v: number): string {
  return Number.isFinite(v) ? String(v) : `"${String(v)}"`;
}

/** Seconds since the epoch of 0000-01-01 and 9999-12-31T23:59:59, the range RFC 3339 years cover. */
const MIN_SECOND = -62_167_219_200;
const MAX_SECOND = 253_402_300_799;

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/**
 * Formats split timestamps as RFC 3339 with nanoseconds, building the date part once per
 * UTC day and the time of day arithmetically: `Date#toISOString` per value dominated the
 * cost of JSON and CSV output. Same output as `formatRfc3339Nanos`.
 */
export function timestampFormatter(): (ms: number, nanos: number) => string {
  let lastDay = Number.NaN;
  let datePrefix = '';
  return (ms, nanos) => {
    const second = Math.floor(ms / 1000);
    if (second < MIN_SECOND || second > MAX_SECOND) return formatRfc3339Nanos(ms, nanos);
    const day = Math.floor(second / 86_400);
    if (day !== lastDay) {
      lastDay = day;
      datePrefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
    }
    const secondOfDay = second - day * 86_400;
    const hh = Math.floor(secondOfDay / 3600);
    const mm = Math.floor((secondOfDay - hh * 3600) / 60);
    const ss = secondOfDay - hh * 3600 - mm * 60;
    // (ms - second * 1000) * 1e6 + nanos < 1e9: exact.
    const fraction = String((ms - second * 1000) * 1_000_000 + nanos);
    return `${datePrefix}${TWO_DIGITS[hh]}:${TWO_DIGITS[mm]}:${TWO_DIGITS[ss]}.${'000000000'.slice(fraction.length)}${fraction}Z`;
  };
}

function cachedDictionary(dict: readonly string[], encode: (s: string) => string): (code: number) => string {
  const cache: (string | undefined)[] = new Array(dict.length);
  return (code) => (cache[code] ??= encode(dict[code]));
}

function jsonText(text: string): string {
  // Columns of type json hold canonical JSON; splice it raw, but never emit invalid JSON.
  try {
    JSON.parse(text);
    return text;
  } catch {
    return JSON.stringify(text);
  }
}

/** A JSON encoder for one column of a batch (null → `null`). */
export function jsonCellEncoder(v: Vector): CellEncoder {
  switch (v.type) {
    case 'boolean':
      return (i) => (isNull(v, i) ? 'null' : v.values[i] === 1 ? 'true' : 'false');
    case 'int64':
    case 'float64':
      return (i) => (isNull(v, i) ? 'null' : jsonNumber(v.values[i]));
    case 'timestamp': {
      const format = timestampFormatter();
      return (i) => (isNull(v, i) ? 'null' : `"${format(v.ms[i], v.nanos[i])}"`);
    }
    case 'string': {
      const enc = cachedDictionary(v.dict, (s) => JSON.stringify(s));
      return (i) => (v.codes[i] < 0 ? 'null' : enc(v.codes[i]));
    }
    case 'json': {
      const enc = cachedDictionary(v.dict, jsonText);
      return (i) => (v.codes[i] < 0 ? 'null' : enc(v.codes[i]));
    }
  }
}

const CSV_NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** A CSV field: quoted when it holds a delimiter, quote, line break or edge whitespace; `""` for the empty string. */
export function csvField(s: string): string {
  if (s === '') return '""';
  return CSV_NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A CSV encoder for one column of a batch (null → empty field, distinct from `""`). */
export function csvCellEncoder(v: Vector): CellEncoder {
  switch (v.type) {
    case 'boolean':
      return (i) => (isNull(v, i) ? '' : v.values[i] === 1 ? 'true' : 'false');
    case 'int64':
    case 'float64':
      return (i) => (isNull(v, i) ? '' : String(v.values[i]));
    case 'timestamp': {
      const format = timestampFormatter();
      return (i) => (isNull(v, i) ? '' : format(v.ms[i], v.nanos[i]));
    }
    case 'string':
    case 'json': {
      const enc = cachedDictionary(v.dict, csvField);
      return (i) => (v.codes[i] < 0 ? '' : enc(v.codes[i]));
    }
  }
}

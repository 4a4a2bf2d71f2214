/**
 * Text rendering of any value, as CAST(x AS text) and concat() produce it
 * (PostgreSQL conventions: true/false, shortest round-trip doubles, Infinity/NaN).
 */
import { formatIntervalText } from './interval-text.ts';
import type { Scalar } from './scalar.ts';
import { formatTimestampText } from './timestamp-text.ts';
import type { Vec } from './vec.ts';

/** A double as PostgreSQL prints it. */
export function formatDouble(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Object.is(x, -0)) return '-0';
  return String(x);
}

/** Row i of v as text, or null. */
export function textAt(v: Vec, i: number): string | null {
  switch (v.type) {
    case 'string':
    case 'json': {
      const c = v.codes[i];
      return c < 0 ? null : v.dict[c];
    }
    case 'boolean':
      return v.validity !== null && v.validity[i] === 0 ? null : v.values[i] === 1 ? 'true' : 'false';
    case 'int64':
      return v.validity !== null && v.validity[i] === 0 ? null : String(v.values[i]);
    case 'float64':
      return v.validity !== null && v.validity[i] === 0 ? null : formatDouble(v.values[i]);
    case 'timestamp':
      return v.validity !== null && v.validity[i] === 0 ? null : formatTimestampText(v.ms[i], v.nanos[i]);
    case 'interval':
      return v.validity !== null && v.validity[i] === 0 ? null : formatIntervalText(v.months[i], v.ms[i], v.nanos[i]);
  }
}

/** A scalar as text, or null. `isInt` selects integer formatting for numbers. */
export function scalarText(v: Scalar, isInt = false): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return isInt ? String(v) : formatDouble(v);
  if (v.kind === 'timestamp') return formatTimestampText(v.ms, v.nanos);
  return formatIntervalText(v.months, v.ms, v.nanos);
}

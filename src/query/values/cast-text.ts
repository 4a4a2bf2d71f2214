/**
 * Text → typed value conversion, for CAST and for untyped string literals
 * (`timestamp > '2026-11-30'`). Invalid input raises PostgreSQL's
 * "invalid input syntax for type ..." error.
 */
import { QueryRuntimeError } from '../errors.ts';
import { parseIntervalText } from './interval-text.ts';
import type { Scalar } from './scalar.ts';
import type { SqlType } from './sql-type.ts';
import { parseTimestampText } from './timestamp-text.ts';

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', 'off', '0']);
const INT_RE = /^\s*[+-]?\d+\s*$/;
const FLOAT_RE = /^\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)\s*$/;

function invalid(type: SqlType, text: string): QueryRuntimeError {
  return new QueryRuntimeError('invalid_input', `invalid input syntax for type ${type}: "${text}"`);
}

/** Converts text to a value of `type`; throws on invalid input. */
export function castText(text: string, type: SqlType): Scalar {
  switch (type) {
    case 'text':
    case 'json':
    case 'null':
      return text;
    case 'bigint': {
      if (!INT_RE.test(text)) throw invalid(type, text);
      const v = Number(text);
      if (!Number.isSafeInteger(v)) throw new QueryRuntimeError('numeric_out_of_range', `value "${text.trim()}" is out of range for type bigint (exact to ±2^53)`);
      return v;
    }
    case 'double': {
      const t = text.trim().toLowerCase();
      if (t === 'nan') return NaN;
      if (t === 'infinity' || t === '+infinity' || t === 'inf') return Infinity;
      if (t === '-infinity' || t === '-inf') return -Infinity;
      if (!FLOAT_RE.test(text)) throw invalid(type, text);
      return Number(text);
    }
    case 'boolean': {
      const t = text.trim().toLowerCase();
      if (TRUE_WORDS.has(t)) return true;
      if (FALSE_WORDS.has(t)) return false;
      throw invalid(type, text);
    }
    case 'timestamp': {
      const v = parseTimestampText(text);
      if (v === null) throw invalid(type, text);
      return v;
    }
    case 'interval': {
      const v = parseIntervalText(text);
      if (v === null) throw invalid(type, text);
      return v;
    }
  }
}

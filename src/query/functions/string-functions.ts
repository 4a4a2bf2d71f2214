/**
 * String functions (SPEC §7: lower, upper, length, substr, trim, concat/||,
 * starts_with, regexp_like, plus a few PostgreSQL staples). They run per row of
 * their input; the evaluator hands them a dictionary's entries instead of rows when
 * the input is a dictionary column, so each distinct value is processed once.
 */
import { QueryRuntimeError } from '../errors.ts';
import { isStringType, type SqlType } from '../values/sql-type.ts';
import { checkStringLength, MAX_STRING_CHARS, stringTooLongError } from '../values/string-charge.ts';
import { textAt } from '../values/value-text.ts';
import { BoolOut, NumberOut, StringOut } from '../values/vec-builders.ts';
import type { ResolvedSignature, ScalarFunctionDef } from './scalar-function.ts';

const HAS_SURROGATE = /[\uD800-\uDFFF]/;

/** Characters (code points) of s, as PostgreSQL counts them. */
function chars(s: string): string[] | null {
  return HAS_SURROGATE.test(s) ? Array.from(s) : null;
}

function charLength(s: string): number {
  const c = chars(s);
  return c === null ? s.length : c.length;
}

/** substr with PostgreSQL semantics (1-based; a start before 1 eats into the length). */
export function pgSubstr(s: string, start: number, len: number | null): string {
  if (len !== null && len < 0) throw new QueryRuntimeError('invalid_argument', 'negative substring length not allowed');
  const c = chars(s);
  const total = c === null ? s.length : c.length;
  let from = start - 1;
  let to = len === null ? total : from + len;
  if (from < 0) from = 0;
  if (to > total) to = total;
  if (to <= from) return '';
  return c === null ? s.slice(from, to) : c.slice(from, to).join('');
}

function trimChars(s: string, set: string, left: boolean, right: boolean): string {
  let a = 0;
  let b = s.length;
  if (left) while (a < b && set.includes(s[a])) a++;
  if (right) while (b > a && set.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

function textSig(params: SqlType[], returns: SqlType): (types: readonly SqlType[]) => ResolvedSignature | string {
  return (types) => {
    for (let i = 0; i < types.length; i++) {
      const want = params[Math.min(i, params.length - 1)];
      const t = types[i];
      if (want === 'text' && !isStringType(t) && t !== 'null') return `expected text for argument ${i + 1}, got ${t}`;
      if (want === 'bigint' && t !== 'bigint' && t !== 'double' && t !== 'null') return `expected an integer for argument ${i + 1}, got ${t}`;
    }
    return { params: types.map((_, i) => params[Math.min(i, params.length - 1)]), returns };
  };
}

/** Builds a strict function over text arguments (any null argument gives null). */
function strictText(
  name: string,
  params: SqlType[],
  minArgs: number,
  returns: 'text' | 'bigint' | 'boolean',
  f: (args: (string | number)[], regexes: Map<string, RegExp>) => string | number | boolean,
): ScalarFunctionDef {
  return {
    name,
    minArgs,
    maxArgs: params.length,
    resolve: textSig(params, returns),
    evaluate(args, n, _consts, _returns, charge) {
      const out = returns === 'text' ? new StringOut(n, 'string', charge ?? null) : returns === 'bigint' ? new NumberOut('int64', n) : new BoolOut(n);
      const vals: (string | number)[] = new Array(args.length);
      const regexes = new Map<string, RegExp>();
      rows: for (let i = 0; i < n; i++) {
        for (let a = 0; a < args.length; a++) {
          const v = args[a];
          if (v.type === 'int64' || v.type === 'float64') {
            if (v.validity !== null && v.validity[i] === 0) {
              setNull(out, i);
              continue rows;
            }
            vals[a] = v.values[i];
          } else {
            const s = textAt(v, i);
            if (s === null) {
              setNull(out, i);
              continue rows;
            }
            vals[a] = s;
          }
        }
        const r = f(vals, regexes);
        if (out instanceof StringOut) out.set(i, r as string);
        else if (out instanceof NumberOut) out.values[i] = r as number;
        else out.values[i] = r ? 1 : 0;
      }
      return out.finish();
    },
  };
}

function setNull(out: StringOut | NumberOut | BoolOut, i: number): void {
  if (out instanceof StringOut) out.set(i, null);
  else out.setNull(i);
}

/** Compiles a pattern once per evaluation call (patterns are nearly always constants). */
function compileRegex(cache: Map<string, RegExp>, pattern: string, flags: string): RegExp {
  const key = `${flags}/${pattern}`;
  let re = cache.get(key);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, flags.replace(/[^gimsuy]/g, ''));
    } catch (err) {
      throw new QueryRuntimeError('invalid_argument', `invalid regular expression: ${(err as Error).message}`);
    }
    if (cache.size > 1000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

function concatDef(name: string, strict: boolean): ScalarFunctionDef {
  return {
    name,
    minArgs: strict ? 2 : 1,
    maxArgs: strict ? 2 : 100,
    resolve: (types) => ({ params: types.map((t) => t), returns: 'text' }),
    evaluate(args, n, _consts, _returns, charge) {
      const out = new StringOut(n, 'string', charge ?? null);
      for (let i = 0; i < n; i++) {
        let s = '';
        let isNull = false;
        for (const a of args) {
          const t = textAt(a, i);
          if (t === null) {
            if (strict) {
              isNull = true;
              break;
            }
          } else {
            // Checked before appending: the engine never holds a value past the cap.
            checkStringLength(s.length + t.length);
            s += t;
          }
        }
        out.set(i, isNull ? null : s);
      }
      return out.finish();
    },
  };
}

export const STRING_FUNCTIONS: readonly ScalarFunctionDef[] = [
  strictText('lower', ['text'], 1, 'text', ([s]) => (s as string).toLowerCase()),
  strictText('upper', ['text'], 1, 'text', ([s]) => (s as string).toUpperCase()),
  strictText('length', ['text'], 1, 'bigint', ([s]) => charLength(s as string)),
  strictText('char_length', ['text'], 1, 'bigint', ([s]) => charLength(s as string)),
  strictText('character_length', ['text'], 1, 'bigint', ([s]) => charLength(s as string)),
  strictText('octet_length', ['text'], 1, 'bigint', ([s]) => new TextEncoder().encode(s as string).length),
  strictText('substr', ['text', 'bigint', 'bigint'], 2, 'text', ([s, a, b]) => pgSubstr(s as string, Math.trunc(a as number), b === undefined ? null : Math.trunc(b as number))),
  strictText('substring', ['text', 'bigint', 'bigint'], 2, 'text', ([s, a, b]) => pgSubstr(s as string, Math.trunc(a as number), b === undefined ? null : Math.trunc(b as number))),
  strictText('trim', ['text', 'text'], 1, 'text', ([s, c]) => (c === undefined ? (s as string).replace(/^ +| +$/g, '') : trimChars(s as string, c as string, true, true))),
  strictText('btrim', ['text', 'text'], 1, 'text', ([s, c]) => trimChars(s as string, c === undefined ? ' ' : (c as string), true, true)),
  strictText('ltrim', ['text', 'text'], 1, 'text', ([s, c]) => trimChars(s as string, c === undefined ? ' ' : (c as string), true, false)),
  strictText('rtrim', ['text', 'text'], 1, 'text', ([s, c]) => trimChars(s as string, c === undefined ? ' ' : (c as string), false, true)),
  strictText('starts_with', ['text', 'text'], 2, 'boolean', ([s, p]) => (s as string).startsWith(p as string)),
  strictText('ends_with', ['text', 'text'], 2, 'boolean', ([s, p]) => (s as string).endsWith(p as string)),
  strictText('contains', ['text', 'text'], 2, 'boolean', ([s, p]) => (s as string).includes(p as string)),
  strictText('strpos', ['text', 'text'], 2, 'bigint', ([s, p]) => {
    const i = (s as string).indexOf(p as string);
    return i < 0 ? 0 : charLength((s as string).slice(0, i)) + 1;
  }),
  strictText('replace', ['text', 'text', 'text'], 3, 'text', ([s, a, b]) => replaceAll(s as string, a as string, b as string)),
  strictText('reverse', ['text'], 1, 'text', ([s]) => Array.from(s as string).reverse().join('')),
  strictText('left', ['text', 'bigint'], 2, 'text', ([s, k]) => {
    const c = Array.from(s as string);
    const n = k as number;
    return (n >= 0 ? c.slice(0, n) : c.slice(0, Math.max(0, c.length + n))).join('');
  }),
  strictText('right', ['text', 'bigint'], 2, 'text', ([s, k]) => {
    const c = Array.from(s as string);
    const n = k as number;
    return (n >= 0 ? c.slice(Math.max(0, c.length - n)) : c.slice(Math.min(c.length, -n))).join('');
  }),
  strictText('repeat', ['text', 'bigint'], 2, 'text', ([s, k]) => {
    checkStringLength((k as number) * (s as string).length);
    return (s as string).repeat(Math.max(0, k as number));
  }),
  strictText('split_part', ['text', 'text', 'bigint'], 3, 'text', ([s, d, k]) => {
    const idx = k as number;
    if (idx === 0) throw new QueryRuntimeError('invalid_argument', 'field position must not be zero');
    const parts = (d as string) === '' ? [s as string] : (s as string).split(d as string);
    const p = idx > 0 ? parts[idx - 1] : parts[parts.length + idx];
    return p ?? '';
  }),
  strictText('regexp_like', ['text', 'text', 'text'], 2, 'boolean', ([s, p, f], re) => compileRegex(re, p as string, (f as string | undefined) ?? '').test(s as string)),
  strictText('regexp_replace', ['text', 'text', 'text', 'text'], 3, 'text', ([s, p, r, f], cache) => {
    const re = compileRegex(cache, p as string, (f as string | undefined) ?? '');
    return regexpReplace(s as string, re, r as string);
  }),
  concatDef('concat', false),
  concatDef('concat_op', true),
];

/** replace(s, from, to): every occurrence; the result's length is checked before it is built. */
function replaceAll(s: string, from: string, to: string): string {
  if (from === '') return s;
  const parts = s.split(from);
  checkStringLength(s.length + (parts.length - 1) * (to.length - from.length));
  return parts.join(to);
}

/**
 * regexp_replace with PostgreSQL's replacement syntax: `\\1`..`\\9` insert a group, `\\&`
 * the whole match, `\\\\` one backslash; anything else (`$` included) is literal. The
 * result's length is tracked match by match, so it fails before growing past the cap.
 */
function regexpReplace(s: string, re: RegExp, replacement: string): string {
  let length = s.length;
  const tokens = replacementTokens(replacement);
  const native = nativeReplacement(tokens, s.length);
  if (native !== null) return s.replace(re, native);
  let groups = -1;
  return s.replace(re, (match: string, ...rest: unknown[]) => {
    let text: string;
    if (typeof tokens === 'string') text = tokens;
    else {
      text = '';
      for (const t of tokens) {
        if (typeof t === 'string') text += t;
        else if (t === 0) text += match;
        else {
          if (groups < 0) groups = groupCount(rest);
          const g = t <= groups ? rest[t - 1] : undefined;
          if (typeof g === 'string') text += g;
        }
      }
    }
    length += text.length - match.length;
    if (length > MAX_STRING_CHARS) throw stringTooLongError(length);
    return text;
  });
}

/**
 * The replacement as a JS replacement pattern when the native String.replace is safe:
 * no group references, and even a match at every position could not push the result
 * past the cap (matches do not overlap, so `\\&` adds at most s.length in total).
 * Null otherwise (the callback path tracks the length as it goes).
 */
function nativeReplacement(tokens: string | (string | number)[], inputChars: number): string | null {
  const list = typeof tokens === 'string' ? [tokens] : tokens;
  let literalChars = 0;
  let wholeMatches = 0;
  let pattern = '';
  for (const t of list) {
    if (typeof t === 'number') {
      if (t !== 0) return null;
      wholeMatches++;
      pattern += '$&';
    } else {
      literalChars += t.length;
      pattern += t.replaceAll('$', '$$$$');
    }
  }
  const bound = inputChars + (inputChars + 1) * literalChars + wholeMatches * inputChars;
  return bound <= MAX_STRING_CHARS ? pattern : null;
}

/** Groups in a String.replace callback's trailing arguments (they end at the offset, a number). */
function groupCount(rest: readonly unknown[]): number {
  let k = 0;
  while (k < rest.length && typeof rest[k] !== 'number') k++;
  return k;
}

/** The replacement as literal pieces and group numbers (0 = the whole match); a plain string when it has no escapes. */
function replacementTokens(replacement: string): string | (string | number)[] {
  if (!replacement.includes('\\')) return replacement;
  const tokens: (string | number)[] = [];
  let literal = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    const next = replacement[i + 1];
    if (c === '\\' && next !== undefined && ((next >= '1' && next <= '9') || next === '&' || next === '\\')) {
      i++;
      if (next === '\\') {
        literal += '\\';
        continue;
      }
      if (literal !== '') tokens.push(literal);
      literal = '';
      tokens.push(next === '&' ? 0 : Number(next));
    } else literal += c;
  }
  if (literal !== '') tokens.push(literal);
  return tokens;
}

/** Used by LIKE and the pruning of `LIKE 'prefix%'`: null when the pattern is not a plain prefix. */
export function likePrefix(pattern: string, escape: string | null): string | null {
  const esc = escape ?? '\\';
  let prefix = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === esc && i + 1 < pattern.length) {
      prefix += pattern[++i];
      continue;
    }
    if (c === '%') return i === pattern.length - 1 ? prefix : null;
    if (c === '_') return null;
    prefix += c;
  }
  return null;
}

/**
 * LIKE / ILIKE. A pattern compiles once into the cheapest matcher that is exact for it:
 * equality, prefix, suffix, substring, or a regular expression for the general case.
 */
import type { Vec } from '../../values/vec.ts';
import { BoolOut } from '../../values/vec-builders.ts';

export type Matcher = (s: string) => boolean;

/** Wildcard tokens of a compiled pattern: `%` (any run) and `_` (one character). */
const ANY = 0;
const ONE = 1;

/** Compiles a LIKE pattern (escape defaults to backslash). */
export function compileLike(pattern: string, caseInsensitive: boolean, escape: string | null): Matcher {
  const esc = escape ?? '\\';
  // Split into literal runs and wildcards. Wildcards are numbers, so an escaped '%' or '_'
  // (a one-character literal run) can never be mistaken for one.
  const parts: (string | typeof ANY | typeof ONE)[] = [];
  let lit = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (esc !== '' && c === esc && i + 1 < pattern.length) {
      lit += pattern[++i];
    } else if (c === '%' || c === '_') {
      if (lit !== '') parts.push(lit);
      lit = '';
      if (!(c === '%' && parts[parts.length - 1] === ANY)) parts.push(c === '%' ? ANY : ONE);
    } else lit += c;
  }
  if (lit !== '') parts.push(lit);
  const fold = (s: string): string => (caseInsensitive ? s.toLowerCase() : s);
  const isLit = (p: string | number | undefined): p is string => typeof p === 'string';
  if (parts.length === 0) return (s) => s === '';
  if (parts.length === 1 && isLit(parts[0])) {
    const x = fold(parts[0]);
    return (s) => fold(s) === x;
  }
  if (parts.length === 1 && parts[0] === ANY) return () => true;
  if (parts.length === 2 && isLit(parts[0]) && parts[1] === ANY) {
    const x = fold(parts[0]);
    return (s) => fold(s).startsWith(x);
  }
  if (parts.length === 2 && parts[0] === ANY && isLit(parts[1])) {
    const x = fold(parts[1]);
    return (s) => fold(s).endsWith(x);
  }
  if (parts.length === 3 && parts[0] === ANY && isLit(parts[1]) && parts[2] === ANY) {
    const x = fold(parts[1]);
    return (s) => fold(s).includes(x);
  }
  let src = '^';
  for (const p of parts) {
    if (p === ANY) src += '[\\s\\S]*';
    else if (p === ONE) src += '[\\s\\S]';
    else src += p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  const re = new RegExp(src + '$', caseInsensitive ? 'iu' : 'u');
  return (s) => re.test(s);
}

/** Applies LIKE row by row; `patterns` is either one matcher or a pattern vector. */
export function likeVector(v: Vec, match: Matcher | null, patterns: Vec | null, caseInsensitive: boolean, escape: string | null, negated: boolean, n: number): Vec {
  const out = new BoolOut(n);
  if (v.type !== 'string' && v.type !== 'json') {
    for (let i = 0; i < n; i++) out.setNull(i);
    return out.finish();
  }
  const cache = new Map<string, Matcher>();
  for (let i = 0; i < n; i++) {
    const c = v.codes[i];
    let m = match;
    if (m === null && patterns !== null && (patterns.type === 'string' || patterns.type === 'json')) {
      const pc = patterns.codes[i];
      if (pc >= 0) {
        const p = patterns.dict[pc];
        m = cache.get(p) ?? null;
        if (m === null) {
          m = compileLike(p, caseInsensitive, escape);
          cache.set(p, m);
        }
      }
    }
    if (c < 0 || m === null) {
      out.setNull(i);
      continue;
    }
    out.values[i] = m(v.dict[c]) !== negated ? 1 : 0;
  }
  return out.finish();
}

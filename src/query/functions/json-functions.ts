/**
 * Map access on JSON text columns: `attributes['k']` and `attributes->>'k'` (text),
 * `attributes->'k'` (json). A small scanner finds the member without building objects;
 * the evaluator calls it once per distinct dictionary value, not per row.
 */
import { isNumericType, isStringType } from '../values/sql-type.ts';
import type { Vec } from '../values/vec.ts';
import { StringOut } from '../values/vec-builders.ts';
import type { ScalarFunctionDef } from './scalar-function.ts';

function skipWs(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i++;
  }
  return i;
}

/** Index just past the JSON string starting at s[i] === '"'. */
function skipString(s: string, i: number): number {
  i++;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 92) i += 2;
    else if (c === 34) return i + 1;
    else i++;
  }
  return -1;
}

/** Index just past the JSON value starting at s[i]; -1 when malformed. */
function skipValue(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 34) return skipString(s, i);
  if (c === 123 || c === 91) {
    let depth = 0;
    while (i < s.length) {
      const d = s.charCodeAt(i);
      if (d === 34) {
        i = skipString(s, i);
        if (i < 0) return -1;
        continue;
      }
      if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return -1;
  }
  while (i < s.length) {
    const d = s.charCodeAt(i);
    if (d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) break;
    i++;
  }
  return i;
}

/** The raw JSON text of member `key` of an object (or element `key` of an array), or null. */
export function findJsonMember(s: string, key: string | number): string | null {
  let i = skipWs(s, 0);
  const open = s.charCodeAt(i);
  if (open === 123 && typeof key === 'string') {
    i = skipWs(s, i + 1);
    if (s.charCodeAt(i) === 125) return null;
    while (i < s.length) {
      if (s.charCodeAt(i) !== 34) return null;
      const keyEnd = skipString(s, i);
      if (keyEnd < 0) return null;
      const raw = s.slice(i + 1, keyEnd - 1);
      const name = raw.includes('\\') ? (JSON.parse(s.slice(i, keyEnd)) as string) : raw;
      i = skipWs(s, keyEnd);
      if (s.charCodeAt(i) !== 58) return null;
      i = skipWs(s, i + 1);
      const valueEnd = skipValue(s, i);
      if (valueEnd < 0) return null;
      if (name === key) return s.slice(i, valueEnd);
      i = skipWs(s, valueEnd);
      if (s.charCodeAt(i) !== 44) return null;
      i = skipWs(s, i + 1);
    }
    return null;
  }
  if (open === 91 && typeof key === 'number') {
    let index = key;
    i = skipWs(s, i + 1);
    let n = 0;
    if (index < 0) {
      // Negative indexes count from the end: count elements first.
      let j = i;
      while (j < s.length && s.charCodeAt(j) !== 93) {
        j = skipValue(s, j);
        if (j < 0) return null;
        n++;
        j = skipWs(s, j);
        if (s.charCodeAt(j) === 44) j = skipWs(s, j + 1);
      }
      index += n;
      if (index < 0) return null;
    }
    let k = 0;
    while (i < s.length && s.charCodeAt(i) !== 93) {
      const end = skipValue(s, i);
      if (end < 0) return null;
      if (k === index) return s.slice(i, end);
      k++;
      i = skipWs(s, end);
      if (s.charCodeAt(i) === 44) i = skipWs(s, i + 1);
    }
  }
  return null;
}

/** The text form of a raw JSON value for `->>`: strings unquoted, JSON null as SQL NULL. */
export function jsonValueText(raw: string): string | null {
  if (raw.charCodeAt(0) === 34) {
    const inner = raw.slice(1, -1);
    return inner.includes('\\') ? (JSON.parse(raw) as string) : inner;
  }
  if (raw === 'null') return null;
  return raw;
}

function jsonAccess(name: string, asText: boolean): ScalarFunctionDef {
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    resolve(types) {
      if (!isStringType(types[0]) && types[0] !== 'null') return `cannot subscript type ${types[0]} (use a json column such as attributes)`;
      if (!isStringType(types[1]) && !isNumericType(types[1]) && types[1] !== 'null') return `a key must be text or an integer, got ${types[1]}`;
      return { params: [types[0] === 'text' ? 'text' : 'json', isNumericType(types[1]) ? 'bigint' : 'text'], returns: asText ? 'text' : 'json' };
    },
    evaluate(args, n, _consts, _returns, charge) {
      const [doc, key] = args as [Vec & { codes?: Int32Array }, Vec];
      const out = new StringOut(n, asText ? 'string' : 'json', charge ?? null);
      if (doc.type !== 'string' && doc.type !== 'json') return out.finish();
      for (let i = 0; i < n; i++) {
        const c = doc.codes[i];
        let k: string | number | null = null;
        if (key.type === 'string' || key.type === 'json') k = key.codes[i] < 0 ? null : key.dict[key.codes[i]];
        else if (key.type === 'int64' || key.type === 'float64') k = key.validity !== null && key.validity[i] === 0 ? null : key.values[i];
        if (c < 0 || k === null) {
          out.set(i, null);
          continue;
        }
        const raw = findJsonMember(doc.dict[c], k);
        out.set(i, raw === null ? null : asText ? jsonValueText(raw) : raw);
      }
      return out.finish();
    },
  };
}

export const JSON_FUNCTIONS: readonly ScalarFunctionDef[] = [jsonAccess('json_get', false), jsonAccess('json_get_text', true), jsonAccess('json_extract_string', true)];

/**
 * Canonical JSON for attribute maps (SPEC §5), shared by the protobuf and JSON decoders
 * so the same OTLP data gives the same text whichever encoding carried it:
 *  - objects have their keys sorted (UTF-16 code unit order); a repeated key keeps its
 *    last value;
 *  - strings and bools as JSON; ints as JSON integers with their exact digits (also
 *    beyond 2^53, so the text is exact even where a JS reader's parse is not);
 *  - doubles as JSON numbers that always show a fraction or exponent (`1.0`, `2.5`,
 *    `1e+21`) so a reader can tell 1.0 from 1; NaN and ±Infinity, which JSON cannot
 *    express, as the strings "NaN", "Infinity", "-Infinity";
 *  - bytes as a base64 string; arrays as arrays; kvlists as objects; an empty AnyValue
 *    as null.
 */

/** One attribute: its key and the canonical JSON text of its value. */
export interface JsonEntry {
  readonly key: string;
  readonly json: string;
}

/** A double as canonical JSON. */
export function formatTypedDouble(x: number): string {
  if (x !== x) return '"NaN"';
  if (x === Infinity) return '"Infinity"';
  if (x === -Infinity) return '"-Infinity"';
  if (Number.isInteger(x)) {
    if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
    const s = String(x);
    return s.includes('e') ? s : s + '.0';
  }
  return String(x);
}

/** A double inside bucket/quantile JSON: a plain JSON number (non-finite values quoted). */
export function formatPlainDouble(x: number): string {
  if (Number.isFinite(x)) return String(x);
  return x !== x ? '"NaN"' : x > 0 ? '"Infinity"' : '"-Infinity"';
}

/** A JS string as a JSON string literal (what JSON.stringify gives, without its call cost for plain text). */
export function quoteJson(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Control characters, quote, backslash and surrogates (lone ones get escaped) take the slow path.
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return '"' + s + '"';
}

/** Canonical JSON object text from entries in any order (sorted, last duplicate wins). */
export function canonicalObjectJson(entries: JsonEntry[]): string {
  const n = entries.length;
  if (n === 0) return '{}';
  if (n > 1) sortEntries(entries);
  let out = '{';
  for (let i = 0; i < n; i++) {
    if (i + 1 < n && entries[i + 1].key === entries[i].key) continue;
    if (out.length > 1) out += ',';
    out += quoteJson(entries[i].key) + ':' + entries[i].json;
  }
  return out + '}';
}

/** Sorts by key, keeping input order among equal keys (so the last duplicate sorts last). */
export function sortEntries(entries: JsonEntry[]): void {
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Removes all but the last entry of each key from sorted entries. */
export function dedupeSortedEntries(entries: JsonEntry[]): JsonEntry[] {
  let w = 0;
  for (let i = 0; i < entries.length; i++) {
    if (i + 1 < entries.length && entries[i + 1].key === entries[i].key) continue;
    entries[w++] = entries[i];
  }
  entries.length = w;
  return entries;
}

/** UTF-8 byte length of a JS string (lone surrogates count as the 3 bytes of U+FFFD). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 2; // 4 bytes for 2 code units
        i++;
      } else n += 2;
    } else n += 2;
  }
  return n;
}

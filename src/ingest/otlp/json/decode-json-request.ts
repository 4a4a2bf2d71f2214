/**
 * OTLP/JSON body → request object → rows, keeping 64-bit integers exact. OTLP/JSON may
 * send an int64 as a bare number (SPEC §4), and JSON.parse rounds numbers to doubles, so
 * a 19-digit nanosecond timestamp would lose its last digits. Plain JSON.parse is right
 * for almost every body (the SDKs send int64s as strings), so it goes first and costs
 * nothing extra; only when a reader meets an integer number beyond ±2^53
 * (IngestRoundedIntegerError) is the body parsed again with such number tokens turned
 * into strings, which the readers in json-values.ts parse exactly. (Bun's JSON.parse
 * reviver has no `context.source`, so the source text has to be rewritten instead.)
 */
import { IngestRejectedError } from '../../errors.ts';
import { decodeUtf8 } from '../wire/index.ts';
import { IngestRoundedIntegerError, type JsonObject } from './json-values.ts';

/**
 * Parses `body` and runs `decode(doc, false)`. If that meets a rounded int64, `restart`
 * discards what it wrote, and `decode(doc, true)` runs on the exact re-parse. Throws
 * IngestRejectedError for a body that is not UTF-8 or not a JSON object.
 */
export function decodeJsonRequest(body: Uint8Array, decode: (doc: JsonObject, reparsed: boolean) => void, restart: () => void): void {
  let text: string;
  try {
    text = decodeUtf8(body, 0, body.length);
  } catch {
    throw new IngestRejectedError('malformed OTLP/JSON: body is not valid UTF-8');
  }
  try {
    decode(parseObject(text), false);
  } catch (err) {
    if (!(err instanceof IngestRoundedIntegerError)) throw err;
    restart();
    decode(parseObject(quoteLongInt64Numbers(text)), true);
  }
}

function parseObject(text: string): JsonObject {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new IngestRejectedError(`malformed OTLP/JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new IngestRejectedError('malformed OTLP/JSON: the body must be a JSON object');
  return doc as JsonObject;
}

/** The OTLP fields of type int64/uint64/fixed64 (also inside arrays, like bucketCounts). */
const INT64_FIELDS: ReadonlySet<string> = new Set([
  'timeUnixNano',
  'startTimeUnixNano',
  'endTimeUnixNano',
  'observedTimeUnixNano',
  'intValue',
  'asInt',
  'count',
  'zeroCount',
  'bucketCounts',
  'flags',
  'droppedAttributesCount',
  'droppedEventsCount',
  'droppedLinksCount',
]);

/** Integers up to 15 digits are exact as doubles; longer ones may not be. */
const MIN_RISKY_DIGITS = 16;

/** Deeper than this, the document is no OTLP request the decoders would accept anyway. */
const MAX_NESTING = 1000;

const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;

const isDigit = (c: number): boolean => c >= ZERO && c <= NINE;
const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * `text` with each integer token of 16+ digits that is the value of an INT64_FIELDS key
 * (directly, or as an element of an array that is) wrapped in quotes. Only complete,
 * valid JSON number tokens are touched (no leading zero, no fraction or exponent), so a
 * valid document stays valid and an invalid one stays invalid. Never throws.
 */
export function quoteLongInt64Numbers(text: string): string {
  // At nesting depth d, keyAt[d] is where the string naming the field of the values at
  // that depth opens (-1: none): for an object its latest key, for an array the key that
  // owns the array (inherited by nested arrays). Positions, not slices: the key text is
  // only needed for the rare long number.
  const keyAt = new Int32Array(MAX_NESTING + 1);
  const keyEnd = new Int32Array(MAX_NESTING + 1);
  const isArray = new Uint8Array(MAX_NESTING + 1);
  keyAt[0] = -1;
  let depth = 0;
  let out = '';
  let copiedUpTo = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = closingQuote(text, i);
      if (end < 0) break;
      let j = end + 1;
      while (j < n && isBlank(text.charCodeAt(j))) j++;
      if (j < n && text.charCodeAt(j) === COLON && isArray[depth] === 0) {
        keyAt[depth] = i;
        keyEnd[depth] = end;
      }
      i = end + 1;
    } else if (c === 123 || c === 91) {
      // `{` or `[`
      if (depth === MAX_NESTING) return text;
      depth++;
      isArray[depth] = c === 91 ? 1 : 0;
      keyAt[depth] = c === 91 ? keyAt[depth - 1] : -1;
      keyEnd[depth] = keyEnd[depth - 1];
      i++;
    } else if (c === 125 || c === 93) {
      // `}` or `]`
      if (depth > 0) depth--;
      i++;
    } else if (c === MINUS || isDigit(c)) {
      const start = i;
      if (c === MINUS) i++;
      const first = i;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      const digitsEnd = i;
      i = numberTail(text, i);
      // A fraction or exponent makes it a double token, left to JSON.parse whole.
      if (i !== digitsEnd || digitsEnd - first < MIN_RISKY_DIGITS || text.charCodeAt(first) === ZERO || keyAt[depth] < 0) continue;
      if (!INT64_FIELDS.has(keyText(text, keyAt[depth], keyEnd[depth]))) continue;
      out += text.slice(copiedUpTo, start) + '"' + text.slice(start, i) + '"';
      copiedUpTo = i;
    } else {
      i++;
    }
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}

/** End of the fraction and exponent that follow integer digits ending at `i` (`i` when none). */
function numberTail(text: string, i: number): number {
  const n = text.length;
  if (i < n && text.charCodeAt(i) === 46) {
    // `.`
    i++;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
  }
  const e = i < n ? text.charCodeAt(i) : -1;
  if (e === 101 || e === 69) {
    // `e` / `E`, then an optional sign
    i++;
    const sign = i < n ? text.charCodeAt(i) : -1;
    if (sign === 43 || sign === MINUS) i++;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

/** Index of the quote closing the string that opens at `open`, or -1 when unterminated. */
function closingQuote(text: string, open: number): number {
  let from = open + 1;
  for (;;) {
    const q = text.indexOf('"', from);
    if (q < 0) return -1;
    let backslashes = 0;
    while (text.charCodeAt(q - 1 - backslashes) === BACKSLASH) backslashes++;
    if ((backslashes & 1) === 0) return q;
    from = q + 1;
  }
}

/** The decoded text of the key string between `open` and `close` ('' when it is not valid JSON). */
function keyText(text: string, open: number, close: number): string {
  const raw = text.slice(open + 1, close);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(text.slice(open, close + 1)) as string;
  } catch {
    return '';
  }
}

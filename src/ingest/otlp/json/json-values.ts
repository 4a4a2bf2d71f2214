/**
 * Typed readers for OTLP/JSON fields (the proto3 JSON mapping as OTLP uses it): 64-bit
 * integers as strings or numbers, enums as integers or names, doubles also as "NaN" /
 * "Infinity" / "-Infinity", ids as hex. A field of the wrong JSON type makes the whole
 * request malformed (IngestRejectedError → 400); an absent field (undefined or null)
 * reads as its proto3 default.
 */
import { splitNs } from '../../../columnar/index.ts';
import { IngestRejectedError } from '../../errors.ts';

export type JsonObject = Record<string, unknown>;

/**
 * Where the decoder is in the document, for error messages: a stack of field names and
 * array indexes, pushed and popped as the decoder descends, and turned into text
 * (`resourceMetrics[0].scopeMetrics[2]`) only when something is malformed. It also
 * carries the one per-pass reading rule, `stopOnRoundedInteger`.
 */
export class JsonPath {
  private readonly parts: (string | number)[] = [];
  private depth = 0;
  /**
   * True on the first parse of a body: an integer read from a JSON number beyond ±2^53
   * (which JSON.parse may have rounded) throws IngestRoundedIntegerError so the body is
   * parsed again exactly (decode-json-request.ts). False on that second pass.
   */
  stopOnRoundedInteger = true;

  /** Enters a field name or array index. */
  in(part: string | number): void {
    this.parts[this.depth++] = part;
  }

  /** Leaves the innermost field. */
  out(): void {
    this.depth--;
  }

  /** Back to the document root, for a pass with the given rounding rule. */
  reset(stopOnRoundedInteger = true): void {
    this.depth = 0;
    this.stopOnRoundedInteger = stopOnRoundedInteger;
  }

  /** The path, with `key` appended when given. */
  describe(key?: string | number): string {
    let out = '';
    const add = (p: string | number) => {
      out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
    };
    for (let i = 0; i < this.depth; i++) add(this.parts[i]);
    if (key !== undefined) add(key);
    return out === '' ? 'the body' : out;
  }
}

/**
 * An int64 came as a JSON number too large for a double to hold exactly. Caught by
 * decodeJsonRequest, which parses the body again with such numbers as strings; should it
 * ever escape, it is still a 400 like any malformed body.
 */
export class IngestRoundedIntegerError extends IngestRejectedError {}

export function malformed(path: JsonPath, key: string | number | undefined, what: string): never {
  throw new IngestRejectedError(`malformed OTLP/JSON: ${path.describe(key)} ${what}`);
}

/** An object, or null when absent. */
export function objectOrNull(v: unknown, path: JsonPath, key?: string | number): JsonObject | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) malformed(path, key, 'must be an object');
  return v as JsonObject;
}

const EMPTY: readonly unknown[] = [];

/** An array (empty when absent). */
export function arrayOf(v: unknown, path: JsonPath, key?: string | number): readonly unknown[] {
  if (v === undefined || v === null) return EMPTY;
  if (!Array.isArray(v)) malformed(path, key, 'must be an array');
  return v;
}

/** A string ('' when absent). */
export function stringOf(v: unknown, path: JsonPath, key?: string | number): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') malformed(path, key, 'must be a string');
  return v;
}

/** A bool (false when absent). */
export function boolOf(v: unknown, path: JsonPath, key?: string | number): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') malformed(path, key, 'must be true or false');
  return v;
}

const INT_TEXT = /^-?[0-9]+$/;
/** Canonical decimal text that needs no BigInt round trip: no sign games, no leading zero, fits a double exactly. */
const SHORT_CANONICAL_INT = /^(0|-?[1-9][0-9]{0,14})$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Exact decimal text of an int64/uint64 given as a JSON number or string ('0' when absent). */
export function integerText(v: unknown, path: JsonPath, key?: string | number, unsigned = false): string {
  if (v === undefined || v === null) return '0';
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || (unsigned && v < 0)) malformed(path, key, 'must be an integer');
    if (Number.isSafeInteger(v)) return String(v);
    if (path.stopOnRoundedInteger) throw new IngestRoundedIntegerError(`OTLP/JSON: ${path.describe(key)} is a JSON number beyond 2^53`);
    return BigInt(v).toString();
  }
  if (typeof v !== 'string') malformed(path, key, 'must be an integer (number or decimal string)');
  if (SHORT_CANONICAL_INT.test(v) && !(unsigned && v.charCodeAt(0) === 45)) return v;
  if (!INT_TEXT.test(v)) malformed(path, key, 'must be an integer (number or decimal string)');
  const big = BigInt(v);
  if (big < (unsigned ? 0n : INT64_MIN) || big > (unsigned ? UINT64_MAX : INT64_MAX)) malformed(path, key, 'is out of the 64-bit range');
  return big.toString();
}

/** An integer as a JS number (exact to 2^53; 0 when absent). */
export function integerNumber(v: unknown, path: JsonPath, key?: string | number, unsigned = false): number {
  if (typeof v === 'number' && Number.isSafeInteger(v) && (!unsigned || v >= 0)) return v;
  return Number(integerText(v, path, key, unsigned));
}

/** A double (0 when absent); accepts numbers, numeric strings and "NaN"/"Infinity"/"-Infinity". */
export function doubleOf(v: unknown, path: JsonPath, key?: string | number): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (v === 'NaN') return NaN;
    if (v === 'Infinity') return Infinity;
    if (v === '-Infinity') return -Infinity;
    const n = Number(v);
    if (v.trim() !== '' && !Number.isNaN(n)) return n;
  }
  return malformed(path, key, 'must be a number');
}

/** An enum given as an integer or by name (0 when absent). */
export function enumOf(v: unknown, path: JsonPath, key: string | number, names: ReadonlyMap<string, number>): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'string') {
    const n = names.get(v);
    if (n !== undefined) return n;
  }
  if (typeof v === 'number' || typeof v === 'string') return integerNumber(v, path, key) | 0;
  return malformed(path, key, 'must be an enum name or number');
}

/** A fixed64 nanosecond timestamp split into (ms, nanos); `present` is false for absent or 0. */
export class JsonTime {
  ms = 0;
  nanos = 0;
  present = false;

  read(v: unknown, path: JsonPath, key: string): this {
    this.ms = 0;
    this.nanos = 0;
    this.present = false;
    if (v === undefined || v === null) return this;
    if (typeof v === 'string' && v.length > 15 && v.length <= 20 && INT_TEXT.test(v) && v.charCodeAt(0) !== 45) {
      // Exact without BigInt: the last six digits are the sub-millisecond nanoseconds.
      this.ms = Number(v.slice(0, -6));
      this.nanos = Number(v.slice(-6));
    } else {
      const n = integerNumber(v, path, key, true);
      if (Number.isSafeInteger(n)) {
        this.ms = Math.floor(n / 1e6);
        this.nanos = n - this.ms * 1e6;
      } else {
        [this.ms, this.nanos] = splitNs(BigInt(n));
      }
    }
    this.present = this.ms !== 0 || this.nanos !== 0;
    return this;
  }
}

const HEX_ID = /^[0-9a-fA-F]*$/;

/**
 * Bytes of a trace/span id given as hex (OTLP/JSON) or, leniently, base64 (the generic
 * proto3 mapping); null when the text is neither. An absent id is an empty array.
 */
export function idBytes(v: unknown, path: JsonPath, key: string, expectedBytes: number): Uint8Array | null {
  const s = stringOf(v, path, key);
  if (s.length === 0) return new Uint8Array(0);
  if (s.length === expectedBytes * 2 && HEX_ID.test(s)) return Uint8Array.fromHex(s);
  try {
    const b = Uint8Array.fromBase64(s);
    return b.length === expectedBytes ? b : null;
  } catch {
    return null;
  }
}

/** Name→value map for an OTLP enum whose names are PREFIX_SUFFIX. */
export function enumNames(prefix: string, suffixes: readonly string[]): ReadonlyMap<string, number> {
  return new Map(suffixes.map((s, i) => [prefix + s, i]));
}

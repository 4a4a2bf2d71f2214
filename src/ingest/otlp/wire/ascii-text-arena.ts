/**
 * A batch-local dictionary of ASCII texts that are unique per row (histogram bucket JSON,
 * trace and span ids as hex), written byte by byte into one buffer instead of being
 * concatenated from small strings.
 * Concatenation makes rope strings that the engine must later flatten (measured at ~2.5 µs
 * per bucket text, most of the head-append cost); here `finish` decodes the whole buffer
 * once and every entry is a substring of that one flat string (no copy).
 *
 * Entries are contiguous and in order: an entry is whatever was written between the
 * previous `commit` and its own. Codes are 0..n-1 in commit order.
 */
import { InternalError } from '../../../common/index.ts';

const INITIAL_BYTES = 64 * 1024;
/** A buffer grown past this by one large request is given back at the next begin(). */
const RETAINED_BYTES = 4 * 1024 * 1024;
const ASCII = new TextDecoder('utf-8');
const HEX_DIGITS = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

export class AsciiTextArena {
  private bytes = new Uint8Array(INITIAL_BYTES);
  private length = 0;
  /** ends[k] = end offset of entry k (its start is ends[k - 1], or 0). */
  private ends = new Int32Array(1024);
  private count = 0;

  /** Forgets every entry (start of a batch). */
  begin(): void {
    this.length = 0;
    this.count = 0;
    if (this.bytes.length > RETAINED_BYTES) this.bytes = new Uint8Array(INITIAL_BYTES);
  }

  /** Ends the entry written since the last commit; returns its code. */
  commit(): number {
    if (this.count === this.ends.length) {
      const grown = new Int32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.ends[this.count] = this.length;
    return this.count++;
  }

  /** Appends the bytes of an ASCII-only constant (see `asciiBytes`). */
  constant(text: Uint8Array): void {
    const n = text.length;
    const at = this.reserve(n);
    const bytes = this.bytes;
    for (let i = 0; i < n; i++) bytes[at + i] = text[i];
  }

  /** Appends `buf[start, end)`, which must be ASCII. */
  copy(buf: Uint8Array, start: number, end: number): void {
    const at = this.reserve(end - start);
    const bytes = this.bytes;
    for (let i = start, p = at; i < end; i++, p++) bytes[p] = buf[i];
  }

  /** Appends a JS string made of ASCII characters only (number text, JSON punctuation). */
  text(s: string): void {
    const n = s.length;
    const at = this.reserve(n);
    const bytes = this.bytes;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) throw new InternalError(`non-ASCII character in ASCII text: ${JSON.stringify(s)}`);
      bytes[at + i] = c;
    }
  }

  /** Adds a whole entry from a JS string of ASCII characters; returns its code. */
  add(s: string): number {
    this.text(s);
    return this.commit();
  }

  /** Appends `buf[start, end)` as lowercase hex, two characters per byte. */
  hex(buf: Uint8Array, start: number, end: number): void {
    const at = this.reserve(2 * (end - start));
    const bytes = this.bytes;
    for (let i = start, p = at; i < end; i++, p += 2) {
      const b = buf[i];
      bytes[p] = HEX_DIGITS[b >>> 4];
      bytes[p + 1] = HEX_DIGITS[b & 15];
    }
  }

  /** Appends the decimal digits of an integer in [0, 2^53). */
  uint(v: number): void {
    if (v >= 0x80000000) {
      this.text(String(v));
      return;
    }
    let n = v | 0;
    let digits = 1;
    for (let t = n; t >= 10; t = (t / 10) | 0) digits++;
    const at = this.reserve(digits);
    const bytes = this.bytes;
    for (let p = at + digits - 1; p >= at; p--) {
      const q = (n / 10) | 0;
      bytes[p] = 0x30 + n - q * 10;
      n = q;
    }
  }

  /** Appends the decimal digits of a signed 32-bit integer. */
  int(v: number): void {
    if (v < 0) {
      this.bytes[this.reserve(1)] = 0x2d; // '-'
      this.uint(-v);
    } else this.uint(v);
  }

  /** Entries committed since begin(). */
  get size(): number {
    return this.count;
  }

  /** The entries as strings: one decode of the buffer, then substrings of it. */
  finish(): string[] {
    const n = this.count;
    const out = new Array<string>(n);
    if (n === 0) return out;
    const all = ASCII.decode(this.bytes.subarray(0, this.length));
    let start = 0;
    for (let k = 0; k < n; k++) {
      const end = this.ends[k];
      out[k] = all.slice(start, end);
      start = end;
    }
    return out;
  }

  /** Makes room for `n` more bytes; returns where they go. */
  private reserve(n: number): number {
    const at = this.length;
    if (at + n > this.bytes.length) {
      let cap = this.bytes.length * 2;
      while (cap < at + n) cap *= 2;
      const grown = new Uint8Array(cap);
      grown.set(this.bytes.subarray(0, at));
      this.bytes = grown;
    }
    this.length = at + n;
    return at;
  }
}

/** An ASCII constant as bytes, for `AsciiTextArena.constant`. */
export function asciiBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) throw new InternalError(`non-ASCII constant ${JSON.stringify(s)}`);
    out[i] = c;
  }
  return out;
}

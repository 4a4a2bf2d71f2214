/**
 * A growable output buffer for page encoders. One sink is reused across pages (reset()),
 * so encoding a part allocates a handful of buffers, not one per page.
 */
const textEncoder = new TextEncoder();

/** Append-only bytes with little-endian and varint writers. */
export class ByteSink {
  buf: Uint8Array;
  view: DataView;
  length = 0;

  constructor(initialBytes = 1 << 16) {
    this.buf = new Uint8Array(initialBytes);
    this.view = new DataView(this.buf.buffer);
  }

  reset(): void {
    this.length = 0;
  }

  /** Makes room for `extra` more bytes. */
  ensure(extra: number): void {
    const need = this.length + extra;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** The bytes written so far, as a view (valid until the next write or reset). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.length++] = b;
  }

  u32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }

  /** Unsigned LEB128 of an integer in [0, 2^53). */
  varint(v: number): void {
    this.ensure(10);
    while (v >= 0x80) {
      this.buf[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.length++] = v;
  }

  /** Zigzag LEB128 of an integer with |v| < 2^52. */
  zigzag(v: number): void {
    this.varint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  /** Zigzag LEB128 of any int64. */
  zigzagBig(v: bigint): void {
    let u = BigInt.asUintN(64, (v << 1n) ^ (v >> 63n));
    this.ensure(10);
    while (u >= 0x80n) {
      this.buf[this.length++] = Number(u & 0x7fn) | 0x80;
      u >>= 7n;
    }
    this.buf[this.length++] = Number(u);
  }

  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** PLAIN BYTE_ARRAY: 4-byte length then the UTF-8 bytes of `s`. Returns the byte length. */
  lengthPrefixedUtf8(s: string): number {
    this.ensure(4 + s.length * 3);
    const { written } = textEncoder.encodeInto(s, this.buf.subarray(this.length + 4));
    this.view.setUint32(this.length, written, true);
    this.length += 4 + written;
    return written;
  }
}

/**
 * Protobuf wire-format primitives over one request buffer. Nested messages are read
 * with the same reader and an explicit `end` (no sub-readers, no copies). Every read is
 * bounds-checked; any violation throws IngestRejectedError, which the receivers answer
 * with 400, so no input can crash the process or read outside the buffer.
 *
 * 64-bit values are delivered as two 32-bit halves in `lo` (unsigned) and `hi` (signed)
 * so that the hot path never touches BigInt.
 */
import { IngestRejectedError } from '../../errors.ts';

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_SGROUP = 3;
export const WIRE_EGROUP = 4;
export const WIRE_I32 = 5;

const MAX_GROUP_DEPTH = 32;

export class WireReader {
  readonly buf: Uint8Array;
  private readonly view: DataView;
  pos = 0;
  /** Low 32 bits (unsigned) of the last 64-bit read. */
  lo = 0;
  /** High 32 bits (signed) of the last 64-bit read. */
  hi = 0;

  constructor(buf: Uint8Array) {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** Throws the malformed-input error with the current byte offset. */
  fail(what: string): never {
    throw new IngestRejectedError(`malformed protobuf: ${what} at byte ${this.pos}`);
  }

  /** Reads a varint as an unsigned 32-bit number (higher bits dropped, as protobuf does for 32-bit fields). */
  uint32(): number {
    const buf = this.buf;
    let pos = this.pos;
    if (pos >= buf.length) this.fail('truncated varint');
    let b = buf[pos++];
    if (b < 0x80) {
      this.pos = pos;
      return b;
    }
    let value = b & 0x7f;
    let shift = 7;
    for (;;) {
      if (pos >= buf.length) {
        this.pos = pos;
        this.fail('truncated varint');
      }
      b = buf[pos++];
      if (shift < 32) value |= (b & 0x7f) << shift;
      if (b < 0x80) break;
      shift += 7;
      if (shift >= 70) {
        this.pos = pos;
        this.fail('varint longer than 10 bytes');
      }
    }
    this.pos = pos;
    return value >>> 0;
  }

  /** Reads a varint as a signed 32-bit number (int32/enum fields). */
  int32(): number {
    return this.uint32() | 0;
  }

  /** Reads a varint into `lo`/`hi`. */
  varint64(): void {
    const buf = this.buf;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    let b = 0;
    let i = 0;
    for (; i < 4; i++) {
      if (pos >= buf.length) this.failAt(pos, 'truncated varint');
      b = buf[pos++];
      lo |= (b & 0x7f) << (i * 7);
      if (b < 0x80) {
        this.lo = lo >>> 0;
        this.hi = 0;
        this.pos = pos;
        return;
      }
    }
    // Byte 5 holds bits 28..34: four go to lo, three to hi.
    if (pos >= buf.length) this.failAt(pos, 'truncated varint');
    b = buf[pos++];
    lo |= (b & 0x0f) << 28;
    hi = (b & 0x7f) >> 4;
    if (b >= 0x80) {
      for (i = 0; ; i++) {
        if (i >= 5) this.failAt(pos, 'varint longer than 10 bytes');
        if (pos >= buf.length) this.failAt(pos, 'truncated varint');
        b = buf[pos++];
        hi |= (b & 0x7f) << (i * 7 + 3);
        if (b < 0x80) break;
      }
    }
    this.lo = lo >>> 0;
    this.hi = hi | 0;
    this.pos = pos;
  }

  /** Reads a little-endian fixed32 (unsigned). */
  fixed32(): number {
    const pos = this.pos;
    if (pos + 4 > this.buf.length) this.fail('truncated fixed32');
    this.pos = pos + 4;
    return this.view.getUint32(pos, true);
  }

  /** Reads a little-endian fixed64/sfixed64 into `lo`/`hi`. */
  fixed64(): void {
    const pos = this.pos;
    if (pos + 8 > this.buf.length) this.fail('truncated fixed64');
    this.lo = this.view.getUint32(pos, true);
    this.hi = this.view.getInt32(pos + 4, true);
    this.pos = pos + 8;
  }

  /** Reads a little-endian double. */
  double(): number {
    const pos = this.pos;
    if (pos + 8 > this.buf.length) this.fail('truncated double');
    this.pos = pos + 8;
    return this.view.getFloat64(pos, true);
  }

  /** Reads the length prefix of a LEN field and returns where its payload ends (within `end`). */
  lengthEnd(end: number): number {
    const len = this.uint32();
    const payloadEnd = this.pos + len;
    if (len > 0x7fffffff || payloadEnd > end) this.fail('length-delimited field runs past its message');
    return payloadEnd;
  }

  /** Skips one field of `wireType` whose tag was just read. */
  skip(wireType: number, end: number, fieldNumber: number, depth = 0): void {
    if (fieldNumber === 0) this.fail('field number 0');
    switch (wireType) {
      case WIRE_VARINT:
        this.varint64();
        return;
      case WIRE_I64:
        this.advance(8, end);
        return;
      case WIRE_LEN:
        this.pos = this.lengthEnd(end);
        return;
      case WIRE_I32:
        this.advance(4, end);
        return;
      case WIRE_SGROUP:
        this.skipGroup(end, fieldNumber, depth);
        return;
      default:
        this.fail(`invalid wire type ${wireType}`);
    }
  }

  /** Throws unless the current field has the expected wire type. */
  expect(wireType: number, expected: number, field: string): void {
    if (wireType !== expected) this.fail(`field ${field} has wire type ${wireType}, expected ${expected}`);
  }

  /** Throws unless the message ended exactly at `end`. */
  finishMessage(end: number): void {
    if (this.pos !== end) this.fail('message overruns its length');
  }

  private advance(n: number, end: number): void {
    if (this.pos + n > end) this.fail('truncated field');
    this.pos += n;
  }

  private skipGroup(end: number, fieldNumber: number, depth: number): void {
    if (depth >= MAX_GROUP_DEPTH) this.fail('groups nested too deeply');
    while (this.pos < end) {
      const tag = this.uint32();
      const wt = tag & 7;
      if (wt === WIRE_EGROUP) {
        if (tag >>> 3 !== fieldNumber) this.fail('mismatched end-group');
        return;
      }
      this.skip(wt, end, tag >>> 3, depth + 1);
    }
    this.fail('unterminated group');
  }

  private failAt(pos: number, what: string): never {
    this.pos = pos;
    this.fail(what);
  }
}

/** The value of a two's-complement 64-bit integer given as halves, exactly when |v| <= 2^53. */
export function int64FromHalves(lo: number, hi: number): number {
  return hi * 4294967296 + lo;
}

/** True when halves represent an integer that a float64 holds exactly. */
export function isSafeInt64(hi: number): boolean {
  return hi >= -2097152 && hi < 2097152;
}

/** Exact decimal text of a two's-complement 64-bit integer given as halves. */
export function int64DecimalFromHalves(lo: number, hi: number): string {
  if (isSafeInt64(hi)) return String(int64FromHalves(lo, hi));
  return ((BigInt(hi) << 32n) | BigInt(lo >>> 0)).toString();
}

const SMALL_INT_TEXT: readonly string[] = Array.from({ length: 4096 }, (_, i) => String(i));

/** Exact decimal text of an unsigned 64-bit integer given as halves (hi read as signed). */
export function uint64DecimalFromHalves(lo: number, hi: number): string {
  if (hi === 0 && lo < 4096) return SMALL_INT_TEXT[lo];
  const uhi = hi >>> 0;
  if (uhi < 2097152) return String(uhi * 4294967296 + lo);
  return ((BigInt(uhi) << 32n) | BigInt(lo >>> 0)).toString();
}

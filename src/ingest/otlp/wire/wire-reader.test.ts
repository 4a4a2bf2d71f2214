import { describe, expect, test } from 'bun:test';
import { IngestRejectedError } from '../../errors.ts';
import { int64DecimalFromHalves, uint64DecimalFromHalves, WireReader } from './wire-reader.ts';

function varintBytes(v: bigint): number[] {
  let x = BigInt.asUintN(64, v);
  const out: number[] = [];
  do {
    let b = Number(x & 0x7fn);
    x >>= 7n;
    if (x !== 0n) b |= 0x80;
    out.push(b);
  } while (x !== 0n);
  return out;
}

describe('WireReader', () => {
  test('varint64 matches BigInt for small, large and negative values', () => {
    const values = [0n, 1n, 127n, 128n, 300n, 2n ** 28n - 1n, 2n ** 28n, 2n ** 31n, 2n ** 32n + 5n, 2n ** 35n + 3n, 2n ** 53n + 1n, 2n ** 63n - 1n, -1n, -(2n ** 63n), -123456789012n];
    for (const v of values) {
      const r = new WireReader(new Uint8Array(varintBytes(v)));
      r.varint64();
      expect(int64DecimalFromHalves(r.lo, r.hi)).toBe(BigInt.asIntN(64, v).toString());
      expect(uint64DecimalFromHalves(r.lo, r.hi)).toBe(BigInt.asUintN(64, v).toString());
      expect(r.pos).toBe(varintBytes(v).length);
    }
  });

  test('uint32 and int32 keep the low 32 bits (negative enums use 10 bytes)', () => {
    const r = new WireReader(new Uint8Array([...varintBytes(300n), ...varintBytes(-5n), ...varintBytes(2n ** 32n + 7n)]));
    expect(r.uint32()).toBe(300);
    expect(r.int32()).toBe(-5);
    expect(r.uint32()).toBe(7);
  });

  test('fixed64, fixed32 and double are little-endian', () => {
    const buf = new Uint8Array(20);
    const dv = new DataView(buf.buffer);
    dv.setBigUint64(0, 1796004426302000123n, true);
    dv.setUint32(8, 0xdeadbeef, true);
    dv.setFloat64(12, -2.5, true);
    const r = new WireReader(buf);
    r.fixed64();
    expect(uint64DecimalFromHalves(r.lo, r.hi)).toBe('1796004426302000123');
    expect(r.fixed32()).toBe(0xdeadbeef);
    expect(r.double()).toBe(-2.5);
  });

  test('every truncation or overrun is an IngestRejectedError', () => {
    const cases: [number[], (r: WireReader) => void][] = [
      [[0x80], (r) => r.uint32()],
      [[0x80, 0x80], (r) => r.varint64()],
      [Array(11).fill(0xff), (r) => r.varint64()],
      [[1, 2, 3], (r) => r.fixed64()],
      [[1, 2], (r) => r.fixed32()],
      [[1, 2, 3, 4, 5, 6, 7], (r) => r.double()],
      [[0x05, 1, 2], (r) => r.lengthEnd(3)],
      [[0xff, 0xff, 0xff, 0xff, 0x0f], (r) => r.lengthEnd(5)],
      [[0x0a], (r) => r.skip(7, 1, 1)],
      [[0x00], (r) => r.skip(0, 1, 0)],
      [[0x0b], (r) => r.skip(3, 1, 1)],
    ];
    for (const [bytes, read] of cases) {
      const r = new WireReader(new Uint8Array(bytes));
      expect(() => read(r)).toThrow(IngestRejectedError);
    }
  });

  test('skip handles every wire type, including groups', () => {
    // field 1 varint, field 2 fixed64, field 3 LEN(2), field 4 group { field 5 varint }, field 6 fixed32
    const bytes = [0x08, 0x96, 0x01, 0x11, 1, 2, 3, 4, 5, 6, 7, 8, 0x1a, 2, 9, 9, 0x23, 0x28, 1, 0x24, 0x35, 1, 2, 3, 4];
    const r = new WireReader(new Uint8Array(bytes));
    const fields: number[] = [];
    while (r.pos < bytes.length) {
      const tag = r.uint32();
      fields.push(tag >>> 3);
      r.skip(tag & 7, bytes.length, tag >>> 3);
    }
    expect(fields).toEqual([1, 2, 3, 4, 6]);
    expect(() => {
      const bad = new WireReader(new Uint8Array([0x23, 0x2c]));
      const tag = bad.uint32();
      bad.skip(tag & 7, 2, tag >>> 3);
    }).toThrow(/end-group/);
  });
});

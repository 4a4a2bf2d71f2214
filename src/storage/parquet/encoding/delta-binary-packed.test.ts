import { describe, expect, test } from 'bun:test';
import { joinNs, splitNs } from '../../../columnar/index.ts';
import { PartCorruptError } from '../part-corrupt-error.ts';
import { ByteSink } from './byte-sink.ts';
import { encodeDeltaFloat, encodeDeltaSplit } from './delta-binary-packed.ts';
import { decodeDeltaSplit } from './delta-decoder.ts';
import { decodeDeltaFloat } from './delta-float-decoder.ts';

function splitAll(ns: readonly bigint[]): { ms: Float64Array; nanos: Int32Array } {
  const ms = new Float64Array(ns.length);
  const nanos = new Int32Array(ns.length);
  ns.forEach((v, i) => ([ms[i], nanos[i]] = splitNs(v)));
  return { ms, nanos };
}

function roundTripSplit(ns: readonly bigint[]): bigint[] {
  const { ms, nanos } = splitAll(ns);
  const sink = new ByteSink(8);
  encodeDeltaSplit(sink, ms, nanos, 0, ns.length);
  const outMs = new Float64Array(ns.length);
  const outNanos = new Int32Array(ns.length);
  const end = decodeDeltaSplit(sink.bytes(), 0, sink.length, ns.length, outMs, outNanos, 0);
  expect(end).toBe(sink.length);
  return Array.from(outMs, (m, i) => joinNs(m, outNanos[i]));
}

const BASE = 1_764_460_800_123_456_789n;

describe('DELTA_BINARY_PACKED', () => {
  test('timestamps: sorted series, jitter, series boundaries, lengths around block sizes', () => {
    for (const n of [0, 1, 2, 31, 32, 33, 127, 128, 129, 1000]) {
      const ns = Array.from({ length: n }, (_, i) => BASE + BigInt(i % 240) * 15_000_000_000n + BigInt((i * 7919) % 4_000_000));
      expect(roundTripSplit(ns)).toEqual(ns);
    }
  });

  test('timestamps: int64 extremes and wrap-around take the exact path', () => {
    const edge = [0n, -1n, 9_223_372_036_854_775_807n, -9_223_372_036_854_775_808n, 1n, -9_223_372_036_854_775_807n, 9_223_372_036_854_775_806n, BASE, -BASE];
    const ns = Array.from({ length: 300 }, (_, i) => edge[i % edge.length]);
    expect(roundTripSplit(ns)).toEqual(ns);
    expect(roundTripSplit([9_223_372_036_854_775_807n, -9_223_372_036_854_775_808n])).toEqual([9_223_372_036_854_775_807n, -9_223_372_036_854_775_808n]);
  });

  test('int64 as doubles, including ±2^53 and wide jumps', () => {
    const values = Float64Array.from({ length: 700 }, (_, i) => (i % 3 === 0 ? 2 ** 53 - 1 - i : i % 3 === 1 ? -(2 ** 53) + 1 + i : (i * 31) % 97));
    const sink = new ByteSink(8);
    encodeDeltaFloat(sink, values, 0, values.length);
    const out = new Float64Array(values.length);
    decodeDeltaFloat(sink.bytes(), 0, sink.length, values.length, out, 0);
    expect(out).toEqual(values);
    const small = Float64Array.from({ length: 500 }, (_, i) => Math.floor(i / 7) * 3 - 40);
    const s2 = new ByteSink(8);
    encodeDeltaFloat(s2, small, 0, small.length);
    const o2 = new Float64Array(500);
    decodeDeltaFloat(s2.bytes(), 0, s2.length, 500, o2, 0);
    expect(o2).toEqual(small);
    expect(s2.length).toBeLessThan(500 / 2); // ~2-bit deltas
  });

  test('corrupt or truncated pages throw PartCorruptError', () => {
    const ns = Array.from({ length: 400 }, (_, i) => BASE + BigInt(i) * 1000n);
    const { ms, nanos } = splitAll(ns);
    const sink = new ByteSink(8);
    encodeDeltaSplit(sink, ms, nanos, 0, ns.length);
    const bytes = sink.bytes().slice();
    for (let cut = 0; cut < bytes.length - 1; cut += 3) {
      expect(() => decodeDeltaSplit(bytes, 0, cut, 400, new Float64Array(400), new Int32Array(400), 0)).toThrow(PartCorruptError);
    }
    expect(() => decodeDeltaSplit(bytes, 0, bytes.length, 399, new Float64Array(400), new Int32Array(400), 0)).toThrow(PartCorruptError);
  });

  test('random int64 sequences decode exactly (timestamps and doubles), fast and exact paths mixed', () => {
    let seed = 12345;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const rand64 = (): bigint => BigInt.asIntN(64, (BigInt(Math.floor(rand() * 2 ** 32)) << 32n) | BigInt(Math.floor(rand() * 2 ** 32)));
    const shapes: ((i: number, prev: bigint) => bigint)[] = [
      (i) => BASE + BigInt(i) * 15_000_000_000n, // constant stride
      (_, prev) => prev + BigInt(Math.floor(rand() * 2 ** 20)), // small jitter
      (_, prev) => prev + BigInt(Math.floor((rand() - 0.5) * 2 ** 50)), // wide, both signs
      (i, prev) => (i % 97 === 0 ? rand64() : prev + 1_000n), // occasional 64-bit jumps
      () => rand64(), // nothing but wide deltas
      (i) => (i % 2 === 0 ? 9_223_372_036_854_775_000n + BigInt(i) : -9_223_372_036_854_775_000n - BigInt(i)), // wrap-around every step
      (_, prev) => prev + BigInt(Math.floor(rand() * 2 ** 40)) * 4096n, // deltas up to 2^52
      (i) => -BASE + BigInt(i) * 999_999n, // before 1970
    ];
    for (const shape of shapes) {
      for (const n of [1, 2, 129, 1000, 4100]) {
        const ns: bigint[] = [];
        let prev = BASE;
        for (let i = 0; i < n; i++) {
          prev = BigInt.asIntN(64, shape(i, prev));
          ns.push(prev);
        }
        expect(roundTripSplit(ns)).toEqual(ns);
        // As doubles: the encoder takes integral doubles, so feed it the safe ones only
        // and check the exact BigInt-written pages through decodeDeltaFloat's rounding.
        const { ms, nanos } = splitAll(ns);
        const sink = new ByteSink(8);
        encodeDeltaSplit(sink, ms, nanos, 0, n);
        const out = new Float64Array(n);
        decodeDeltaFloat(sink.bytes(), 0, sink.length, n, out, 0);
        expect(Array.from(out)).toEqual(ns.map((v) => Number(v)));
      }
    }
  });
});

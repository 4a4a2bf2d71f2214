import { describe, expect, test } from 'bun:test';
import { formatRfc3339Nanos, joinNs, splitNs, splitNsHalves } from './timestamp.ts';

function halves(ns: bigint): [number, number] {
  const u = BigInt.asUintN(64, ns);
  return [Number(u & 0xffffffffn), Number(BigInt.asIntN(32, u >> 32n))];
}

describe('timestamp split', () => {
  const samples = [0n, 1n, -1n, 999_999n, 1_000_000n, -1_000_001n, 1_764_504_000_123_456_789n, (1n << 63n) - 1n, -(1n << 63n)];
  test('splitNs and joinNs round-trip, nanos in range', () => {
    for (const ns of samples) {
      const [ms, nanos] = splitNs(ns);
      expect(nanos).toBeGreaterThanOrEqual(0);
      expect(nanos).toBeLessThan(1_000_000);
      expect(joinNs(ms, nanos)).toBe(ns);
    }
  });
  test('splitNsHalves agrees with splitNs for every int64 sample', () => {
    for (const ns of samples) {
      const [lo, hi] = halves(ns);
      expect(splitNsHalves(lo, hi)).toEqual(splitNs(ns));
    }
    for (let i = 0; i < 10_000; i++) {
      const ns = BigInt.asIntN(64, BigInt(Math.floor(Math.random() * 2 ** 32)) * 4294967296n + BigInt(Math.floor(Math.random() * 2 ** 32)));
      const [lo, hi] = halves(ns);
      expect(splitNsHalves(lo, hi)).toEqual(splitNs(ns));
    }
  });
  test('formats RFC 3339 with nanoseconds', () => {
    const [ms, nanos] = splitNs(1_764_504_000_123_456_789n);
    expect(formatRfc3339Nanos(ms, nanos)).toBe('2025-11-30T12:00:00.123456789Z');
  });
});

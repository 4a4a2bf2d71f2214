import { describe, expect, test } from 'bun:test';
import type { Vec } from '../values/vec.ts';
import { findScalarFunction } from './function-registry.ts';

describe('date_bin fast path', () => {
  test('a literal whole-millisecond stride bins exactly as the general path', () => {
    const def = findScalarFunction('date_bin');
    if (def === undefined) throw new Error('date_bin');
    let seed = 5;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const n = 2000;
    const ms = new Float64Array(n);
    const nanos = new Int32Array(n);
    let t = -86_400_000 * 3; // from before 1970, in sorted runs with jumps back
    for (let i = 0; i < n; i++) {
      t += i % 100 === 0 ? -5_000_000 : Math.floor(rand() * 20_000);
      ms[i] = t;
      nanos[i] = Math.floor(rand() * 1_000_000);
    }
    const validity = Uint8Array.from({ length: n }, (_, i) => (i % 97 === 5 ? 0 : 1));
    const ts: Vec = { type: 'timestamp', length: n, ms, nanos, validity };
    for (const strideMs of [1, 1000, 15_000, 60_000, 3_600_000, 7 * 86_400_000]) {
      const stride: Vec = { type: 'interval', length: n, months: new Float64Array(n), ms: new Float64Array(n).fill(strideMs), nanos: new Int32Array(n), validity: null };
      // All-valid validity makes the stride non-uniform in form: the general, per-row path.
      const general = def.evaluate([{ ...stride, validity: new Uint8Array(n).fill(1) }, ts], n, [undefined, undefined], 'timestamp');
      const fast = def.evaluate([stride, ts], n, [{ kind: 'interval', months: 0, ms: strideMs, nanos: 0 }, undefined], 'timestamp');
      const rows = (v: Vec) => (v.type === 'timestamp' ? Array.from(v.ms, (m, i) => (v.validity !== null && v.validity[i] === 0 ? null : [m, v.nanos[i]])) : []);
      expect(rows(fast)).toEqual(rows(general));
    }
  });
});

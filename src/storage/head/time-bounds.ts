/**
 * The time window a scan's predicates allow, derived from `compare`/`in` predicates on
 * the `timestamp` column (bigint ns literals). Used to skip partitions, parts and head
 * chunks before any I/O. Bounds are inclusive; null means unbounded.
 */
import type { ScanPredicate } from '../../columnar/index.ts';

export interface TimeBounds {
  readonly minNs: bigint | null;
  readonly maxNs: bigint | null;
}

/** Inclusive [minNs, maxNs] every matching row lies in; `empty` when no row can match. */
export function timeBoundsOf(predicates: readonly ScanPredicate[], column = 'timestamp'): TimeBounds & { readonly empty: boolean } {
  let minNs: bigint | null = null;
  let maxNs: bigint | null = null;
  const raiseMin = (v: bigint): void => {
    if (minNs === null || v > minNs) minNs = v;
  };
  const lowerMax = (v: bigint): void => {
    if (maxNs === null || v < maxNs) maxNs = v;
  };
  for (const p of predicates) {
    if (p.column !== column) continue;
    if (p.kind === 'compare' && typeof p.value === 'bigint') {
      const v = p.value;
      switch (p.op) {
        case '=':
          raiseMin(v);
          lowerMax(v);
          break;
        case '>':
          raiseMin(v + 1n);
          break;
        case '>=':
          raiseMin(v);
          break;
        case '<':
          lowerMax(v - 1n);
          break;
        case '<=':
          lowerMax(v);
          break;
        case '!=':
          break;
      }
    } else if (p.kind === 'in' && p.values.length > 0 && p.values.every((v) => typeof v === 'bigint')) {
      const vs = p.values as readonly bigint[];
      let lo = vs[0];
      let hi = vs[0];
      for (const v of vs) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      raiseMin(lo);
      lowerMax(hi);
    } else if (p.kind === 'null' && p.isNull) {
      // timestamp is never null in any table: nothing matches.
      return { minNs: 0n, maxNs: -1n, empty: true };
    }
  }
  const empty = minNs !== null && maxNs !== null && minNs > maxNs;
  return { minNs, maxNs, empty };
}

/** True when [lo, hi] (ns, inclusive) intersects the bounds. */
export function overlapsBounds(bounds: TimeBounds, lo: bigint, hi: bigint): boolean {
  if (bounds.minNs !== null && hi < bounds.minNs) return false;
  if (bounds.maxNs !== null && lo > bounds.maxNs) return false;
  return true;
}

/** floor(ns / 1e6) for any sign: the ms value a split timestamp with this ns has. */
export function floorMs(ns: bigint): number {
  const q = ns / 1_000_000n;
  return Number(ns < 0n && q * 1_000_000n !== ns ? q - 1n : q);
}

/** True when rows whose ms lie in [loMs, hiMs] may satisfy the bounds. */
export function overlapsBoundsMs(bounds: TimeBounds, loMs: number, hiMs: number): boolean {
  if (bounds.minNs !== null && hiMs < floorMs(bounds.minNs)) return false;
  if (bounds.maxNs !== null && loMs > floorMs(bounds.maxNs)) return false;
  return true;
}

/**
 * A small deterministic pseudo-random generator (mulberry32) for generated data that must
 * be the same on every run: `pharlux bench ingest` requests, benchmark data sets, test
 * fixtures. Not for anything secret.
 */

/** Returns a generator of floats in [0, 1) fully determined by `seed`. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Open-addressing hash table from pairs of non-negative int32 (a, b) to dense ids.
 * Combines per-column key ids into group ids for multi-column GROUP BY and joins, and
 * deduplicates (group, value) pairs for aggregate DISTINCT. Pairs can be read back by
 * id, which is how multi-column group keys are recovered for output.
 */
const EMPTY = -1;

export class PairHashTable {
  private slots: Int32Array;
  private as: Int32Array;
  private bs: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.slots = new Int32Array(cap).fill(EMPTY);
    this.as = new Int32Array(Math.max(16, capacity));
    this.bs = new Int32Array(Math.max(16, capacity));
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  firstOf(id: number): number {
    return this.as[id];
  }

  secondOf(id: number): number {
    return this.bs[id];
  }

  private static hash(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
    h ^= h >>> 16;
    return Math.imul(h, 0x27d4eb2d) ^ (h >>> 13);
  }

  /** Id of (a, b), inserting when new. `isNew` tells the caller whether it was inserted. */
  intern(a: number, b: number): number {
    let s = PairHashTable.hash(a, b) & this.mask;
    for (;;) {
      const id = this.slots[s];
      if (id === EMPTY) break;
      if (this.as[id] === a && this.bs[id] === b) return id;
      s = (s + 1) & this.mask;
    }
    const id = this.count++;
    if (id >= this.as.length) {
      const na = new Int32Array(this.as.length * 2);
      na.set(this.as);
      this.as = na;
      const nb = new Int32Array(this.bs.length * 2);
      nb.set(this.bs);
      this.bs = nb;
    }
    this.as[id] = a;
    this.bs[id] = b;
    this.slots[s] = id;
    if (this.count * 2 > this.slots.length) this.rehash();
    return id;
  }

  /** Id of (a, b) or -1. */
  find(a: number, b: number): number {
    let s = PairHashTable.hash(a, b) & this.mask;
    for (;;) {
      const id = this.slots[s];
      if (id === EMPTY) return -1;
      if (this.as[id] === a && this.bs[id] === b) return id;
      s = (s + 1) & this.mask;
    }
  }

  private rehash(): void {
    const cap = this.slots.length * 2;
    this.slots = new Int32Array(cap).fill(EMPTY);
    this.mask = cap - 1;
    for (let id = 0; id < this.count; id++) {
      let s = PairHashTable.hash(this.as[id], this.bs[id]) & this.mask;
      while (this.slots[s] !== EMPTY) s = (s + 1) & this.mask;
      this.slots[s] = id;
    }
  }

  bytes(): number {
    return this.slots.byteLength + this.as.byteLength + this.bs.byteLength;
  }
}

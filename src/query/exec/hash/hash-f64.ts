/**
 * Open-addressing hash table from float64 keys to dense ids (0, 1, 2, ... in insertion
 * order). -0 is stored as 0 and every NaN as one key, so SQL equality and grouping
 * agree. Keys are hashed by their bit pattern.
 */
const EMPTY = -1;

export class F64HashTable {
  private slots: Int32Array;
  private keys: Float64Array;
  private mask: number;
  private count = 0;
  private readonly scratch = new Float64Array(1);
  private readonly scratchBits = new Uint32Array(this.scratch.buffer);

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.slots = new Int32Array(cap).fill(EMPTY);
    this.keys = new Float64Array(Math.max(16, capacity));
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The key of id k. */
  keyAt(k: number): number {
    return this.keys[k];
  }

  private hash(x: number): number {
    this.scratch[0] = x;
    let h = Math.imul(this.scratchBits[0] ^ Math.imul(this.scratchBits[1], 0x85ebca6b), 0x9e3779b1);
    h ^= h >>> 15;
    return h;
  }

  /** Id of `x`, inserting it when new. */
  intern(x: number): number {
    if (x === 0) x = 0;
    else if (x !== x) x = NaN;
    let s = this.hash(x) & this.mask;
    for (;;) {
      const id = this.slots[s];
      if (id === EMPTY) break;
      const k = this.keys[id];
      if (k === x || (k !== k && x !== x)) return id;
      s = (s + 1) & this.mask;
    }
    const id = this.count++;
    if (id >= this.keys.length) {
      const grown = new Float64Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.keys[id] = x;
    this.slots[s] = id;
    if (this.count * 2 > this.slots.length) this.rehash();
    return id;
  }

  /** Id of `x`, or -1 when absent. */
  find(x: number): number {
    if (x === 0) x = 0;
    let s = this.hash(x) & this.mask;
    for (;;) {
      const id = this.slots[s];
      if (id === EMPTY) return -1;
      const k = this.keys[id];
      if (k === x || (k !== k && x !== x)) return id;
      s = (s + 1) & this.mask;
    }
  }

  private rehash(): void {
    const cap = this.slots.length * 2;
    this.slots = new Int32Array(cap).fill(EMPTY);
    this.mask = cap - 1;
    for (let id = 0; id < this.count; id++) {
      let s = this.hash(this.keys[id]) & this.mask;
      while (this.slots[s] !== EMPTY) s = (s + 1) & this.mask;
      this.slots[s] = id;
    }
  }

  bytes(): number {
    return this.slots.byteLength + this.keys.byteLength;
  }
}

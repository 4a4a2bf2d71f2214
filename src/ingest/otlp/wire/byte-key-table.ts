/**
 * An open-addressing hash table keyed by byte ranges, mapping each distinct key to an
 * int. This is what lets the decoders make a JS string once per distinct value: they look
 * up the UTF-8 bytes first and only decode on a miss (PERF-NOTES: 2.5M vs 0.8M points/s).
 * Keys are copied into one arena; `clear()` forgets everything at once.
 */
const EMPTY = 0;
/** Past these sizes, clear() reallocates instead of keeping the grown arrays. */
const RETAINED_ARENA_BYTES = 4 * 1024 * 1024;
const RETAINED_ENTRIES = 1 << 16;

/**
 * Hashes bytes [start, end) of `buf` (`view` is a DataView over the same bytes): two
 * independent FNV-style lanes over 4-byte words (the lanes run in parallel on the CPU),
 * then an avalanche so the low bits that pick the slot depend on every byte.
 */
export function hashBytes(buf: Uint8Array, view: DataView, start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start);
  let g = 0x27d4eb2d;
  let i = start;
  const end8 = end - 7;
  for (; i < end8; i += 8) {
    h = Math.imul(h ^ view.getInt32(i, true), 0x01000193);
    g = Math.imul(g ^ view.getInt32(i + 4, true), 0x01000193);
  }
  for (; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  h ^= g;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

export class ByteKeyTable {
  private slots: Int32Array;
  private mask: number;
  private hashes: Int32Array;
  private keyStart: Int32Array;
  private keyLen: Int32Array;
  private values: Int32Array;
  private arena: Uint8Array;
  private arenaView: DataView;
  private arenaUsed = 0;
  // The DataView of the buffer last looked up in (one request body serves many lookups).
  // This keeps the last request body alive until the next lookup or clear(): bounded by
  // max_decompressed_bytes per decoder, usually ~100 KB.
  private lastBuf: Uint8Array | null = null;
  private lastView: DataView = new DataView(new ArrayBuffer(0));
  /** Number of entries. */
  size = 0;
  private pendingHash = 0;
  private pendingSlot = 0;

  constructor(initialEntries = 1024) {
    const cap = nextPowerOfTwo(Math.max(16, initialEntries * 2));
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    this.hashes = new Int32Array(initialEntries);
    this.keyStart = new Int32Array(initialEntries);
    this.keyLen = new Int32Array(initialEntries);
    this.values = new Int32Array(initialEntries);
    this.arena = new Uint8Array(initialEntries * 32);
    this.arenaView = new DataView(this.arena.buffer);
  }

  /** Bytes held by keys. */
  get arenaBytes(): number {
    return this.arenaUsed;
  }

  /**
   * The value stored for key `buf[start, end)`, or -1. A miss remembers where the key
   * belongs, so `insert` with the same key must follow before any other `find`.
   */
  find(buf: Uint8Array, start: number, end: number): number {
    const view = this.viewOf(buf);
    const h = hashBytes(buf, view, start, end);
    const len = end - start;
    let slot = h & this.mask;
    for (;;) {
      const e = this.slots[slot];
      if (e === EMPTY) break;
      const idx = e - 1;
      if (this.hashes[idx] === h && this.keyLen[idx] === len && this.sameBytes(this.keyStart[idx], buf, view, start, end)) return this.values[idx];
      slot = (slot + 1) & this.mask;
    }
    this.pendingHash = h;
    this.pendingSlot = slot;
    return -1;
  }

  /**
   * True when entry `idx` (the idx-th key inserted since the last clear) is the key
   * `buf[start, end)`: a check of a predicted entry without hashing. Does not disturb a
   * pending insert.
   */
  keyEquals(idx: number, buf: Uint8Array, start: number, end: number): boolean {
    if (idx < 0 || idx >= this.size || this.keyLen[idx] !== end - start) return false;
    return this.sameBytes(this.keyStart[idx], buf, this.viewOf(buf), start, end);
  }

  private viewOf(buf: Uint8Array): DataView {
    if (buf !== this.lastBuf) {
      this.lastBuf = buf;
      this.lastView = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    }
    return this.lastView;
  }

  private sameBytes(p: number, buf: Uint8Array, view: DataView, start: number, end: number): boolean {
    const arenaView = this.arenaView;
    let i = start;
    const end4 = end - 3;
    for (; i < end4; i += 4, p += 4) if (arenaView.getInt32(p, true) !== view.getInt32(i, true)) return false;
    const arena = this.arena;
    for (; i < end; i++, p++) if (arena[p] !== buf[i]) return false;
    return true;
  }

  /** Adds key `buf[start, end)` (just missed by `find`) with `value`. */
  insert(buf: Uint8Array, start: number, end: number, value: number): void {
    const len = end - start;
    if (this.size === this.values.length) this.growEntries();
    if (this.arenaUsed + len > this.arena.length) this.growArena(this.arenaUsed + len);
    const idx = this.size++;
    const arena = this.arena;
    // A plain loop: short keys are the norm, and subarray() would allocate per insert.
    for (let i = start, p = this.arenaUsed; i < end; i++, p++) arena[p] = buf[i];
    this.hashes[idx] = this.pendingHash;
    this.keyStart[idx] = this.arenaUsed;
    this.keyLen[idx] = len;
    this.values[idx] = value;
    this.arenaUsed += len;
    this.slots[this.pendingSlot] = idx + 1;
    if (this.size * 2 > this.slots.length) this.rehash();
  }

  /** Forgets every key; gives back memory that one unusually large request made it grow to. */
  clear(): void {
    this.lastBuf = null;
    this.size = 0;
    this.arenaUsed = 0;
    if (this.arena.length > RETAINED_ARENA_BYTES) {
      this.arena = new Uint8Array(RETAINED_ARENA_BYTES);
      this.arenaView = new DataView(this.arena.buffer);
    }
    if (this.values.length > RETAINED_ENTRIES) {
      this.hashes = new Int32Array(RETAINED_ENTRIES);
      this.keyStart = new Int32Array(RETAINED_ENTRIES);
      this.keyLen = new Int32Array(RETAINED_ENTRIES);
      this.values = new Int32Array(RETAINED_ENTRIES);
    }
    if (this.slots.length > 2 * RETAINED_ENTRIES) {
      this.slots = new Int32Array(2 * RETAINED_ENTRIES);
      this.mask = this.slots.length - 1;
    } else this.slots.fill(EMPTY);
  }

  private growEntries(): void {
    const cap = this.values.length * 2;
    this.hashes = copyInto(new Int32Array(cap), this.hashes);
    this.keyStart = copyInto(new Int32Array(cap), this.keyStart);
    this.keyLen = copyInto(new Int32Array(cap), this.keyLen);
    this.values = copyInto(new Int32Array(cap), this.values);
  }

  private growArena(needed: number): void {
    let cap = this.arena.length * 2;
    while (cap < needed) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.arena.subarray(0, this.arenaUsed));
    this.arena = next;
    this.arenaView = new DataView(next.buffer);
  }

  private rehash(): void {
    const cap = this.slots.length * 2;
    const slots = new Int32Array(cap);
    const mask = cap - 1;
    for (let idx = 0; idx < this.size; idx++) {
      let slot = this.hashes[idx] & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = idx + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

function copyInto(to: Int32Array, from: Int32Array): Int32Array {
  to.set(from);
  return to;
}

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

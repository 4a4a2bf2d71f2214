/**
 * Parquet's split-block bloom filter (BloomFilter.md of parquet-format): 32-byte blocks of
 * eight 32-bit words; a value's xxHash64 (seed 0, over its PLAIN bytes without the length
 * prefix) picks a block with its high half and sets one bit per word from its low half
 * times eight salts. No false negatives; about 1 % false positives at the chosen size.
 */

const SALT = new Uint32Array([0x47b6137b, 0x44974d91, 0x8824ad5b, 0xa2b7289d, 0x705495c7, 0x2df1424b, 0x9efc4947, 0x5c6bfb31]);
const MIN_BYTES = 32;
const MAX_BYTES = 1 << 20;
const textEncoder = new TextEncoder();

/** Filter size in bytes (a power of two) for `distinct` values at false-positive rate `fpp`. */
export function bloomFilterBytesFor(distinct: number, fpp = 0.01): number {
  const bits = (-8 * Math.max(1, distinct)) / Math.log(1 - fpp ** (1 / 8));
  let bytes = MIN_BYTES;
  while (bytes * 8 < bits && bytes < MAX_BYTES) bytes *= 2;
  return bytes;
}

/** xxHash64 (seed 0) of the UTF-8 bytes of `s`, the hash Parquet uses for BYTE_ARRAY values. */
export function hashString(s: string): bigint {
  return Bun.hash.xxHash64(textEncoder.encode(s), 0n);
}

/** A mutable filter over `words` (length a multiple of 8). */
export class SplitBlockBloomFilter {
  readonly words: Uint32Array;
  private readonly blocks: number;

  constructor(numBytesOrWords: number | Uint32Array) {
    this.words = typeof numBytesOrWords === 'number' ? new Uint32Array(numBytesOrWords / 4) : numBytesOrWords;
    this.blocks = this.words.length >>> 3;
  }

  /** Reads a filter's bitset (little-endian words) from file bytes. */
  static fromBytes(bytes: Uint8Array): SplitBlockBloomFilter {
    const words = new Uint32Array(bytes.length >>> 2);
    new Uint8Array(words.buffer).set(bytes.subarray(0, words.length * 4));
    return new SplitBlockBloomFilter(words);
  }

  private blockOf(hash: bigint): { base: number; key: number } {
    const hi = Number(hash >> 32n);
    const key = Number(hash & 0xffffffffn);
    // floor(hi * blocks / 2^32), exact: split hi into 16-bit halves to stay below 2^53.
    const t = (hi & 0xffff) * this.blocks;
    const u = (hi >>> 16) * this.blocks;
    const block = Math.floor((u + Math.floor(t / 65536)) / 65536);
    return { base: block * 8, key };
  }

  insert(hash: bigint): void {
    const { base, key } = this.blockOf(hash);
    for (let i = 0; i < 8; i++) this.words[base + i] |= 1 << (Math.imul(key, SALT[i]) >>> 27);
  }

  mightContain(hash: bigint): boolean {
    const { base, key } = this.blockOf(hash);
    for (let i = 0; i < 8; i++) if ((this.words[base + i] & (1 << (Math.imul(key, SALT[i]) >>> 27))) === 0) return false;
    return true;
  }

  /** The bitset as file bytes. */
  bytes(): Uint8Array {
    return new Uint8Array(this.words.buffer, this.words.byteOffset, this.words.byteLength);
  }
}

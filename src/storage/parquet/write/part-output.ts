/**
 * The bytes of a part being written, as a list of pieces plus the running offset, joined
 * once at the end (no repeated growth copies of a multi-megabyte buffer).
 */
export class PartOutput {
  private readonly pieces: Uint8Array[] = [];
  /** Bytes written so far = file offset of the next byte. */
  offset = 0;

  /** Appends `bytes`; the caller must not modify them afterwards. */
  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.pieces.push(bytes);
    this.offset += bytes.length;
  }

  u32(v: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v, true);
    this.push(b);
  }

  /** All bytes in one buffer. */
  join(): Uint8Array {
    const out = new Uint8Array(this.offset);
    let at = 0;
    for (const p of this.pieces) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

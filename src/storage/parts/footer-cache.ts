/**
 * A small LRU of parsed part footers keyed by path. Parts are immutable and a path is
 * never reused (ids are unique), so entries never go stale. One per storage and one per
 * query worker.
 */
import { readPartFooter, type ByteSource, type PartFooter } from '../parquet/index.ts';

export class FooterCache {
  private readonly entries = new Map<string, PartFooter>();

  constructor(private readonly maxEntries = 256) {}

  /** The footer of the part at `path`, read through `source` on a miss. */
  get(path: string, source: ByteSource): PartFooter {
    const hit = this.entries.get(path);
    if (hit !== undefined) {
      this.entries.delete(path);
      this.entries.set(path, hit);
      return hit;
    }
    const footer = readPartFooter(source);
    this.entries.set(path, footer);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return footer;
  }

  /** Forgets a path (after its file was deleted). */
  forget(path: string): void {
    this.entries.delete(path);
  }
}

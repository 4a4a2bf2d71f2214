/**
 * Text derived from bytes, cached by those bytes: for values whose bytes repeat across
 * points but are costly to render (a histogram's explicit bounds as JSON numbers). Forgets
 * everything past its budget, so memory stays bounded.
 */
import { ByteKeyTable } from './byte-key-table.ts';
import type { BytesToString } from './dictionaries.ts';

export class DerivedTextCache {
  private readonly table = new ByteKeyTable(64);
  private texts: string[] = [];
  private textChars = 0;
  // The last key and its text: consecutive points of one histogram share their bounds, and
  // comparing bytes with the last key is cheaper than hashing them.
  private lastKey = new Uint8Array(128);
  private lastKeyLength = -1;
  private lastText = '';

  constructor(
    private readonly make: BytesToString,
    private readonly budgetBytes = 1024 * 1024,
  ) {}

  /** The text for `buf[start, end)`. */
  get(buf: Uint8Array, start: number, end: number): string {
    if (this.isLastKey(buf, start, end)) return this.lastText;
    const text = this.lookup(buf, start, end);
    this.remember(buf, start, end, text);
    return text;
  }

  private isLastKey(buf: Uint8Array, start: number, end: number): boolean {
    const n = end - start;
    if (n !== this.lastKeyLength) return false;
    const key = this.lastKey;
    for (let i = 0; i < n; i++) if (key[i] !== buf[start + i]) return false;
    return true;
  }

  private remember(buf: Uint8Array, start: number, end: number, text: string): void {
    const n = end - start;
    if (n > this.lastKey.length) this.lastKey = new Uint8Array(n);
    for (let i = 0; i < n; i++) this.lastKey[i] = buf[start + i];
    this.lastKeyLength = n;
    this.lastText = text;
  }

  private lookup(buf: Uint8Array, start: number, end: number): string {
    const found = this.table.find(buf, start, end);
    if (found >= 0) return this.texts[found];
    const text = this.make(buf, start, end);
    if (this.table.arenaBytes + 2 * this.textChars > this.budgetBytes) {
      this.table.clear();
      this.texts = [];
      this.textChars = 0;
      this.table.find(buf, start, end); // re-arm the insert position in the emptied table
    }
    this.table.insert(buf, start, end, this.texts.length);
    this.texts.push(text);
    this.textChars += text.length;
    return text;
  }
}

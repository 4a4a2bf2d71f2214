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

  constructor(
    private readonly make: BytesToString,
    private readonly budgetBytes = 1024 * 1024,
  ) {}

  /** The text for `buf[start, end)`. */
  get(buf: Uint8Array, start: number, end: number): string {
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

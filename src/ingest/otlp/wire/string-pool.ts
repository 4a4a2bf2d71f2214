/**
 * Strings that repeat across requests (metric names, units, scope names, attribute-run
 * JSON, resource JSON) live in a `StringPool` owned by one decoder: each distinct value
 * gets a small integer id and its JS string is made exactly once, the first time its
 * UTF-8 bytes are seen. Batches use pool ids as dictionary codes and the pool's `strings`
 * array as the dictionary of those columns: it is append-only (DictionaryVector allows
 * appending past every code in use) and keeps its identity across requests, so storage's
 * per-source remap is computed once rather than per batch.
 *
 * The pool only grows while a request is decoded; its owner calls `clear()` between
 * requests once `byteSize()` passes its budget, so memory stays bounded under
 * high-cardinality input.
 */
import { ByteKeyTable } from './byte-key-table.ts';
import { decodeUtf8 } from './utf8.ts';

export class StringPool {
  /** Pool id → string. Only appended to; `clear()` starts a new array (published batches keep the old one). */
  strings: string[] = [];
  private readonly byString = new Map<string, number>();
  private readonly byBytes = new ByteKeyTable(4096);
  private stringBytes = 0;

  /** Id of the UTF-8 string in `buf[start, end)`; throws IngestRejectedError on invalid UTF-8. */
  internBytes(buf: Uint8Array, start: number, end: number): number {
    let id = this.byBytes.find(buf, start, end);
    if (id >= 0) return id;
    id = this.internString(decodeUtf8(buf, start, end));
    this.byBytes.insert(buf, start, end, id);
    return id;
  }

  /** Id of a JS string. */
  internString(s: string): number {
    let id = this.byString.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.byString.set(s, id);
      this.stringBytes += 2 * s.length + 64;
    }
    return id;
  }

  /** Ids are dense: every id is below this. */
  get size(): number {
    return this.strings.length;
  }

  /** Approximate bytes held. */
  byteSize(): number {
    return this.stringBytes + this.byBytes.arenaBytes;
  }

  /** Forgets every value. Ids handed out before are invalid afterwards. */
  clear(): void {
    this.strings = [];
    this.byString.clear();
    this.byBytes.clear();
    this.stringBytes = 0;
  }
}

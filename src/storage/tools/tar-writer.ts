/**
 * A streaming POSIX tar (ustar) writer for backups: 512-byte headers, contents padded to
 * 512 bytes, two zero blocks at the end. Names longer than ustar allows, and sizes of
 * 8 GiB or more, get a PAX extended header first. Regular files only.
 */
const BLOCK = 512;
const encoder = new TextEncoder();

/** Where the archive goes. */
export type TarSink = (bytes: Uint8Array) => void | Promise<void>;

export class TarWriter {
  private written = 0;

  constructor(private readonly sink: TarSink) {}

  /** Bytes written so far. */
  get bytes(): number {
    return this.written;
  }

  /**
   * Adds a regular file of exactly `size` bytes; `chunks` must yield exactly that many
   * (a shorter source is padded with zeros, a longer one is cut).
   */
  async addFile(name: string, size: number, mtimeMs: number, mode: number, chunks: AsyncIterable<Uint8Array>): Promise<void> {
    const nameBytes = encoder.encode(name);
    const split = splitName(nameBytes);
    const needPax = split === null || size >= 8 ** 11;
    if (needPax) {
      const records = paxRecord('path', name) + (size >= 8 ** 11 ? paxRecord('size', String(size)) : '');
      const body = encoder.encode(records);
      await this.emit(header({ name: encoder.encode('PaxHeader'), prefix: new Uint8Array(0) }, body.length, mtimeMs, 0o644, 'x'));
      await this.emit(body);
      await this.pad(body.length);
    }
    const parts = split ?? { name: nameBytes.subarray(0, 100), prefix: new Uint8Array(0) };
    await this.emit(header(parts, size >= 8 ** 11 ? 0 : size, mtimeMs, mode, '0'));
    let done = 0;
    for await (const chunk of chunks) {
      if (done >= size) break;
      const piece = chunk.length > size - done ? chunk.subarray(0, size - done) : chunk;
      await this.emit(piece);
      done += piece.length;
    }
    if (done < size) {
      const zeros = new Uint8Array(Math.min(1 << 20, size - done));
      while (done < size) {
        const n = Math.min(zeros.length, size - done);
        await this.emit(zeros.subarray(0, n));
        done += n;
      }
    }
    await this.pad(size);
  }

  /** Writes the end-of-archive marker. */
  async finish(): Promise<void> {
    await this.emit(new Uint8Array(2 * BLOCK));
  }

  private async pad(size: number): Promise<void> {
    const rest = size % BLOCK;
    if (rest !== 0) await this.emit(new Uint8Array(BLOCK - rest));
  }

  private async emit(bytes: Uint8Array): Promise<void> {
    this.written += bytes.length;
    await this.sink(bytes);
  }
}

/** ustar name/prefix split of a path, or null when it does not fit (then PAX is used). */
function splitName(name: Uint8Array): { name: Uint8Array; prefix: Uint8Array } | null {
  if (name.length <= 100) return { name, prefix: new Uint8Array(0) };
  for (let i = name.length - 1; i > 0; i--) {
    if (name[i] !== 0x2f) continue; // '/'
    if (i <= 155 && name.length - i - 1 <= 100) return { name: name.subarray(i + 1), prefix: name.subarray(0, i) };
  }
  return null;
}

function paxRecord(key: string, value: string): string {
  // "<len> key=value\n" where len counts itself.
  const body = ` ${key}=${value}\n`;
  let len = encoder.encode(body).length;
  len += String(len + String(len).length).length;
  return `${len}${body}`;
}

function header(n: { name: Uint8Array; prefix: Uint8Array }, size: number, mtimeMs: number, mode: number, type: string): Uint8Array {
  const h = new Uint8Array(BLOCK);
  h.set(n.name.subarray(0, 100), 0);
  putOctal(h, 100, 8, mode);
  putOctal(h, 108, 8, 0);
  putOctal(h, 116, 8, 0);
  putOctal(h, 124, 12, size);
  putOctal(h, 136, 12, Math.floor(mtimeMs / 1000));
  h.fill(0x20, 148, 156); // checksum is computed with its own field as spaces
  h[156] = type.charCodeAt(0);
  h.set(encoder.encode('ustar\u000000'), 257);
  h.set(encoder.encode('pharlux'), 265);
  h.set(encoder.encode('pharlux'), 297);
  h.set(n.prefix.subarray(0, 155), 345);
  let sum = 0;
  for (const b of h) sum += b;
  putOctal(h, 148, 7, sum);
  h[155] = 0x20;
  return h;
}

function putOctal(h: Uint8Array, offset: number, width: number, value: number): void {
  const digits = Math.floor(value).toString(8).padStart(width - 1, '0');
  h.set(encoder.encode(digits.slice(-(width - 1))), offset);
  h[offset + width - 1] = 0;
}

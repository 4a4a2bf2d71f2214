/**
 * Random access to the bytes of one part. Files are read through an open descriptor so a
 * part that compaction or retention unlinks stays readable for the snapshot that pinned
 * it (POSIX keeps the inode alive while the fd is open).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { PartCorruptError } from './part-corrupt-error.ts';

/** Random-access bytes of a part: an open file descriptor, or memory in tests. */
export interface ByteSource {
  readonly byteLength: number;
  /** Exactly `length` bytes at `offset`; throws PartCorruptError when out of range. */
  read(offset: number, length: number): Uint8Array;
  /**
   * Like `read`, but the bytes are only valid until the next readTransient call (a reused
   * buffer): for compressed pages, which are decoded and dropped at once.
   */
  readTransient(offset: number, length: number): Uint8Array;
}

function checkRange(byteLength: number, offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > byteLength) {
    throw new PartCorruptError(`read of ${length} bytes at offset ${offset} is outside the ${byteLength}-byte part`);
  }
}

/** A ByteSource over bytes in memory (tests, freshly encoded parts). Reads are zero-copy views. */
export function memoryByteSource(bytes: Uint8Array): ByteSource {
  return {
    byteLength: bytes.byteLength,
    read(offset: number, length: number): Uint8Array {
      checkRange(bytes.byteLength, offset, length);
      return bytes.subarray(offset, offset + length);
    },
    readTransient(offset: number, length: number): Uint8Array {
      checkRange(bytes.byteLength, offset, length);
      return bytes.subarray(offset, offset + length);
    },
  };
}

/** Opens `path` read-only; the descriptor stays valid after the file is unlinked, until close(). */
export function fileByteSource(path: string): ByteSource & { close(): void } {
  const fd = openSync(path, 'r');
  let byteLength: number;
  try {
    byteLength = fstatSync(fd).size;
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  let closed = false;
  let scratch = new Uint8Array(0);
  const readInto = (out: Uint8Array, offset: number, length: number): Uint8Array => {
    if (closed) throw new PartCorruptError(`read from closed part ${path}`);
    checkRange(byteLength, offset, length);
    let done = 0;
    while (done < length) {
      const n = readSync(fd, out, done, length - done, offset + done);
      if (n <= 0) throw new PartCorruptError(`part ${path} ended after ${offset + done} bytes, expected ${byteLength}`);
      done += n;
    }
    return out;
  };
  return {
    byteLength,
    read(offset: number, length: number): Uint8Array {
      return readInto(new Uint8Array(length), offset, length);
    },
    readTransient(offset: number, length: number): Uint8Array {
      if (scratch.length < length) scratch = new Uint8Array(Math.max(length, scratch.length * 2, 64 * 1024));
      return readInto(scratch.subarray(0, length), offset, length);
    },
    close(): void {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}

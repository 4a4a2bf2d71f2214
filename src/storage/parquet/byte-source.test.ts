import { describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileByteSource, memoryByteSource } from './byte-source.ts';
import { PartCorruptError } from './part-corrupt-error.ts';

describe('byte sources', () => {
  test('a file stays readable after unlink until closed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pharlux-bytesource-'));
    try {
      const path = join(dir, 'p.parquet');
      writeFileSync(path, Uint8Array.from({ length: 100 }, (_, i) => i));
      const src = fileByteSource(path);
      unlinkSync(path);
      expect(src.byteLength).toBe(100);
      expect(Array.from(src.read(10, 3))).toEqual([10, 11, 12]);
      expect(() => src.read(99, 2)).toThrow(PartCorruptError);
      src.close();
      expect(() => src.read(0, 1)).toThrow(PartCorruptError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('memory reads are bounds-checked', () => {
    const src = memoryByteSource(new Uint8Array(8));
    expect(src.read(8, 0).length).toBe(0);
    expect(() => src.read(-1, 1)).toThrow(PartCorruptError);
    expect(() => src.read(4, 5)).toThrow(PartCorruptError);
  });
});

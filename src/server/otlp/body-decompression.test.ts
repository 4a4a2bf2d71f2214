import { expect, test } from 'bun:test';
import { gzipSync } from 'node:zlib';
import { IngestRejectedError, IngestTooLargeError } from '../../ingest/index.ts';
import { decompressBody, parseContentEncoding } from './body-decompression.ts';
import { OtlpHttpError } from './otlp-status.ts';

const data = new TextEncoder().encode('otlp '.repeat(20_000));

test('gzip (both paths) and zstd round-trip', () => {
  expect(decompressBody(Bun.gzipSync(data), 'gzip', 1 << 20)).toEqual(data);
  // Large limit relative to input takes the fast path; small limit takes the capped path.
  expect(decompressBody(Bun.gzipSync(data), 'gzip', data.length)).toEqual(data);
  expect(decompressBody(new Uint8Array(gzipSync(data)), 'gzip', data.length)).toEqual(data);
  expect(decompressBody(Bun.zstdCompressSync(data), 'zstd', data.length)).toEqual(new Uint8Array(data));
  expect(decompressBody(data, 'identity', data.length)).toBe(data);
});

test('output past the cap is IngestTooLargeError, corrupt input IngestRejectedError', () => {
  expect(() => decompressBody(Bun.gzipSync(data), 'gzip', data.length - 1)).toThrow(IngestTooLargeError);
  expect(() => decompressBody(Bun.zstdCompressSync(data), 'zstd', 1000)).toThrow(IngestTooLargeError);
  expect(() => decompressBody(data, 'identity', 10)).toThrow(IngestTooLargeError);
  expect(() => decompressBody(new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]), 'gzip', 1000)).toThrow(IngestRejectedError);
  expect(() => decompressBody(new Uint8Array([1, 2, 3, 4, 5]), 'zstd', 1000)).toThrow(IngestRejectedError);
});

test('Content-Encoding parsing', () => {
  expect(parseContentEncoding(null)).toBe('identity');
  expect(parseContentEncoding('GZIP')).toBe('gzip');
  expect(parseContentEncoding('x-gzip')).toBe('gzip');
  expect(parseContentEncoding('zstd')).toBe('zstd');
  expect(() => parseContentEncoding('br')).toThrow(OtlpHttpError);
});

/**
 * encoding/: Parquet value encodings over typed arrays, no per-value objects: the
 * RLE/bit-packing hybrid (levels, dictionary codes), DELTA_BINARY_PACKED for INT64 in
 * split-timestamp or double form (delta-binary-packed.ts encodes; delta-blocks.ts,
 * delta-decoder.ts and delta-float-decoder.ts decode), PLAIN, BYTE_STREAM_SPLIT,
 * statistics values, and the ByteSink they write to.
 * Start reading at rle-hybrid.ts.
 */
export * from './byte-sink.ts';
export * from './rle-hybrid.ts';
export * from './delta-binary-packed.ts';
export * from './delta-decoder.ts';
export * from './delta-float-decoder.ts';
export * from './plain.ts';
export * from './byte-stream-split.ts';
export * from './stat-value.ts';

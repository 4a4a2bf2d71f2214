/**
 * wal/: the write-ahead log. Every acknowledged OTLP request is a record here before its
 * rows become visible. Byte layout in FORMAT.md; framing and payload in wal-record.ts;
 * group commit, rotation and deletion in wal-writer.ts; start-up replay with CRC checks,
 * tail truncation and quarantine in wal-replay.ts (over wal-segment-reader.ts); the end
 * recorded for a segment whose failed group could not be cut off in segment-end.ts.
 * Start reading at FORMAT.md, then wal-writer.ts.
 */
export { crc32c } from './crc32c.ts';
export {
  WAL_FORMAT_VERSION,
  SEGMENT_HEADER_BYTES,
  FRAME_HEADER_BYTES,
  encodeWalFrame,
  encodeWalFrameHead,
  decodeWalPayload,
  encodeSegmentHeader,
  decodeSegmentHeader,
  segmentFileName,
  parseSegmentFileName,
  type WalRecord,
} from './wal-record.ts';
export { readWalSegment, type SegmentReadResult, type SegmentDamage, type SegmentDamageKind } from './wal-segment-reader.ts';
export { readSegmentEnd, segmentEndPath } from './segment-end.ts';
export { replayWal, listSegments, type ReplayOptions, type ReplayResult } from './wal-replay.ts';
export { WalWriter, type WalWriterOptions, type WalWriterStats, type WalSyncMode, type ClosedSegment } from './wal-writer.ts';

/**
 * Reads one WAL segment front to back, verifying every frame's CRC, and classifies the
 * first damaged frame (if any):
 *  - torn tail: nothing valid follows it (a crash mid-write, or a zero-filled tail);
 *    repair truncates the segment there;
 *  - corrupt: a valid frame follows it, so the damage is in the middle; repair moves the
 *    rest of the segment to `<name>.corrupt` and truncates.
 * Either way every record before the damage is delivered, and reading never throws on
 * bad bytes (only on I/O errors of the file system itself).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { crc32c } from './crc32c.ts';
import {
  decodeSegmentHeader,
  decodeWalPayload,
  FRAME_HEADER_BYTES,
  MAX_PAYLOAD_BYTES,
  PAYLOAD_VERSION_WITH_TIME_RANGE,
  SEGMENT_HEADER_BYTES,
  WAL_FORMAT_VERSION,
  type WalRecord,
} from './wal-record.ts';

const READ_CHUNK_BYTES = 4 << 20;

export type SegmentDamageKind = 'torn-tail' | 'corrupt' | 'bad-header';

export interface SegmentDamage {
  readonly kind: SegmentDamageKind;
  /** Offset of the first byte not accepted. */
  readonly offset: number;
  /** Bytes from `offset` to the end of the file. */
  readonly bytes: number;
}

export interface SegmentReadResult {
  /** Sequence from the header (null when the header is damaged). */
  readonly sequence: number | null;
  readonly records: number;
  readonly firstLsn: number | null;
  readonly lastLsn: number | null;
  /** Bytes of intact header + frames. */
  readonly validBytes: number;
  readonly fileBytes: number;
  readonly damage: SegmentDamage | null;
}

/** Called for every intact record in order; may return a promise (replay back-pressure). */
export type RecordVisitor = (record: WalRecord, frameBytes: number) => void | Promise<void>;

/**
 * Reads a segment, calling `visit` for every intact record before the first damage.
 * `endBytes` (a recorded end, segment-end.ts) makes it read as if the file ended there.
 */
export async function readWalSegment(path: string, visit: RecordVisitor, endBytes: number | null = null): Promise<SegmentReadResult> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const fileBytes = endBytes === null ? size : Math.min(size, endBytes);
    const header = new Uint8Array(SEGMENT_HEADER_BYTES);
    const got = await readFully(fh, header, 0);
    const decoded = got === SEGMENT_HEADER_BYTES ? decodeSegmentHeader(header) : null;
    if (decoded === null) {
      return {
        sequence: null,
        records: 0,
        firstLsn: null,
        lastLsn: null,
        validBytes: 0,
        fileBytes,
        damage: { kind: fileBytes < SEGMENT_HEADER_BYTES ? 'torn-tail' : 'bad-header', offset: 0, bytes: fileBytes },
      };
    }
    return await readFrames(fh, fileBytes, decoded.sequence, visit);
  } finally {
    await fh.close();
  }
}

async function readFrames(fh: FileHandle, fileBytes: number, sequence: number, visit: RecordVisitor): Promise<SegmentReadResult> {
  let buf = new Uint8Array(Math.min(READ_CHUNK_BYTES, Math.max(fileBytes, 64)));
  let bufStart = SEGMENT_HEADER_BYTES; // file offset of buf[0]
  let bufLen = 0;
  let offset = SEGMENT_HEADER_BYTES; // file offset of the next frame
  let records = 0;
  let firstLsn: number | null = null;
  let lastLsn: number | null = null;

  // Makes sure buf holds file bytes [offset, offset + need); false at end of file.
  const ensure = async (need: number): Promise<boolean> => {
    if (offset + need > fileBytes) return false;
    const have = bufStart + bufLen - offset;
    if (have >= need) return true;
    const keep = buf.subarray(offset - bufStart, bufLen);
    if (need > buf.length) {
      const bigger = new Uint8Array(need);
      bigger.set(keep);
      buf = bigger;
    } else buf.copyWithin(0, offset - bufStart, bufLen);
    bufStart = offset;
    bufLen = keep.length;
    const want = Math.min(buf.length, fileBytes - bufStart) - bufLen;
    bufLen += await readFully(fh, buf.subarray(bufLen, bufLen + want), bufStart + bufLen);
    return bufLen >= need;
  };

  let damaged = false;
  while (offset < fileBytes) {
    if (!(await ensure(FRAME_HEADER_BYTES))) {
      damaged = true;
      break;
    }
    const at = offset - bufStart;
    const length = readU32(buf, at);
    const crc = readU32(buf, at + 4);
    if (length === 0 || length > MAX_PAYLOAD_BYTES || !(await ensure(FRAME_HEADER_BYTES + length))) {
      damaged = true;
      break;
    }
    const p = offset - bufStart + FRAME_HEADER_BYTES;
    const payload = buf.subarray(p, p + length);
    const record = crc32c(payload) === crc ? decodeWalPayload(payload) : null;
    if (record === null || (lastLsn !== null && record.lsn <= lastLsn)) {
      damaged = true;
      break;
    }
    const pending = visit(record, FRAME_HEADER_BYTES + length);
    if (pending !== undefined) await pending;
    records++;
    firstLsn ??= record.lsn;
    lastLsn = record.lsn;
    offset += FRAME_HEADER_BYTES + length;
  }
  let damage: SegmentDamage | null = null;
  if (damaged) {
    const kind = (await validFrameFollows(fh, offset + 1, fileBytes, lastLsn)) ? 'corrupt' : 'torn-tail';
    damage = { kind, offset, bytes: fileBytes - offset };
  }
  return { sequence, records, firstLsn, lastLsn, validBytes: offset, fileBytes, damage };
}

/**
 * True when some offset in [from, fileBytes) starts an intact frame with an LSN after
 * `lastLsn`: proof that the damage is not just a torn tail. Reads the remainder once.
 */
async function validFrameFollows(fh: FileHandle, from: number, fileBytes: number, lastLsn: number | null): Promise<boolean> {
  if (from >= fileBytes) return false;
  const rest = new Uint8Array(fileBytes - from);
  const n = await readFully(fh, rest, from);
  for (let i = 0; i + FRAME_HEADER_BYTES < n; i++) {
    const length = readU32(rest, i);
    if (length === 0 || length > n - i - FRAME_HEADER_BYTES) continue;
    const p = i + FRAME_HEADER_BYTES;
    if ((rest[p] !== WAL_FORMAT_VERSION && rest[p] !== PAYLOAD_VERSION_WITH_TIME_RANGE) || rest[p + 1] === 0 || rest[p + 1] > 3) continue;
    const payload = rest.subarray(p, p + length);
    if (crc32c(payload) !== readU32(rest, i + 4)) continue;
    const record = decodeWalPayload(payload);
    if (record !== null && (lastLsn === null || record.lsn > lastLsn)) return true;
  }
  return false;
}

async function readFully(fh: FileHandle, into: Uint8Array, position: number): Promise<number> {
  let done = 0;
  while (done < into.length) {
    const { bytesRead } = await fh.read(into, done, into.length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}

function readU32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
}

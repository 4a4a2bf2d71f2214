import { expect, test } from 'bun:test';
import type { WalEntry } from '../contract.ts';
import { decodeWalPayload, encodeWalFrame, FRAME_HEADER_BYTES, PAYLOAD_VERSION_WITH_TIME_RANGE, WAL_FORMAT_VERSION } from './wal-record.ts';

const base: WalEntry = { table: 'spans', tenant: 'ténant', receiveTimeMs: 1_700_000_000_123, encoding: 'json', body: new Uint8Array([1, 2, 3]) };

test('an entry with an accepted time range round-trips as payload version 2; one without stays version 1', () => {
  const ranged: WalEntry = { ...base, acceptedTimeMs: { min: 1_699_999_000_000, max: 1_700_000_100_000 } };
  const v2 = encodeWalFrame(7, ranged);
  expect(v2[FRAME_HEADER_BYTES]).toBe(PAYLOAD_VERSION_WITH_TIME_RANGE);
  expect(decodeWalPayload(v2.subarray(FRAME_HEADER_BYTES))).toEqual({ lsn: 7, entry: ranged });
  const v1 = encodeWalFrame(8, base);
  expect(v1[FRAME_HEADER_BYTES]).toBe(WAL_FORMAT_VERSION);
  expect(decodeWalPayload(v1.subarray(FRAME_HEADER_BYTES))).toEqual({ lsn: 8, entry: base });
});

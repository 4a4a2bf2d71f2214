import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, systemClock } from '../../common/index.ts';
import type { WalEntry } from '../contract.ts';
import { replayWal } from './wal-replay.ts';
import { SEGMENT_HEADER_BYTES } from './wal-record.ts';
import { WalWriter, type WalSyncMode } from './wal-writer.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pharlux-wal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function entry(i: number, size = 40): WalEntry {
  const body = new Uint8Array(size);
  for (let k = 0; k < size; k++) body[k] = (i * 31 + k) & 0xff;
  return { table: i % 3 === 0 ? 'metrics' : i % 3 === 1 ? 'logs' : 'spans', tenant: `t${i % 2}`, receiveTimeMs: 1_700_000_000_000 + i, encoding: 'protobuf', body };
}

function writer(sync: WalSyncMode = 'group', segmentBytes = 1 << 20): WalWriter {
  return WalWriter.open({ dir, sync, syncIntervalMs: 5, segmentBytes, firstSequence: 1, nextLsn: 1, existing: [], clock: systemClock, logger: silentLogger() });
}

async function replayAll(checkpointLsn = 0) {
  const seen: { lsn: number; entry: WalEntry }[] = [];
  const result = await replayWal({ dir, checkpointLsn, repair: true, logger: silentLogger() }, (r) => {
    seen.push({ lsn: r.lsn, entry: { ...r.entry, body: r.entry.body.slice() } });
  });
  return { seen, result };
}

describe('WalWriter + replay', () => {
  for (const mode of ['group', 'interval', 'none'] as const) {
    test(`round-trips records in ${mode} mode, applying in LSN order`, async () => {
      const w = writer(mode);
      const applied: number[] = [];
      await Promise.all(Array.from({ length: 50 }, (_, i) => w.append(entry(i), () => applied.push(i))));
      expect(applied).toEqual(Array.from({ length: 50 }, (_, i) => i));
      expect(w.appliedLsn).toBe(50);
      await w.close();
      const { seen, result } = await replayAll();
      expect(seen.map((s) => s.lsn)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(seen[7].entry).toEqual(entry(7));
      expect(result.lastLsn).toBe(50);
      expect(result.tornTails + result.corruptSegments).toBe(0);
    });
  }

  test('group commit batches concurrent appends into few fsyncs', async () => {
    const w = writer('group');
    await Promise.all(Array.from({ length: 200 }, (_, i) => w.append(entry(i), () => {})));
    const stats = w.stats();
    expect(stats.records).toBe(200);
    expect(stats.groups).toBeLessThan(200);
    expect(w.fsyncLatency.snapshot().count).toBe(stats.groups);
    await w.close();
  });

  test('rotates segments and deletes those fully below a checkpoint', async () => {
    const w = writer('group', 2048);
    for (let i = 0; i < 60; i++) await w.append(entry(i, 200), () => {});
    const segs = readdirSync(dir).filter((n) => n.endsWith('.wal'));
    expect(segs.length).toBeGreaterThan(3);
    const before = w.totalBytes;
    const deleted = await w.deleteSegmentsThrough(30);
    expect(deleted).toBeGreaterThan(0);
    expect(w.totalBytes).toBeLessThan(before);
    await w.close();
    const { seen } = await replayAll(30);
    expect(seen.map((s) => s.lsn)).toEqual(Array.from({ length: 30 }, (_, i) => i + 31));
  });

  test('skips records at or below the checkpoint', async () => {
    const w = writer();
    for (let i = 0; i < 10; i++) await w.append(entry(i), () => {});
    await w.close();
    const { seen, result } = await replayAll(6);
    expect(seen.map((s) => s.lsn)).toEqual([7, 8, 9, 10]);
    expect(result.skippedRecords).toBe(6);
  });

  test('a throwing apply rejects only that append', async () => {
    const w = writer();
    const results = await Promise.allSettled([
      w.append(entry(0), () => {}),
      w.append(entry(1), () => {
        throw new Error('boom');
      }),
      w.append(entry(2), () => {}),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(w.appliedLsn).toBe(3);
    await w.close();
  });

  test('rejects appends after close', async () => {
    const w = writer();
    await w.close();
    await expect(w.append(entry(0), () => {})).rejects.toThrow('shutting down');
  });
});

/** Writes `n` records into one segment and returns its path and the frame end offsets. */
async function oneSegment(n: number): Promise<{ path: string; ends: number[] }> {
  const w = writer('none');
  for (let i = 0; i < n; i++) await w.append(entry(i, 17 + i), () => {});
  await w.close();
  const name = readdirSync(dir).find((x) => x.endsWith('.wal'));
  if (name === undefined) throw new Error('no segment');
  const ends: number[] = [];
  let off = SEGMENT_HEADER_BYTES;
  const bytes = readFileSync(join(dir, name));
  while (off < bytes.length) {
    off += 8 + bytes.readUInt32LE(off);
    ends.push(off);
  }
  return { path: join(dir, name), ends };
}

describe('replay of damaged segments', () => {
  test('truncation at every byte offset keeps every record before the cut and never throws', async () => {
    const { path, ends } = await oneSegment(6);
    const original = readFileSync(path);
    for (let cut = 0; cut <= original.length; cut++) {
      writeFileSync(path, original.subarray(0, cut));
      const { seen } = await replayAll();
      const complete = ends.filter((e) => e <= cut).length;
      expect(seen.length).toBe(complete);
      // Repaired: a second replay sees the same records and no damage.
      const again = await replayAll();
      expect(again.seen.length).toBe(complete);
      expect(again.result.tornTails + again.result.corruptSegments).toBe(0);
      if (cut >= SEGMENT_HEADER_BYTES) expect(statSync(path).size).toBe(cut === original.length ? cut : Math.max(SEGMENT_HEADER_BYTES, ends.filter((e) => e <= cut).at(-1) ?? SEGMENT_HEADER_BYTES));
    }
  });

  test('a flipped byte anywhere keeps every record before it; mid-segment damage is quarantined', async () => {
    const { path, ends } = await oneSegment(5);
    const original = readFileSync(path);
    for (let at = 0; at < original.length; at++) {
      for (const name of readdirSync(dir)) if (name.endsWith('.corrupt')) rmSync(join(dir, name));
      const damaged = Buffer.from(original);
      damaged[at] ^= 0x5a;
      writeFileSync(path, damaged);
      const { seen, result } = await replayAll();
      const intactBefore = at < SEGMENT_HEADER_BYTES ? 0 : ends.filter((e) => e <= at).length;
      expect(seen.length).toBe(intactBefore);
      for (let i = 0; i < seen.length; i++) expect(seen[i].lsn).toBe(i + 1);
      const damagedFrame = ends.findIndex((e) => e > at);
      if (at >= SEGMENT_HEADER_BYTES && damagedFrame < ends.length - 1) {
        expect(result.corruptSegments).toBe(1);
        expect(readdirSync(dir).some((n) => n.endsWith('.corrupt'))).toBe(true);
      }
      if (!readdirSync(dir).some((n) => n.endsWith('.wal'))) writeFileSync(path, original);
    }
  });

  test('replay continues with later segments after a corrupt one', async () => {
    const w = writer('none', 600);
    for (let i = 0; i < 30; i++) await w.append(entry(i, 100), () => {});
    await w.close();
    const names = readdirSync(dir).filter((n) => n.endsWith('.wal')).sort();
    expect(names.length).toBeGreaterThan(2);
    const victim = join(dir, names[1]);
    const bytes = readFileSync(victim);
    bytes[SEGMENT_HEADER_BYTES + 10] ^= 0xff; // inside the first record
    writeFileSync(victim, bytes);
    const { seen, result } = await replayAll();
    expect(result.corruptSegments).toBe(1);
    const lsns = seen.map((s) => s.lsn);
    expect(lsns[0]).toBe(1);
    expect(lsns.at(-1)).toBe(30);
    expect(lsns.length).toBeLessThan(30);
  });

  test('a zero-filled tail (preallocated or torn) is treated as the end', async () => {
    const { path } = await oneSegment(3);
    const original = readFileSync(path);
    writeFileSync(path, Buffer.concat([original, Buffer.alloc(4096)]));
    const { seen, result } = await replayAll();
    expect(seen.length).toBe(3);
    expect(result.tornTails).toBe(1);
    expect(statSync(path).size).toBe(original.length);
  });
});

// Review finding 10: a group whose write or fdatasync failed was rejected to its clients,
// so its bytes must not come back at replay (they would duplicate the client's retry).
import { afterEach, beforeEach, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, systemClock } from '../../common/index.ts';
import type { WalEntry } from '../contract.ts';
import { replayWal } from './wal-replay.ts';
import { WalWriter } from './wal-writer.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pharlux-wal-fail-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Faults {
  /** Fail this many next datasync calls. */
  syncs: number;
  /** Fail every truncate. */
  truncate: boolean;
}

function injected(what: string): Error {
  return Object.assign(new Error(`EIO: injected ${what} failure`), { code: 'EIO' });
}

/** Opens real files whose handles fail datasync/truncate on demand. */
function faultyOpen(faults: Faults): (path: string, flags: 'wx') => Promise<FileHandle> {
  return async (path, flags) => {
    const fh = await open(path, flags);
    return new Proxy(fh, {
      get(target, prop) {
        if (prop === 'datasync' && faults.syncs > 0) {
          return async () => {
            faults.syncs--;
            throw injected('fdatasync');
          };
        }
        if (prop === 'truncate' && faults.truncate) {
          return async () => {
            throw injected('ftruncate');
          };
        }
        const value: unknown = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };
}

function entry(i: number): WalEntry {
  return { table: 'logs', tenant: 'default', receiveTimeMs: 1_700_000_000_000 + i, encoding: 'protobuf', body: new Uint8Array(64).fill(i) };
}

function writer(faults: Faults): WalWriter {
  return WalWriter.open({
    dir,
    sync: 'group',
    syncIntervalMs: 5,
    segmentBytes: 1 << 20,
    firstSequence: 1,
    nextLsn: 1,
    existing: [],
    clock: systemClock,
    logger: silentLogger(),
    openFile: faultyOpen(faults),
  });
}

async function replayedLsns(repair: boolean): Promise<number[]> {
  const lsns: number[] = [];
  await replayWal({ dir, checkpointLsn: 0, repair, logger: silentLogger() }, (r) => {
    lsns.push(r.lsn);
  });
  return lsns;
}

/** Appends LSN 1 and 2 (ok), LSN 3 whose fdatasync fails, then LSN 4 (ok). */
async function writeWithFailedGroup(faults: Faults): Promise<void> {
  const w = writer(faults);
  await w.append(entry(1), () => {});
  await w.append(entry(2), () => {});
  faults.syncs = 1;
  const failed = await w.append(entry(3), () => {}).then(
    () => null,
    (e: unknown) => e,
  );
  expect(failed).toBeInstanceOf(Error);
  faults.syncs = 0;
  await w.append(entry(4), () => {});
  await w.close();
}

test('a group whose fdatasync failed is cut from its segment: replay never sees it', async () => {
  const faults: Faults = { syncs: 0, truncate: false };
  await writeWithFailedGroup(faults);
  expect(await replayedLsns(true)).toEqual([1, 2, 4]);
});

test('when the cut itself fails, the recorded end makes replay skip the group (read-only and repairing)', async () => {
  const faults: Faults = { syncs: 0, truncate: true };
  await writeWithFailedGroup(faults);
  const first = join(dir, '000000000001.wal');
  expect(existsSync(`${first}.end`)).toBe(true);
  const sizeBefore = statSync(first).size;
  expect(await replayedLsns(false)).toEqual([1, 2, 4]);
  expect(statSync(first).size).toBe(sizeBefore); // read-only replay changes nothing
  expect(await replayedLsns(true)).toEqual([1, 2, 4]);
  expect(statSync(first).size).toBeLessThan(sizeBefore);
  expect(readdirSync(dir).filter((n) => n.endsWith('.end'))).toEqual([]);
  expect(await replayedLsns(true)).toEqual([1, 2, 4]);
});

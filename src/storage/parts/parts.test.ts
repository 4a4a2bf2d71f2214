import { describe, expect, test } from 'bun:test';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, silentLogger } from '../../common/index.ts';
import type { PartHandle } from './part-handle.ts';
import { listOpsInFlight, listTrashedParts, PartJournal, type JournalOp } from './part-journal.ts';
import { decodeTenant, encodeTenant, HOUR_MS, newPartId, parsePartPath, partPath } from './part-path.ts';
import { PartSet } from './part-set.ts';
import { PinRegistry } from './pin-registry.ts';
import { readCheckpoint } from './wal-checkpoint.ts';

const HOUR = Date.UTC(2026, 10, 30, 13);

function handle(tenant: string, hourMs: number, id: string, rowCount = 10): PartHandle {
  const relPath = partPath('logs', tenant, hourMs, id);
  return { table: 'logs', tenant, hourMs, id, relPath, path: `/x/${relPath}`, rowCount, minTimestampNs: null, maxTimestampNs: null, fileBytes: 100 };
}

describe('part paths', () => {
  test('Hive layout, UTC hours, tenant encoding round-trips', () => {
    expect(partPath('metrics', 'default', HOUR, 'abc')).toBe('metrics/tenant=default/date=2026-11-30/hour=13/abc.parquet');
    for (const t of ['default', 'a b/c', '../etc', 'ümlaut', '%41', '', 'x=y', '日本']) {
      const enc = encodeTenant(t);
      expect(enc).toMatch(/^([A-Za-z0-9_-]|%[0-9A-F]{2})*$/);
      expect(decodeTenant(enc)).toBe(t);
      expect(parsePartPath(partPath('spans', t, HOUR, 'id-1'))).toEqual({ table: 'spans', tenant: t, hourMs: HOUR, id: 'id-1' });
    }
    expect(parsePartPath('metrics/tenant=a/date=2026-11-30/hour=24/x.parquet')).toBeNull();
    expect(parsePartPath('other/tenant=a/date=2026-11-30/hour=01/x.parquet')).toBeNull();
    expect(parsePartPath('logs/tenant=a b/date=2026-11-30/hour=01/x.parquet')).toBeNull();
    const id = newPartId(HOUR);
    expect(id).toMatch(/^[0-9a-f]{12}-[0-9a-f]{12}$/);
    expect(newPartId(HOUR)).not.toBe(id);
  });
});

describe('PartSet', () => {
  test('is immutable, sorted by hour then id, per tenant', () => {
    const a = handle('t', HOUR + HOUR_MS, 'b');
    const b = handle('t', HOUR, 'z');
    const c = handle('t', HOUR + HOUR_MS, 'a');
    const empty = PartSet.empty();
    const one = empty.with([a, b, c, handle('u', HOUR, 'q')], []);
    expect(empty.size).toBe(0);
    expect(one.tenantParts('t').map((p) => p.id)).toEqual(['z', 'a', 'b']);
    const two = one.with([], [c.relPath]);
    expect(one.tenantParts('t').length).toBe(3);
    expect(two.tenantParts('t').map((p) => p.id)).toEqual(['z', 'b']);
    expect(two.hasAll([a.relPath, b.relPath])).toBe(true);
    expect(two.hasAll([c.relPath])).toBe(false);
    expect([...two.with([], [handle('u', HOUR, 'q').relPath]).tenants()]).toEqual(['t']);
  });
});

describe('PinRegistry', () => {
  test('retired files wait for every older pin, not for newer ones', () => {
    const pins = new PinRegistry(new ManualClock(), silentLogger());
    const removed: string[] = [];
    const old = pins.pin();
    const dup = pins.duplicate(old);
    pins.retire(1, () => removed.push('first'));
    const newer = pins.pin();
    expect(removed).toEqual([]);
    pins.release(old);
    expect(removed).toEqual([]);
    pins.release(dup);
    expect(removed).toEqual(['first']);
    pins.retire(1, () => removed.push('second'));
    expect(removed).toEqual(['first']);
    pins.release(newer);
    pins.release(newer);
    expect(removed).toEqual(['first', 'second']);
    pins.retire(1, () => removed.push('now'));
    expect(removed.at(-1)).toBe('now');
  });

  test('stale pins expire', () => {
    const clock = new ManualClock();
    const pins = new PinRegistry(clock, silentLogger(), 1000);
    pins.pin();
    let gone = false;
    pins.retire(1, () => (gone = true));
    clock.advance(1001);
    pins.expireStale();
    expect(gone).toBe(true);
    expect(pins.stats().pins).toBe(0);
  });
});

describe('PartJournal recovery', () => {
  function setup() {
    const dir = mkdtempSync(join(tmpdir(), 'pharlux-journal-'));
    const journal = new PartJournal(dir, new ManualClock(), silentLogger());
    const write = (rel: string, text = 'x') => {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), text);
    };
    return { dir, journal, write, done: () => rmSync(dir, { recursive: true, force: true }) };
  }

  test('an op interrupted before its renames is rolled forward, with its checkpoint', async () => {
    const { dir, journal, write, done } = setup();
    const final = partPath('logs', 'default', HOUR, 'new');
    const old = partPath('logs', 'default', HOUR, 'old');
    write(`${final}.tmp`, 'new');
    write(old, 'old');
    const op: JournalOp = { version: 1, kind: 'compact', add: [{ tmp: `${final}.tmp`, final }], remove: [old], checkpointLsn: 42 };
    await journal.begin(op);
    expect(listOpsInFlight(dir).length).toBe(1);
    // "Crash": a new journal over the same dir recovers.
    const r = await new PartJournal(dir, new ManualClock(), silentLogger()).recover();
    expect(r.opsRolledForward).toBe(1);
    expect(existsSync(join(dir, final))).toBe(true);
    expect(existsSync(join(dir, `${final}.tmp`))).toBe(false);
    expect(existsSync(join(dir, old))).toBe(false);
    expect(readCheckpoint(dir)).toBe(42);
    expect(readdirSync(join(dir, 'ops'))).toEqual([]);
    done();
  });

  test('an op interrupted after some renames finishes the rest (idempotent)', async () => {
    const { dir, journal, write, done } = setup();
    const f1 = partPath('logs', 'a', HOUR, 'one');
    const f2 = partPath('logs', 'a', HOUR + HOUR_MS, 'two');
    write(f1); // already renamed
    write(`${f2}.tmp`);
    await journal.begin({ version: 1, kind: 'flush', add: [{ tmp: `${f1}.tmp`, final: f1 }, { tmp: `${f2}.tmp`, final: f2 }], remove: [], checkpointLsn: 7 });
    await new PartJournal(dir, new ManualClock(), silentLogger()).recover();
    expect(existsSync(join(dir, f1)) && existsSync(join(dir, f2))).toBe(true);
    expect(readCheckpoint(dir)).toBe(7);
    done();
  });

  test('orphan temp files are deleted; trash is emptied; parts stay', async () => {
    const { dir, journal, write, done } = setup();
    const keep = partPath('spans', 't', HOUR, 'keep');
    const doomed = partPath('spans', 't', HOUR, 'doomed');
    const orphan = `${partPath('spans', 't', HOUR, 'orphan')}.tmp`;
    write(keep);
    write(doomed);
    write(orphan);
    const name = await journal.begin({ version: 1, kind: 'retention', add: [], remove: [doomed], checkpointLsn: null });
    await journal.finish(name, { version: 1, kind: 'retention', add: [], remove: [doomed], checkpointLsn: null });
    expect([...listTrashedParts(dir)]).toEqual([doomed]);
    const r = await new PartJournal(dir, new ManualClock(), silentLogger()).recover();
    expect(r).toEqual({ opsRolledForward: 0, trashedParts: 1, tmpFilesRemoved: 1 });
    expect(existsSync(join(dir, keep))).toBe(true);
    expect(existsSync(join(dir, doomed))).toBe(false);
    expect(existsSync(join(dir, orphan))).toBe(false);
    done();
  });

  test('an emptied partition directory is removed with its last part', async () => {
    const { dir, journal, write, done } = setup();
    const only = partPath('logs', 'gone', HOUR, 'only');
    write(only);
    const op: JournalOp = { version: 1, kind: 'retention', add: [], remove: [only], checkpointLsn: null };
    const trash = await journal.finish(await journal.begin(op), op);
    await journal.emptyTrash(trash ?? '', [only]);
    expect(existsSync(join(dir, 'logs', 'tenant=gone'))).toBe(false);
    expect(existsSync(join(dir, 'logs'))).toBe(true);
    done();
  });
});

import { afterEach, describe, expect, test } from 'bun:test';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tryFlock } from '../file-lock.ts';
import { BACKUP_LOCK_FILE, backupLocked, dropBackupLock, takeBackupLock } from './backup-lock.ts';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pharlux-backup-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('backup lock', () => {
  test('held while a backup runs, gone once it is dropped', () => {
    const dir = dataDir();
    expect(backupLocked(dir)).toBe(false);
    const lock = takeBackupLock(dir, 1_000);
    expect(backupLocked(dir)).toBe(true);
    expect(() => takeBackupLock(dir, 2_000)).toThrow(/another backup/);
    dropBackupLock(lock);
    expect(backupLocked(dir)).toBe(false);
    // Emptied, not removed: see the next test.
    expect(readFileSync(join(dir, BACKUP_LOCK_FILE), 'utf8')).toBe('');
    dropBackupLock(takeBackupLock(dir, 3_000));
  });

  test('a backup that opened the lock file while another held it cannot end up holding a lock nobody sees', () => {
    const dir = dataDir();
    const first = takeBackupLock(dir, 1_000);
    // The second backup has opened the file and is about to lock it when the first ends.
    const second = openSync(join(dir, BACKUP_LOCK_FILE), 'a+');
    dropBackupLock(first);
    expect(tryFlock(second, 'exclusive', 'test')).toBe('locked');
    // The server's check (and a third backup) must see the second one's lock.
    expect(backupLocked(dir)).toBe(true);
    expect(() => takeBackupLock(dir, 2_000)).toThrow(/another backup/);
    closeSync(second);
    expect(backupLocked(dir)).toBe(false);
  });

  test('a lock file left by a killed backup blocks nothing, even when its PID is alive again', () => {
    const dir = dataDir();
    // PID 1 is always alive: the old PID check took this for a running backup for 6 hours.
    writeFileSync(join(dir, BACKUP_LOCK_FILE), JSON.stringify({ pid: 1, createdMs: Date.now() }));
    expect(backupLocked(dir)).toBe(false);
    const lock = takeBackupLock(dir, Date.now());
    expect(backupLocked(dir)).toBe(true);
    dropBackupLock(lock);
  });

  test('the lock of another process is seen, and released when that process dies', async () => {
    const dir = dataDir();
    const child = Bun.spawn(
      [process.execPath, '-e', `const m = await import(${JSON.stringify(join(import.meta.dir, 'backup-lock.ts'))}); m.takeBackupLock(${JSON.stringify(dir)}, 0); console.log('held'); await Bun.sleep(60_000);`],
      { stdout: 'pipe', stderr: 'inherit' },
    );
    try {
      const reader = child.stdout.getReader();
      const { value } = await reader.read();
      expect(new TextDecoder().decode(value)).toContain('held');
      expect(backupLocked(dir)).toBe(true);
    } finally {
      child.kill('SIGKILL');
      await child.exited;
    }
    expect(existsSync(join(dir, BACKUP_LOCK_FILE))).toBe(true);
    expect(backupLocked(dir)).toBe(false);
  });
});

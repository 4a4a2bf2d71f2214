import { afterEach, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    expect(existsSync(join(dir, BACKUP_LOCK_FILE))).toBe(false);
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

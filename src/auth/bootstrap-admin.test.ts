import { describe, expect, test } from 'bun:test';
import { ManualClock, silentLogger } from '../common/index.ts';
import { openMetaDb, UserStore } from '../meta/index.ts';
import { bootstrapAdmin } from './bootstrap-admin.ts';
import { PasswordPolicyError } from './errors.ts';
import { createTestPasswordHasher } from './test-hasher.ts';

function setup(passwordFromEnv: string | undefined) {
  const users = new UserStore(openMetaDb(':memory:'), new ManualClock());
  const files = new Map<string, string>();
  const hasher = createTestPasswordHasher();
  const options = {
    users,
    hasher,
    passwordFromEnv,
    passwordFile: '/data/initial-admin-password',
    writePrivateFile: (path: string, content: string) => void files.set(path, content),
    logger: silentLogger(),
  };
  return { users, files, hasher, options };
}

describe('bootstrapAdmin', () => {
  test('first run writes a random password to the file; later runs do nothing', async () => {
    const { users, files, hasher, options } = setup(undefined);
    expect(await bootstrapAdmin(options)).toBe('created-with-file');
    const password = files.get('/data/initial-admin-password')?.trim() ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    const admin = users.findByUsername('admin');
    expect(admin).toMatchObject({ tenant: 'default', role: 'admin' });
    expect(await hasher.verify(password, admin?.passwordHash ?? '')).toBe(true);
    expect(await bootstrapAdmin(options)).toBe('exists');
    expect(users.count()).toBe(1);
  });

  test('PHARLUX_ADMIN_PASSWORD sets the password and writes no file', async () => {
    const { users, files, hasher, options } = setup('from-the-env');
    expect(await bootstrapAdmin(options)).toBe('created-from-env');
    expect(files.size).toBe(0);
    expect(await hasher.verify('from-the-env', users.findByUsername('admin')?.passwordHash ?? '')).toBe(true);
  });

  test('a too-short PHARLUX_ADMIN_PASSWORD is refused', async () => {
    const { users, options } = setup('short');
    await expect(bootstrapAdmin(options)).rejects.toBeInstanceOf(PasswordPolicyError);
    expect(users.count()).toBe(0);
  });
});
